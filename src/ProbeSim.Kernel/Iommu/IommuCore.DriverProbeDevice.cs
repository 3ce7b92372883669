using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Iommu;

// The IOMMU drivers' own checks in ops->probe_device and their release_device (arm-smmu, arm-smmu-v3 StreamIDs).
internal sealed partial class IommuCore
{
    /// <summary>
    /// The driver's own checks in ops->probe_device (add_device before v5.8), before any group: StreamID width and, for
    /// arm-smmu-v3, the SMMU's StreamID tree. A refusal leaves the device without a group; the core drops the error.
    /// </summary>
    private int IommuDriverProbeDevice(Device dev, IommuInstance inst)
    {
        dev.Iommu.ProbeRefusal = null;
        var ids = dev.Iommu.Fwspec?.Ids;
        if (ids is null || ids.Count == 0) return 0;
        var refusal = inst.Traits.Kind switch
        {
            IommuKind.ArmSmmuV3 => SmmuV3InsertMaster(dev, inst, ids),
            IommuKind.ArmSmmu => SmmuStreamIdsInRange(dev, inst, ids),
            _ => null,
        };
        dev.Iommu.ProbeRefusal = refusal;
        return refusal?.Errno ?? 0;
    }

    /// <summary>STRTAB_SPLIT: StreamIDs per level-2 stream table is 1 &lt;&lt; 8.</summary>
    internal const int StrtabSplit = 8;

    private int? StreamIdBits(IommuInstance inst) => inst.Traits.StreamIdBits ?? S.IommuStreamIdBits;

    // arm_smmu_insert_master: every fwspec ID must be in range (arm_smmu_init_sid_strtab -> -ERANGE, no message) and not
    // already in the SMMU's StreamID tree; on failure the IDs inserted so far are taken out again
    private IommuProbeRefusal? SmmuV3InsertMaster(Device dev, IommuInstance inst, List<uint> ids)
    {
        var inserted = new List<uint>();
        IommuProbeRefusal? refusal = null;
        foreach (var sid in ids)
        {
            // arm_smmu_sid_in_range: below 1 << SIDSIZE
            if (StreamIdBits(inst) is int bits && bits < 32 && sid >= 1u << bits) { refusal = new StreamIdOutOfRange(sid, bits, -ERANGE); break; }
            // arm_smmu_init_l2_strtab: the span's L2 table (abort STEs with disable_bypass) stays even if the insert fails
            inst.L2Spans.Add(sid >> StrtabSplit);
            if (S.SmmuV3StreamIds == SmmuV3StreamIds.Shared) continue;
            if (inst.Streams.TryGetValue(sid, out var owner) || inserted.Contains(sid))
            {
                owner ??= dev;
                // b00d24997a11: bridged PCI devices may carry their own alias twice; skip it
                if (owner == dev && S.SmmuV3StreamIds == SmmuV3StreamIds.UniquePerMaster) continue;
                if (S.SmmuV3StreamIds == SmmuV3StreamIds.UniquePerMaster)
                    DevPrintk(LogLevel.Warning, dev, $"stream {sid} already in tree from dev {owner.Name}");
                else
                    DevPrintk(LogLevel.Warning, dev, $"stream {sid} already in tree");
                refusal = new StreamIdInUse(sid, owner.Name);
                break;
            }
            inst.Streams[sid] = dev;
            inserted.Add(sid);
        }
        if (refusal is not null)
            foreach (var sid in inserted) inst.Streams.Remove(sid);
        return refusal;
    }

    // arm_smmu_probe_device (arm-smmu v1/v2): a SID outside streamid_mask -> "stream ID 0x%x out of range for SMMU (0x%x)", -EINVAL
    private IommuProbeRefusal? SmmuStreamIdsInRange(Device dev, IommuInstance inst, List<uint> ids)
    {
        if (StreamIdBits(inst) is not int bits || bits >= 16) return null;
        uint mask = (1u << bits) - 1;
        foreach (var id in ids)
        {
            uint sid = id & 0xffff;
            if ((sid & ~mask) == 0) continue;
            DevPrintk(LogLevel.Err, dev, $"stream ID 0x{sid:x} out of range for SMMU (0x{mask:x})");
            return new StreamIdOutOfRange(sid, bits, -EINVAL);
        }
        return null;
    }

    /// <summary>arm_smmu_release_device -> arm_smmu_remove_master: the master's StreamIDs leave the tree.</summary>
    private static void IommuDriverReleaseDevice(Device dev, IommuInstance? inst)
    {
        if (inst is null) return;
        foreach (var (sid, owner) in inst.Streams.ToList())
            if (owner == dev) inst.Streams.Remove(sid);
    }
}
