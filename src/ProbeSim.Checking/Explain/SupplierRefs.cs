using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Of;
using ProbeSim.Kernel.Result;

namespace ProbeSim.Checking.Explain;

/// <summary>
/// One thing a device needs from another node: the node and how the consumer names it. For a resource reference the
/// name (<c>clock clocks[0] "bus"</c>) is made only when asked: the invariants of a schedule read the supplier's state and
/// word the relation only for a finding.
/// </summary>
internal readonly record struct SupplierRef(DtNode? Node, DeviceRecord? Device, string? Named, string? ParseError, OfResourceRef? Resource = null)
{
    public string Relation => Named ?? (Resource is { } r ? ResourceRelation(r) : "");

    private static string ResourceRelation(OfResourceRef r) =>
        $"{r.Kind.ToString().ToLowerInvariant()} {r.Property}[{r.Index}]" + (r.Name is null ? "" : $" \"{r.Name}\"");
}

/// <summary>Every supplier a device depends on, in the order its probe asks for them.</summary>
internal static class SupplierRefs
{
    public static List<SupplierRef> Of(BootState state, DeviceRecord dev)
    {
        var list = new List<SupplierRef>();
        var seen = new HashSet<DtNode>(ReferenceEqualityComparer.Instance);
        void Add(SupplierRef r)
        {
            if (r.Node is not null && !seen.Add(r.Node)) return;
            list.Add(r);
        }
        // device_links_check_suppliers: managed links to supplier devices
        foreach (var link in dev.SupplierLinks)
            if (link.Managed && !link.SyncStateOnly && state.DeviceById(link.SupplierId) is { } supplier)
                Add(new SupplierRef(supplier.Node, supplier, "device link", null));
        var np = dev.Node;
        if (np is null) return list;
        // fw_devlink: fwnode links still waiting for a supplier device
        if (state.FwNodeOf(np) is { } fw)
            foreach (var fl in fw.Suppliers)
                if (!fl.Ignore)
                    Add(new SupplierRef(fl.Supplier, fl.SupplierDeviceId is int id ? state.DeviceById(id) : null, $"fwnode link ({fl.Property})", null));
        // the resources the generic probe asks for (clk_get, reset_control_get, regulator_get, ...)
        foreach (var r in state.ResourcesOf(np))
        {
            if (r.Kind == ResourceKind.Iommu) continue;
            if (r.Provider is null)
            {
                if (r.ParseError is not null) list.Add(new SupplierRef(null, null, null, r.ParseError, r));
                continue;
            }
            Add(new SupplierRef(r.Provider, null, null, null, r));
        }
        // of_iommu_configure: the iommus entries
        int i = 0;
        foreach (var (node, _, error) in state.IommusEntriesOf(np))
        {
            if (node is null) list.Add(new SupplierRef(null, null, $"iommus[{i}]", error));
            else Add(new SupplierRef(node, null, $"iommus[{i}]", null));
            i++;
        }
        return list;
    }
}
