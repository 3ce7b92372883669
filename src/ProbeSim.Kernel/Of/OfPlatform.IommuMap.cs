using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Pci;

namespace ProbeSim.Kernel.Of;

// The PCI branch of of_iommu_configure (of_pci_iommu_init): a requester ID through the host bridge's iommu-map
internal sealed partial class OfPlatform
{
    // of_map_id over iommu-map / iommu-map-mask for each RID (spec iommu-core R3.4), with its messages
    private List<(DtNode? Node, IReadOnlyList<uint> Ids, string? Error)> IommuMapEntries(Device dev, DtNode host, IReadOnlyList<uint> rids)
    {
        var list = new List<(DtNode?, IReadOnlyList<uint>, string?)>();
        var map = host.GetProperty("iommu-map");
        if (map is null || rids.Count == 0) return list;
        foreach (var rid in rids)
        {
            var r = OfMapId.Lookup(host, map, rid, Index);
            switch (r.Kind)
            {
                case MapIdKind.Hit:
                    list.Add((r.Node, new[] { r.Id }, null));
                    continue;
                case MapIdKind.BadLength:
                    Printk(LogLevel.Err, $"{host.Path}: Error: Bad iommu-map length: {r.Length}");
                    list.Add((null, Array.Empty<uint>(), "bad iommu-map length"));
                    return list;
                case MapIdKind.MaskIgnoresBase:
                    Printk(LogLevel.Err, $"{host.Path}: Invalid iommu-map translation - iommu-map-mask (0x{r.Mask:x}) ignores rid-base (0x{r.RidBase:x})");
                    list.Add((null, Array.Empty<uint>(), "invalid iommu-map translation (-EFAULT)"));
                    return list;
                case MapIdKind.DanglingPhandle:
                    list.Add((null, Array.Empty<uint>(), $"iommu-map: dangling phandle 0x{r.Phandle:x}"));
                    return list;
                default:
                    // of_map_id: the target node is still NULL when nothing matched
                    Printk(LogLevel.Info, $"OF: {host.Path}: no iommu-map translation for id 0x{rid:x} on (null)");
                    list.Clear();
                    list.Add((null, Array.Empty<uint>(), $"no iommu-map translation for id 0x{rid:x}"));
                    return list;
            }
        }
        return list;
    }
}
