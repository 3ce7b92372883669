using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Of;

/// <summary>The fw_devlink supplier parser: which nodes a node's properties name as suppliers (drivers/of/property.c).</summary>
public static class OfFwnodeSuppliers
{
    /// <summary>
    /// The supplier references of <paramref name="node"/>, properties in node order, each owned by the first enabled binding
    /// (in <see cref="FwDevlinkBindings.TableOrder"/>) that yields a supplier at index 0.
    /// </summary>
    /// <param name="enabledBindings">Binding names the modelled kernel has (e.g. <see cref="FwDevlinkBindings.V6_6"/>).</param>
    /// <param name="optionalBindings">Binding names flagged optional in that kernel (e.g. <see cref="FwDevlinkBindings.Optional"/>).</param>
    /// <param name="strict">fw_devlink_is_strict(): optional bindings are parsed only when true.</param>
    /// <param name="simpleCellsOptional">Exact-name entries treat a provider without its <c>#xxx-cells</c> as 0 cells (v6.4+) instead of failing.</param>
    // of_fwnode_add_links: every property of the node through of_link_property
    public static IReadOnlyList<OfSupplierRef> Parse(DtNode node, IReadOnlySet<string> enabledBindings, IReadOnlySet<string> optionalBindings,
        bool strict, bool simpleCellsOptional = false, DeviceTreeIndex? index = null)
    {
        var context = new FwDevlinkContext(node, index ?? OfLookup.IndexFor(node), simpleCellsOptional);
        var refs = new List<OfSupplierRef>();
        foreach (var property in node.Properties)
            if (MayLink(property.Name)) LinkProperty(context, property.Name, enabledBindings, optionalBindings, strict, refs);
        return refs;
    }

    static readonly HashSet<string> ExactNames = new(StringComparer.Ordinal)
    {
        "clocks", "interconnects", "iommus", "iommu-map", "mboxes", "io-channel", "io-channels", "io-backends", "interrupt-parent",
        "dmas", "power-domains", "hwlocks", "extcon", "interrupts-extended", "nvmem-cells", "phys", "wakeup-parent",
        "remote-endpoint", "pwms", "resets", "leds", "backlight", "panel", "msi-parent", "pses", "power-supplies", "gpio", "gpios",
        "interrupts", "interrupt-map", "access-controllers", "post-init-providers",
        "pinctrl-0", "pinctrl-1", "pinctrl-2", "pinctrl-3", "pinctrl-4", "pinctrl-5", "pinctrl-6", "pinctrl-7", "pinctrl-8",
    };

    /// <summary>A cheap name test before the binding table: only these names or suffixes can name a supplier.</summary>
    private static bool MayLink(string name) =>
        ExactNames.Contains(name) || name.EndsWith("-supply", StringComparison.Ordinal) ||
        name.EndsWith("-gpios", StringComparison.Ordinal) || name.EndsWith("-gpio", StringComparison.Ordinal);

    // of_link_property: the first binding that matches owns the property; every index it yields is linked, failures never stop the scan
    private static void LinkProperty(FwDevlinkContext context, string property, IReadOnlySet<string> enabled, IReadOnlySet<string> optional,
        bool strict, List<OfSupplierRef> refs)
    {
        var i = 0;
        var matched = false;
        foreach (var binding in FwDevlinkBindingTable.All)
        {
            if (matched) return;
            if (!enabled.Contains(binding.Name)) continue;
            var isOptional = optional.Contains(binding.Name);
            if (isOptional && !strict) continue;
            while (binding.Parse(context, property, i) is { } hit)
            {
                matched = true;
                if (hit is { Supplier: { } supplier, Consumer: { } consumer })
                    refs.Add(new OfSupplierRef(property, consumer, supplier, i, isOptional, binding.Ignore));
                i++;
            }
        }
    }
}
