using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Of;

/// <summary>The binding table in of_supplier_bindings[] order, with every entry any modelled version had in its slot.</summary>
internal static class FwDevlinkBindingTable
{
    private static readonly string[] PinctrlNames = Enumerable.Range(0, 9).Select(i => $"pinctrl-{i}").ToArray();

    public static readonly IReadOnlyList<FwDevlinkBinding> All = new FwDevlinkBinding[]
    {
        Simple(FwDevlinkBindings.Clocks, "clocks", "#clock-cells"),
        Simple(FwDevlinkBindings.Interconnects, "interconnects", "#interconnect-cells"),
        Simple(FwDevlinkBindings.Iommus, "iommus", "#iommu-cells"),
        new(FwDevlinkBindings.IommuMap, FwDevlinkParsers.IommuMap),
        Simple(FwDevlinkBindings.Mboxes, "mboxes", "#mbox-cells"),
        Simple(FwDevlinkBindings.IoChannelTypo, "io-channel", "#io-channel-cells"),
        Simple(FwDevlinkBindings.IoChannels, "io-channels", "#io-channel-cells"),
        Simple(FwDevlinkBindings.IoBackends, "io-backends", "#io-backend-cells"),
        Simple(FwDevlinkBindings.InterruptParent, "interrupt-parent", null),
        Simple(FwDevlinkBindings.Dmas, "dmas", "#dma-cells"),
        Simple(FwDevlinkBindings.PowerDomains, "power-domains", "#power-domain-cells"),
        Simple(FwDevlinkBindings.Hwlocks, "hwlocks", "#hwlock-cells"),
        Simple(FwDevlinkBindings.Extcon, "extcon", null),
        Simple(FwDevlinkBindings.InterruptsExtended, "interrupts-extended", "#interrupt-cells"),
        // nvmem-cells: no cells name before v6.4, #nvmem-cell-cells with 0 as fallback after; the same for real trees
        new(FwDevlinkBindings.NvmemCells, (c, p, i) => p == "nvmem-cells" ? FwDevlinkParsers.Hit(c, OfPhandleArgs.ParseAt(c.Node, p, "#nvmem-cell-cells", i, 0, c.Index)) : null),
        Simple(FwDevlinkBindings.Phys, "phys", "#phy-cells"),
        Simple(FwDevlinkBindings.WakeupParent, "wakeup-parent", null),
        // parse_pinctrl0 .. parse_pinctrl8: plain phandles to pin configuration nodes
        new(FwDevlinkBindings.Pinctrl, (c, p, i) => PinctrlNames.Contains(p) ? FwDevlinkParsers.Hit(c, OfPhandleArgs.ParseAt(c.Node, p, null, i, 0, c.Index)) : null),
        new(FwDevlinkBindings.RemoteEndpointCompat, FwDevlinkParsers.RemoteEndpointCompat),
        new(FwDevlinkBindings.RemoteEndpointPortParent, FwDevlinkParsers.RemoteEndpointPortParent),
        Simple(FwDevlinkBindings.Pwms, "pwms", "#pwm-cells"),
        Simple(FwDevlinkBindings.Resets, "resets", "#reset-cells"),
        Simple(FwDevlinkBindings.Leds, "leds", null),
        Simple(FwDevlinkBindings.Backlight, "backlight", null),
        Simple(FwDevlinkBindings.Panel, "panel", null),
        Simple(FwDevlinkBindings.MsiParent, "msi-parent", "#msi-cells"),
        Simple(FwDevlinkBindings.Pses, "pses", "#pse-cells"),
        Simple(FwDevlinkBindings.PowerSupplies, "power-supplies", null),
        new(FwDevlinkBindings.GpioLegacy, FwDevlinkParsers.GpioLegacy),
        new(FwDevlinkBindings.Interrupts, FwDevlinkParsers.Interrupts),
        new(FwDevlinkBindings.InterruptMap, FwDevlinkParsers.InterruptMap),
        Simple(FwDevlinkBindings.AccessControllers, "access-controllers", "#access-controller-cells"),
        // parse_regulators: any *-supply, plain phandles
        new(FwDevlinkBindings.Supply, (c, p, i) => FwDevlinkParsers.Suffix(c, p, i, "-supply", null)),
        new(FwDevlinkBindings.GpioSuffix, FwDevlinkParsers.GpioSuffix),
        Simple(FwDevlinkBindings.PostInitProviders, "post-init-providers", null) with { Ignore = true },
    };

    // DEFINE_SIMPLE_PROP / parse_prop_cells: exact name; a missing #cells is an error, or 0 from v6.4 (SimpleCellsOptional)
    private static FwDevlinkBinding Simple(string name, string listName, string? cellsName) =>
        new(name, (c, p, i) => p == listName
            ? FwDevlinkParsers.Hit(c, OfPhandleArgs.ParseAt(c.Node, listName, cellsName, i, cellsName is null || c.SimpleCellsOptional ? 0 : -1, c.Index))
            : null);
}
