using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Dma;
using ProbeSim.Kernel.Iommu;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Pci;

namespace ProbeSim.Kernel.Dma;

/// <summary>The StreamID a master's DMA carries on the bus, and the IOMMU instance that sees it.</summary>
internal readonly record struct WireStream(IommuInstance Instance, uint StreamId);

/// <summary>What an enabled SMMU with bypass disabled does with a stream no group of the master's holds.</summary>
internal enum StreamFate
{
    /// <summary>arm-smmu (v1/v2): an unmatched stream faults (disable_bypass).</summary>
    Unmatched,
    /// <summary>arm-smmu-v3: another master's STE translates it with that master's domain.</summary>
    OtherMastersSte,
    /// <summary>arm-smmu-v3: a level-2 table exists with an abort STE: stopped without an event.</summary>
    AbortSte,
    /// <summary>arm-smmu-v3: no stream table entry at all: C_BAD_STREAMID (event 0x02).</summary>
    BadStreamId,
}

// the stream a master's DMA carries, and what an enabled SMMU does with it
internal sealed partial class DmaMapping
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
            if (_k.PciCore.HostNode is not { } host || host.GetProperty("iommu-map") is not { } map || PciCore.LastAliasRid(dev.Pci.DmaAliases()) is not [var rid]) return null;
            var hit = OfMapId.Lookup(host, map, rid, _k.Index);
            if (hit.Kind != MapIdKind.Hit) return null;
            (node, sid) = (hit.Node!, hit.Id);
        }
        else
        {
            if (dev.Node is null) return null;
            var first = _k.OfPlatform.IommusEntries(dev.Node).FirstOrDefault();
            if (first.Node is null || first.Ids.Count == 0) return null;
            (node, sid) = (first.Node, first.Ids[0]);
        }
        return IommuCore.IommuOpsFromFwnode(node) is { } inst ? new WireStream(inst, sid) : null;
    }

    // arm_smmu_write_strtab_ent / arm_smmu_init_bypass_stes (abort STEs with disable_bypass); SMMUv3 spec: C_BAD_STREAMID
    // when the StreamID has no stream table entry (no level-2 table, or beyond the table)
    private static StreamFate FateOf(WireStream w, Device dev)
    {
        var inst = w.Instance;
        if (inst.Traits.Kind != IommuKind.ArmSmmuV3) return StreamFate.Unmatched;
        if (inst.Streams.TryGetValue(w.StreamId, out var owner) && owner != dev) return StreamFate.OtherMastersSte;
        return inst.L2Spans.Contains(w.StreamId >> IommuCore.StrtabSplit) ? StreamFate.AbortSte : StreamFate.BadStreamId;
    }

    // evtq entry dword 0: StreamID in bits 63:32, event id in 7:0
    private static ulong BadStreamIdDword(uint sid) => ((ulong)sid << 32) | 0x02;

    /// <summary>The DMA note of a master whose stream an enabled SMMU stops (<see cref="StreamFate"/>).</summary>
    private DmaNote? BlockedStreamNote(Device dev)
    {
        if (WireStreamOf(dev) is not { } w) return null;
        var inst = w.Instance;
        return FateOf(w, dev) switch
        {
            StreamFate.Unmatched => new DmaNote.UnmatchedStreamFaults(inst.Device.Name),
            StreamFate.OtherMastersSte => new DmaNote.OtherMastersStream(inst.Device.Name, w.StreamId, inst.Streams[w.StreamId].Name),
            StreamFate.AbortSte => new DmaNote.AbortStream(inst.Device.Name, w.StreamId),
            _ => new DmaNote.BadStreamId(inst.Device.Name, inst.Device.DriverString, w.StreamId, BadStreamIdDword(w.StreamId)),
        };
    }

    // what the SMMU logs when such a master's transaction arrives
    private void BlockedAccessLog(Device dev)
    {
        var w = WireStreamOf(dev);
        var inst = w?.Instance ?? dev.Iommu.Fwspec?.Ops;
        uint sid = w?.StreamId ?? dev.Iommu.Fwspec?.Ids.FirstOrDefault() ?? 0;
        if (w is { } wire && inst!.Traits.Kind == IommuKind.ArmSmmuV3)
        {
            // arm_smmu_evtq_thread: only C_BAD_STREAMID is an event here; an abort STE or another master's STE logs nothing
            if (FateOf(wire, dev) != StreamFate.BadStreamId) return;
            var prefix = $"{inst.Device.DriverString} {inst.Device.Name}:";
            Printk(LogLevel.Info, $"{prefix} event 0x02 received:", inst.Device);
            Printk(LogLevel.Info, $"{prefix} \t0x{BadStreamIdDword(sid):x16}", inst.Device);
            for (int i = 0; i < 3; i++) Printk(LogLevel.Info, $"{prefix} \t0x{0UL:x16}", inst.Device);
            return;
        }
        // arm_smmu_global_fault with disable_bypass (arm-smmu v1/v2)
        Printk(LogLevel.Err, $"arm-smmu {inst?.Device.Name ?? "iommu"}: Blocked unknown Stream ID 0x{sid & 0xffff:x}; boot with \"arm-smmu.disable_bypass=0\" to allow, but this may have security implications", dev);
    }
}
