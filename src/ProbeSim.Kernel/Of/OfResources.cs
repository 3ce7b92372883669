using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Of;

/// <summary>
/// What a generic driver probe asks for from its own node's properties, each read the way its subsystem reads it
/// (no <c>*-map</c> nexus translation). Within a list property the walk stops at the first parse error, as the kernel's
/// phandle iterator does; empty slots (phandle 0) are skipped but keep their index.
/// </summary>
public static partial class OfResources
{
    /// <summary>Power domains, clocks, resets, regulators, PHYs, interrupts, GPIOs, DMA channels and IOMMUs, in that order.</summary>
    public static IReadOnlyList<OfResourceRef> Collect(DtNode node, DeviceTreeIndex? index = null)
    {
        index ??= OfLookup.IndexFor(node);
        var refs = new List<OfResourceRef>();
        // genpd_dev_pm_attach / of_genpd_*: power-domains with #power-domain-cells
        AddList(refs, node, ResourceKind.PowerDomain, "power-domains", "#power-domain-cells", "power-domain-names", -1, index);
        // of_clk_get / of_parse_clkspec: clocks with #clock-cells, clock-names
        AddList(refs, node, ResourceKind.Clock, "clocks", "#clock-cells", "clock-names", -1, index);
        // __of_reset_control_get: resets with #reset-cells, reset-names
        AddList(refs, node, ResourceKind.Reset, "resets", "#reset-cells", "reset-names", -1, index);
        AddSupplies(refs, node, index);
        // _of_phy_get: phys with #phy-cells, phy-names
        AddList(refs, node, ResourceKind.Phy, "phys", "#phy-cells", "phy-names", -1, index);
        AddInterrupts(refs, node, index);
        AddGpios(refs, node, index);
        // of_dma_request_slave_channel: dmas with #dma-cells, dma-names
        AddList(refs, node, ResourceKind.Dma, "dmas", "#dma-cells", "dma-names", -1, index);
        // of_iommu_configure: of_for_each_phandle over iommus with #iommu-cells, 0 when the IOMMU lacks it
        AddList(refs, node, ResourceKind.Iommu, "iommus", "#iommu-cells", null, 0, index);
        return refs;
    }

    private static void AddList(List<OfResourceRef> refs, DtNode node, ResourceKind kind, string list, string cellsName, string? namesProperty,
        int cellCount, DeviceTreeIndex index, Func<int, string?>? nameOf = null)
    {
        var names = namesProperty is null ? Array.Empty<string>() : node.GetStringList(namesProperty);
        foreach (var entry in OfPhandleArgs.Parse(node, list, cellsName, cellCount, index))
        {
            // of_property_match_string: names line up with slot indices, empty slots included
            var name = nameOf?.Invoke(entry.Index) ?? (entry.Index < names.Count ? names[entry.Index] : null);
            refs.Add(new OfResourceRef(kind, list, entry.Index, name, entry.Provider, entry.Error));
        }
    }

    // of_get_regulator: "<id>-supply", of_parse_phandle(np, prop, 0)
    private static void AddSupplies(List<OfResourceRef> refs, DtNode node, DeviceTreeIndex index)
    {
        foreach (var prop in node.Properties)
        {
            if (!FwDevlinkParsers.HasSuffix(prop.Name, "-supply")) continue;
            var entry = OfPhandleArgs.ParsePhandle(node, prop.Name, 0, index);
            if (entry is null) continue;
            refs.Add(new OfResourceRef(ResourceKind.Regulator, prop.Name, 0, prop.Name[..^"-supply".Length], entry.Provider, entry.Error));
        }
    }

    // of_find_gpio: <con>-gpios, <con>-gpio, then gpios/gpio without a connection id; *,nr-gpios is a count, not a list
    private static void AddGpios(List<OfResourceRef> refs, DtNode node, DeviceTreeIndex index)
    {
        foreach (var prop in node.Properties)
        {
            var name = prop.Name;
            string? conId;
            if (name is "gpios" or "gpio") conId = null;
            else if (FwDevlinkParsers.HasSuffix(name, "-gpios") && !FwDevlinkParsers.HasSuffix(name, ",nr-gpios")) conId = name[..^"-gpios".Length];
            else if (FwDevlinkParsers.HasSuffix(name, "-gpio")) conId = name[..^"-gpio".Length];
            else continue;
            AddList(refs, node, ResourceKind.Gpio, name, "#gpio-cells", null, -1, index, _ => conId);
        }
    }
}
