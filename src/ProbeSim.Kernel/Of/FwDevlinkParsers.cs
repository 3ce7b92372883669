using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Of;

/// <summary>The supplier bindings of drivers/of/property.c that are more than "exact name + #cells".</summary>
internal static class FwDevlinkParsers
{
    /// <summary>A parsed slot that names a node is a hit on it; anything else (empty, dangling, error, past the end) ends the walk.</summary>
    public static FwDevlinkHit? Hit(FwDevlinkContext c, OfPhandleEntry? entry) =>
        entry is { IsResolved: true, Provider: { } supplier } ? new FwDevlinkHit(supplier, c.Node) : null;

    // strcmp_suffix: the name must be longer than the suffix
    public static bool HasSuffix(string name, string suffix) => name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal);

    // DEFINE_SUFFIX_PROP / parse_suffix_prop_cells: of_parse_phandle_with_args, so a missing #cells is always an error
    public static FwDevlinkHit? Suffix(FwDevlinkContext c, string prop, int i, string suffix, string? cellsName) =>
        HasSuffix(prop, suffix) ? Hit(c, OfPhandleArgs.ParseAt(c.Node, prop, cellsName, i, cellsName is null ? 0 : -1, c.Index)) : null;

    // parse_gpio + parse_gpios: *-gpio, *-gpios, but never *,nr-gpios
    public static FwDevlinkHit? GpioSuffix(FwDevlinkContext c, string prop, int i) =>
        Suffix(c, prop, i, "-gpio", "#gpio-cells")
        ?? (HasSuffix(prop, ",nr-gpios") ? null : Suffix(c, prop, i, "-gpios", "#gpio-cells"));

    // parse_gpio_compat: gpio/gpios, skipped on gpio-hog nodes (their lines belong to the parent controller)
    public static FwDevlinkHit? GpioLegacy(FwDevlinkContext c, string prop, int i)
    {
        if (prop is not ("gpio" or "gpios") || c.Node.HasProperty("gpio-hog")) return null;
        return Hit(c, OfPhandleArgs.ParseAt(c.Node, prop, "#gpio-cells", i, -1, c.Index));
    }

    // parse_iommu_maps: of_parse_phandle(np, "iommu-map", 4*i + 1), every cell read as a plain phandle
    public static FwDevlinkHit? IommuMap(FwDevlinkContext c, string prop, int i) =>
        prop == "iommu-map" ? Hit(c, OfPhandleArgs.ParsePhandle(c.Node, prop, i * 4 + 1, c.Index)) : null;

    // parse_interrupts: of_irq_parse_one(np, i), whichever of the two properties is being visited
    public static FwDevlinkHit? Interrupts(FwDevlinkContext c, string prop, int i)
    {
        if (prop is not ("interrupts" or "interrupts-extended")) return null;
        var spec = OfInterrupts.ParseOne(c.Node, i, c.Index);
        return spec.Controller is { } controller && spec.Error is null ? new FwDevlinkHit(controller, c.Node) : null;
    }

    // parse_interrupt_map: the parent of entry i
    public static FwDevlinkHit? InterruptMap(FwDevlinkContext c, string prop, int i)
    {
        if (prop != "interrupt-map") return null;
        var parents = OfInterruptMap.MapParents(c.Node, c.Index);
        return i < parents.Count ? new FwDevlinkHit(parents[i], c.Node) : null;
    }

    // parse_remote_endpoint (node_not_dev era): plain phandle list; of_get_compat_node_parent for the consumer,
    // of_link_to_phandle's of_get_compat_node for the supplier
    public static FwDevlinkHit? RemoteEndpointCompat(FwDevlinkContext c, string prop, int i)
    {
        if (prop != "remote-endpoint") return null;
        var entry = OfPhandleArgs.ParseAt(c.Node, prop, null, i, 0, c.Index);
        if (entry is not { IsResolved: true, Provider: { } remote }) return null;
        var consumer = c.Node.Parent is { } parent ? OfCompatNode.NearestCompatibleAncestor(parent) : null;
        return new FwDevlinkHit(OfCompatNode.NearestCompatibleAncestor(remote), consumer);
    }

    // parse_remote_endpoint (v6.9+): one entry; supplier of_graph_get_remote_port_parent, consumer of_graph_get_port_parent
    public static FwDevlinkHit? RemoteEndpointPortParent(FwDevlinkContext c, string prop, int i)
    {
        if (i > 0 || prop != "remote-endpoint") return null;
        return OfGraph.GetRemotePortParent(c.Node, c.Index) is { } supplier
            ? new FwDevlinkHit(supplier, OfGraph.GetPortParent(c.Node))
            : null;
    }
}
