using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Iommu;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Boot;

/// <summary>The StreamID a master's DMA carries on the bus, and the IOMMU instance that sees it.</summary>
internal readonly record struct WireStream(IommuInstance Instance, uint StreamId);

public sealed partial class Kernel
{
    /// <summary>
    /// The stream a device's transactions carry whatever the kernel configured: a platform master's first <c>iommus</c>
    /// entry; a PCI function's requester ID as the last bridge rewrites it (pci_for_each_dma_alias's last alias below the
    /// root bus), through the host's iommu-map. Null when no registered IOMMU sees it.
    /// </summary>
    internal WireStream? WireStreamOf(Device dev)
    {
        DtNode? node;
        uint sid;
        if (dev.Pci is not null)
        {
            if (_pciHostNode is not { } host) return null;
            uint? rid = null;
            foreach (var a in dev.Pci.DmaAliases())
            {
                rid = a.Rid;
                if (a.Function.Parent is null) break;
            }
            if (rid is null || IommuMapLookup(host, rid.Value) is not { } hit) return null;
            (node, sid) = hit;
        }
        else
        {
            if (dev.Node is null) return null;
            var first = IommusEntries(dev.Node).FirstOrDefault();
            if (first.Node is null || first.Ids.Count == 0) return null;
            (node, sid) = (first.Node, first.Ids[0]);
        }
        return IommuOpsFromFwnode(node) is { } inst ? new WireStream(inst, sid) : null;
    }

    // of_map_id without its messages: the iommu-map entry covering this RID
    private (DtNode Node, uint Id)? IommuMapLookup(DtNode host, uint rid)
    {
        var map = host.GetProperty("iommu-map");
        if (map is null || map.Length == 0 || map.Length % 16 != 0) return null;
        uint masked = rid & (host.GetU32("iommu-map-mask") ?? 0xffffffff);
        for (int i = 0; i + 4 <= map.Length / 4; i += 4)
        {
            uint ridBase = map.GetU32(i), len = map.GetU32(i + 3);
            if (masked < ridBase || masked - ridBase >= len) continue;
            return Index.ByPhandle(map.GetU32(i + 1)) is { } target ? (target, masked - ridBase + map.GetU32(i + 2)) : null;
        }
        return null;
    }

    /// <summary>
    /// What an enabled SMMU with bypass disabled does with the stream of a master that has no group: another master's STE
    /// translates it, an L2 table with abort STEs stops it silently, or (no L2 table, or beyond the table) it is refused
    /// with a C_BAD_STREAMID event (arm_smmu_write_strtab_ent, arm_smmu_init_bypass_stes; SMMUv3 spec 7.3).
    /// </summary>
    private string? BlockedStreamNote(Device dev)
    {
        if (WireStreamOf(dev) is not { } w) return null;
        var inst = w.Instance;
        if (inst.Traits.Kind != IommuKind.ArmSmmuV3)
            return $"bound without a group behind {inst.Device.Name}, whose unmatched streams fault (disable_bypass): its DMA is aborted";
        if (inst.Streams.TryGetValue(w.StreamId, out var owner) && owner != dev)
            return $"bound without an IOMMU, but its DMA carries StreamID {w.StreamId}, which {inst.Device.Name} translates with {owner.Name}'s domain: its dma-direct addresses fault or reach that device's mappings";
        if (inst.L2Spans.Contains(w.StreamId >> StrtabSplit))
            return $"bound without an IOMMU; {inst.Device.Name} aborts StreamID {w.StreamId} (an abort STE, disable_bypass): its DMA fails without an event";
        // evtq entry dword 0: StreamID in bits 63:32, event id in 7:0
        return $"bound without an IOMMU; {inst.Device.Name} aborts StreamID {w.StreamId}, which has no stream table entry: its next DMA logs \"{inst.Device.DriverString} {inst.Device.Name}: event 0x02 received:\" / \"0x{((ulong)w.StreamId << 32) | 0x02:x16}\" (C_BAD_STREAMID)";
    }
}
