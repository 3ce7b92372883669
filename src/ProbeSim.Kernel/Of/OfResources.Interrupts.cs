using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Of;

public static partial class OfResources
{
    // platform_get_irq -> of_irq_get -> of_irq_parse_one, once per specifier; names from interrupt-names
    private static void AddInterrupts(List<OfResourceRef> refs, DtNode node, DeviceTreeIndex index)
    {
        var names = node.GetStringList("interrupt-names");
        string? NameOf(int i) => i < names.Count ? names[i] : null;

        if (node.HasProperty("interrupts-extended"))
        {
            // interrupts-extended: each slot names its own parent; a slot error ends the list
            foreach (var entry in OfPhandleArgs.Parse(node, "interrupts-extended", "#interrupt-cells", -1, index))
            {
                if (entry is not { IsResolved: true, Provider: { } parent })
                {
                    refs.Add(new OfResourceRef(ResourceKind.Interrupt, "interrupts-extended", entry.Index, NameOf(entry.Index), null, entry.Error));
                    break;
                }
                var reg = node.GetProperty("reg") is { } r ? OfLookup.Cells(r) : null;
                var spec = OfInterruptMap.ParseRaw(reg, parent, entry.Args, index);
                refs.Add(new OfResourceRef(ResourceKind.Interrupt, "interrupts-extended", entry.Index, NameOf(entry.Index), spec.Controller, spec.Error));
            }
            return;
        }

        var prop = node.GetProperty("interrupts");
        if (prop is null) return;
        var count = CountInterrupts(node, prop, index);
        for (var i = 0; i < count; i++)
        {
            var spec = OfInterrupts.ParseOne(node, i, index);
            refs.Add(new OfResourceRef(ResourceKind.Interrupt, "interrupts", i, NameOf(i), spec.Controller, spec.Error));
        }
    }

    // of_irq_count: specifiers of #interrupt-cells each; a trailing partial one is listed too (it fails to parse)
    private static int CountInterrupts(DtNode node, DtProperty prop, DeviceTreeIndex index)
    {
        var cells = prop.Length / 4;
        if (OfInterrupts.FindInterruptParent(node, index)?.GetU32("#interrupt-cells") is not { } size) return cells > 0 ? 1 : 0;
        if (size == 0) return 1;
        return (int)((cells + size - 1) / size);
    }
}
