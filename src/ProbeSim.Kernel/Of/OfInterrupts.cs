using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Of;

/// <summary>Finding the interrupt parent and resolving one interrupt of a node (drivers/of/irq.c).</summary>
public static class OfInterrupts
{
    // a cycle of interrupt-parent phandles would loop forever in the kernel; the model gives up instead
    private const int MaxHops = 256;

    /// <summary>
    /// The interrupt parent of <paramref name="child"/>: follow <c>interrupt-parent</c> where a node has one, else go to the
    /// tree parent, until a node with <c>#interrupt-cells</c> is reached (the child itself is never the answer).
    /// Null when a phandle dangles or the root is passed.
    /// </summary>
    // of_irq_find_parent: interrupt-parent or tree parent, repeated until a node carries #interrupt-cells
    public static DtNode? FindInterruptParent(DtNode child, DeviceTreeIndex? index = null)
    {
        index ??= OfLookup.IndexFor(child);
        var node = child;
        for (var hop = 0; hop < MaxHops; hop++)
        {
            var p = node.GetU32("interrupt-parent") is { } phandle ? OfLookup.ByPhandle(index, phandle) : node.Parent;
            if (p is null || p.HasProperty("#interrupt-cells")) return p;
            node = p;
        }
        return null;
    }

    /// <summary>
    /// Interrupt <paramref name="irqIndex"/> of <paramref name="device"/>: from <c>interrupts-extended</c> if that slot parses,
    /// else from <c>interrupts</c> with the inherited interrupt parent; then through any <c>interrupt-map</c> on the way.
    /// </summary>
    // of_irq_parse_one: interrupts-extended first, then interrupts + of_irq_find_parent, then of_irq_parse_raw
    public static OfIrqSpec ParseOne(DtNode device, int irqIndex, DeviceTreeIndex? index = null)
    {
        index ??= OfLookup.IndexFor(device);
        var reg = device.GetProperty("reg") is { } r ? OfLookup.Cells(r) : null;

        var ext = OfPhandleArgs.ParseAt(device, "interrupts-extended", "#interrupt-cells", irqIndex, -1, index);
        if (ext is { IsResolved: true, Provider: { } extParent })
            return OfInterruptMap.ParseRaw(reg, extParent, ext.Args, index);

        var parent = FindInterruptParent(device, index);
        if (parent is null) return OfIrqSpec.Fail($"{device.Path}: no interrupt parent");
        if (parent.GetU32("#interrupt-cells") is not { } intSize)
            return OfIrqSpec.Fail($"{device.Path}: interrupt parent {parent.Path} has no #interrupt-cells");

        var prop = device.GetProperty("interrupts");
        if (prop is null) return OfIrqSpec.Fail($"{device.Path}: no interrupts property");
        var cells = OfLookup.Cells(prop);
        var start = (long)irqIndex * intSize;
        // a zero-cell specifier would make every index valid; the model allows only the first
        if (irqIndex < 0 || start + intSize > cells.Length || (intSize == 0 && irqIndex > 0))
            return OfIrqSpec.Fail($"{device.Path}: interrupts has no entry {irqIndex} of {intSize} cells");
        return OfInterruptMap.ParseRaw(reg, parent, cells.AsSpan((int)start, (int)intSize).ToArray(), index);
    }
}
