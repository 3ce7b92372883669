using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Of;

/// <summary>Walking an interrupt specifier up the interrupt tree through <c>interrupt-map</c> nexus nodes (drivers/of/irq.c).</summary>
internal static class OfInterruptMap
{
    private const int MaxLevels = 64;

    // of_irq_imap_abusers: controllers whose own interrupt-map the core must ignore
    private static readonly string[] ImapAbusers =
    {
        "CBEA,platform-spider-pic", "sti,platform-spider-pic", "realtek,rtl-intc",
        "fsl,ls1021a-extirq", "fsl,ls1043a-extirq", "fsl,ls1088a-extirq", "renesas,rza1-irqc",
    };

    /// <summary>One decoded interrupt-map parent: the node, its unit address cells and its specifier.</summary>
    internal sealed record MapParent(DtNode Node, uint[] Address, uint[] Spec, int Next);

    // of_irq_parse_imap_parent: phandle, then the parent's #address-cells (default 0) and #interrupt-cells (required)
    internal static MapParent? ParseParent(uint[] map, int pos, DeviceTreeIndex index)
    {
        if (pos >= map.Length) return null;
        var node = OfLookup.ByPhandle(index, map[pos]);
        if (node?.GetU32("#interrupt-cells") is not { } intSize) return null;
        var addrSize = node.GetU32("#address-cells") ?? 0;
        var rest = map.Length - pos - 1;
        if ((long)addrSize + intSize > OfLookup.MaxPhandleArgs || rest < addrSize + intSize) return null;
        var address = map.AsSpan(pos + 1, (int)addrSize).ToArray();
        var spec = map.AsSpan(pos + 1 + (int)addrSize, (int)intSize).ToArray();
        return new MapParent(node, address, spec, pos + 1 + (int)(addrSize + intSize));
    }

    // of_irq_parse_raw: from the specifier's parent, translate through interrupt-map nodes until an interrupt controller
    internal static OfIrqSpec ParseRaw(uint[]? reg, DtNode start, uint[] args, DeviceTreeIndex index)
    {
        DtNode? ipar = start;
        uint intSize = 0;
        for (var hop = 0; ipar is not null && hop < MaxLevels; hop++)
        {
            if (ipar.GetU32("#interrupt-cells") is { } n) { intSize = n; break; }
            ipar = OfInterrupts.FindInterruptParent(ipar, index);
        }
        if (ipar is null) return OfIrqSpec.Fail($"{start.Path}: no interrupt parent with #interrupt-cells");
        if (args.Length != intSize)
            return OfIrqSpec.Fail($"{ipar.Path}: specifier has {args.Length} cells, #interrupt-cells is {intSize}");

        // the "old linux trick": #address-cells of the parent or the nearest ancestor, default 2
        var addrSize = 2u;
        for (var n = ipar; n is not null; n = n.Parent)
            if (n.GetProperty("#address-cells") is { } ac) { addrSize = ac.Length >= 4 ? ac.GetU32() : 2u; break; }
        // WARN_ON(addrsize + intsize > MAX_PHANDLE_ARGS), -EFAULT; summed without the kernel's u32 wrap-around
        // (#address-cells = <0xffffffff> would pass the check there and overrun its match array)
        if ((long)addrSize + intSize > OfLookup.MaxPhandleArgs)
            return OfIrqSpec.Fail($"{ipar.Path}: #address-cells + #interrupt-cells exceed {OfLookup.MaxPhandleArgs}");

        // newer kernels match a missing or short reg as zeros (older ones failed once a map needed the address)
        var match = new uint[addrSize + intSize];
        for (var i = 0; i < addrSize; i++) match[i] = reg is not null && i < reg.Length ? reg[i] : 0;
        args.CopyTo(match, (int)addrSize);

        for (var level = 0; ipar is not null && level < MaxLevels; level++)
        {
            var intc = ipar.HasProperty("interrupt-controller");
            var imap = ipar.GetProperty("interrupt-map");
            if (intc && (imap is null || ImapAbusers.Any(ipar.IsCompatible)))
                return new OfIrqSpec(ipar, args, null);
            if (imap is null)
            {
                ipar = OfInterrupts.FindInterruptParent(ipar, index);
                continue;
            }

            var found = MatchEntry(ipar, OfLookup.Cells(imap), match, index, out var error);
            if (error is not null) return OfIrqSpec.Fail(error);
            if (found is null)
            {
                // an interrupt controller whose map has no entry for the specifier handles it itself
                if (intc) return new OfIrqSpec(ipar, args, null);
                return OfIrqSpec.Fail($"{ipar.Path}: no interrupt-map entry matches");
            }

            args = found.Spec;
            match = found.Address.Concat(found.Spec).ToArray();
            // an interrupt-map entry pointing back at its own node ends the walk there
            if (ReferenceEquals(found.Node, ipar)) return new OfIrqSpec(ipar, args, null);
            ipar = found.Node;
        }
        return OfIrqSpec.Fail($"{start.Path}: no interrupt controller reached");
    }

    // the interrupt-map scan of of_irq_parse_raw: masked compare, first available matching entry wins
    private static MapParent? MatchEntry(DtNode nexus, uint[] map, uint[] match, DeviceTreeIndex index, out string? error)
    {
        error = null;
        var mask = nexus.GetProperty("interrupt-map-mask") is { } m ? OfLookup.Cells(m) : Array.Empty<uint>();
        var pos = 0;
        while (map.Length - pos > match.Length + 1)
        {
            var hit = true;
            for (var i = 0; i < match.Length; i++)
                hit &= ((match[i] ^ map[pos + i]) & (i < mask.Length ? mask[i] : ~0u)) == 0;
            pos += match.Length;
            var parent = ParseParent(map, pos, index);
            if (parent is null)
            {
                error = $"{nexus.Path}: bad interrupt-map entry parent at cell {pos}";
                return null;
            }
            if (hit && parent.Node.IsAvailable) return parent;
            pos = parent.Next;
        }
        return null;
    }

    // parse_interrupt_map (fw_devlink): the parent of every entry in order, stopping at the first undecodable one
    internal static IReadOnlyList<DtNode> MapParents(DtNode nexus, DeviceTreeIndex index)
    {
        var parents = new List<DtNode>();
        if (nexus.GetU32("#interrupt-cells") is not { } intCells || nexus.GetProperty("interrupt-map") is not { } imap) return parents;
        var addrCells = BusAddrCells(nexus);
        var map = OfLookup.Cells(imap);
        var pos = 0L;
        while (pos + addrCells + intCells + 1 < map.Length)
        {
            pos += addrCells + intCells;
            var parent = ParseParent(map, (int)pos, index);
            if (parent is null) break;
            parents.Add(parent.Node);
            pos = parent.Next;
        }
        return parents;
    }

    // of_bus_n_addr_cells: #address-cells of the node itself or its nearest ancestor, default 1
    private static uint BusAddrCells(DtNode node)
    {
        for (var n = node; n is not null; n = n.Parent)
            if (n.GetU32("#address-cells") is { } v) return v;
        return 1;
    }
}
