using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Drivers.Imported;
using ProbeSim.Kernel.Of;

namespace ProbeSim.Kernel.Providers;

/// <summary>Which of a node's resource references a plan's request names (by index, by name, or all).</summary>
internal static class PlanResources
{
    /// <summary>The resource kind <see cref="OfResources.Collect"/> lists for a plan resource; null = looked up apart.</summary>
    public static ResourceKind? KindOf(PlanResource r) => r switch
    {
        PlanResource.Clock => ResourceKind.Clock,
        PlanResource.Reset => ResourceKind.Reset,
        PlanResource.Regulator => ResourceKind.Regulator,
        PlanResource.PowerDomain => ResourceKind.PowerDomain,
        PlanResource.Phy => ResourceKind.Phy,
        PlanResource.Interrupt => ResourceKind.Interrupt,
        PlanResource.Gpio => ResourceKind.Gpio,
        PlanResource.Dma => ResourceKind.Dma,
        PlanResource.Pinctrl => ResourceKind.Pinctrl,
        _ => null,
    };

    public static IReadOnlyList<OfResourceRef> Select(IReadOnlyList<OfResourceRef> refs, ResourceKind kind, PlanStep step)
    {
        var lookup = step.Lookup ?? PlanLookup.Index;
        bool all = lookup == PlanLookup.All || lookup == PlanLookup.Name && step.Name is not null && NamePattern.IsPattern(step.Name);
        List<OfResourceRef>? many = null;
        for (int i = 0; i < refs.Count; i++)
        {
            var r = refs[i];
            if (r.Kind != kind || !Selects(r, kind, step, lookup)) continue;
            // every entry for "all" and a name pattern; the first that fits otherwise
            if (!all) return new[] { r };
            (many ??= new List<OfResourceRef>()).Add(r);
        }
        return many is null ? Array.Empty<OfResourceRef>() : many;
    }

    private static bool Selects(OfResourceRef r, ResourceKind kind, PlanStep step, PlanLookup lookup)
    {
        switch (lookup)
        {
            case PlanLookup.All:
                return true;
            case PlanLookup.Name when step.Name is not null && NamePattern.IsPattern(step.Name):
                // snprintf(name, .., "usb%d_phy", i) in a loop: every entry whose name fits
                return r.Name is not null && NamePattern.Matches(step.Name, r.Name);
            case PlanLookup.Name when kind == ResourceKind.Gpio:
                // gpiod_get_index(dev, con_id, idx): <con_id>-gpios (or gpios for a NULL con_id), entry idx
                return r.Name == step.Name && r.Index == (step.Index ?? 0);
            case PlanLookup.Name when step.Name is not null:
                // of_property_match_string on clock-names/reset-names/phy-names/dma-names/interrupt-names; supply id
                return string.Equals(r.Name, step.Name, StringComparison.Ordinal);
            default:
                // by index (a NULL name is index 0): the Nth entry of the list property
                int index = step.Index ?? 0;
                return kind == ResourceKind.Gpio ? r.Name is null && r.Index == index : r.Index == index;
        }
    }

    /// <summary>The entry of a resource outside <see cref="OfResources.Collect"/>: io-channels, mboxes, pwms, nvmem-cells by index or name; syscon and plain phandles by property (the step's name).</summary>
    public static OfPhandleEntry? FindExtra(DtNode node, PlanStep step, DeviceTreeIndex index)
    {
        (string List, string? Cells, string Names, int Count)? spec = step.Resource switch
        {
            PlanResource.IoChannel => ("io-channels", "#io-channel-cells", "io-channel-names", -1),
            PlanResource.Mailbox => ("mboxes", "#mbox-cells", "mbox-names", -1),
            PlanResource.Pwm => ("pwms", "#pwm-cells", "pwm-names", -1),
            PlanResource.Nvmem => ("nvmem-cells", null, "nvmem-cell-names", 0),
            _ => null,
        };
        if (spec is not { } s)
            return step.Name is { } prop ? OfPhandleArgs.ParsePhandle(node, prop, step.Index ?? 0, index) : null;
        int slot = step.Index ?? 0;
        if (step.Lookup == PlanLookup.Name && step.Name is not null)
        {
            var names = node.GetStringList(s.Names);
            slot = -1;
            for (int i = 0; i < names.Count; i++) if (names[i] == step.Name) { slot = i; break; }
            if (slot < 0) return null;
        }
        return OfPhandleArgs.ParseAt(node, s.List, s.Cells, slot, s.Count, index);
    }

    public static string Describe(PlanStep step) =>
        step.Lookup == PlanLookup.Name && step.Name is not null ? $"\"{step.Name}\"" : step.Name ?? $"[{step.Index ?? 0}]";
}
