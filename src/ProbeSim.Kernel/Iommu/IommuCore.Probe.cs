using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Iommu;

// Probing a master: iommu_probe_device per era, bus_iommu_probe and iommu_release_device.
internal sealed partial class IommuCore
{
    /// <summary>The instance that would probe this device, or null (-ENODEV): per-bus ops must be the fwspec's driver.</summary>
    private IommuInstance? IommuOpsFor(Device dev)
    {
        var ops = dev.Iommu.Fwspec?.Ops ?? LegacyIommusOwner(dev) ?? FirmwareOwner(dev);
        if (ops is null) return null;
        if (S.IommuBusOps)
        {
            // probe_device of the bus's driver rejects a fwspec that belongs to another driver
            if (!_busOps.TryGetValue(dev.Bus, out var busOps) || busOps.DriverName != ops.DriverName) return null;
        }
        return ops;
    }

    // intel_iommu_probe_device -> device_to_iommu, amd_iommu_probe_device -> check_device: a registered unit whose
    // firmware tables name the device
    private IommuInstance? FirmwareOwner(Device dev)
    {
        foreach (var i in _iommus)
            if (i.Firmware is { } fw && fw.Translates(i, dev)) return i;
        return null;
    }

    /// <summary>
    /// ipmmu-vmsa's arm32 add_device (v4.x): the driver parses the master's iommus itself, without a fwspec, for every
    /// device the bus notifier or bus_set_iommu hands it.
    /// </summary>
    private IommuInstance? LegacyIommusOwner(Device dev)
    {
        if (S.IommuProbe != IommuProbeEra.AddDevice || !Arm32 || dev.Node is null) return null;
        if (!_busOps.TryGetValue(dev.Bus, out var busOps) || !busOps.Traits.SharedArmMapping) return null;
        foreach (var (node, ids, error) in Of.OfPlatform.IommusEntries(dev.Node, _k.Index))
        {
            if (error is not null || node is null) return null;
            // its own per-device data (archdata.iommu), not an iommu_fwspec
            var inst = _iommuInstances.FirstOrDefault(i => ReferenceEquals(i.Node, node) && i.DriverName == busOps.DriverName);
            if (inst is not null) return inst;
        }
        return null;
    }

    /// <summary>iommu_probe_device (single-device path), or phase 1 of bus_iommu_probe when a group list is given.</summary>
    internal int IommuProbeDevice(Device dev, List<IommuGroup>? groupList = null)
    {
        var inst = IommuOpsFor(dev);
        if (inst is null) return -ENODEV;
        if (dev.Iommu.Group is not null) return 0;
        // ops->probe_device: the driver's own checks come before the group
        int refused = IommuDriverProbeDevice(dev, inst);
        if (refused != 0) return refused;
        var (group, ret) = IommuDeviceGroup(dev, inst);
        if (group is null)
        {
            IommuDriverReleaseDevice(dev, inst);
            return ret;
        }
        dev.Iommu.Instance = inst;
        ret = S.IommuProbe switch
        {
            IommuProbeEra.AddDevice => ProbeAddDevice(dev, inst, group),
            IommuProbeEra.ProbeDevice => ProbeProbeDevice(dev, inst, group, groupList),
            _ => ProbeInitDevice(dev, inst, group, groupList),
        };
        if (ret != 0) IommuDriverReleaseDevice(dev, inst);
        return ret;
    }

    // <= v5.7 ops->add_device: iommu_group_get_for_dev allocates the default domain of a new group, then iommu_group_add_device
    private int ProbeAddDevice(Device dev, IommuInstance inst, IommuGroup group)
    {
        if (group.DefaultDomain is null && group.Devices.Count == 0 && (!S.DefaultDomainsPciOnly || dev.Bus == Pci))
            AllocDefaultDomainLegacy(dev, inst, group);
        int ret = group.Domain is { } d ? IommuAttachDevice(d, dev, inst) : 0;
        // v4.2-v4.4 iommu_group_add_device ignored the attach result
        if (ret != 0 && S.IommuAttachFailure == IommuAttachFailure.Ignore) ret = 0;
        if (ret != 0)
        {
            return AbandonJoin(dev, group, ret);
        }
        GroupAppend(dev, group, inst);
        GroupJoined(dev, group);
        // ipmmu_add_device (arm32, <= v5.7): attaches the instance's shared mapping and sets the device's DMA ops
        if (S.ArmSharedMappingAt == ArmSharedMappingAt.AddDevice) _k.DmaMapping.ArmAttachSharedMapping(dev, inst);
        return 0;
    }

    // v5.8-v6.4 __iommu_probe_device + iommu_probe_device
    private int ProbeProbeDevice(Device dev, IommuInstance inst, IommuGroup group, List<IommuGroup>? groupList)
    {
        // iommu_group_add_device: a group with a current domain attaches it first
        if (group.Domain is { } cur)
        {
            int r = IommuAttachDevice(cur, dev, inst);
            if (r != 0)
            {
                return AbandonJoin(dev, group, r);
            }
        }
        GroupAppend(dev, group, inst);
        GroupJoined(dev, group);
        if (groupList is not null)
        {
            if (group.DefaultDomain is null && !groupList.Contains(group)) groupList.Add(group);
            return 0;
        }
        // iommu_alloc_default_domain with this device's type; a failure is ignored
        if (group.DefaultDomain is null) AllocDefaultDomain(group, dev, inst);
        if (group.DefaultDomain is { } def && (!S.DmaOwnership || group.Owner is null) && !def.Attached.Contains(dev))
        {
            int r = IommuAttachDevice(def, dev, inst);
            if (r != 0)
            {
                IommuReleaseDevice(dev);
                return r;
            }
            group.Domain ??= def;
        }
        if (group.DefaultDomain is not null) IommuSetupDmaOps(dev);
        IommuProbeFinalize(dev, inst);
        return 0;
    }

    // iommu_probe_device: ops->probe_finalize once the single device is set up (ipmmu_probe_finalize: the arm32 mapping)
    private void IommuProbeFinalize(Device dev, IommuInstance inst)
    {
        if (S.ArmSharedMappingAt == ArmSharedMappingAt.ProbeFinalize) _k.DmaMapping.ArmAttachSharedMapping(dev, inst);
    }

    // v6.5+ __iommu_probe_device: iommu_init_device, the group entry ("Adding" printed first), then domain work
    private int ProbeInitDevice(Device dev, IommuInstance inst, IommuGroup group, List<IommuGroup>? groupList)
    {
        GroupJoined(dev, group);
        GroupAppend(dev, group, inst);
        int ret = 0;
        if (group.DefaultDomain is not null)
        {
            if (group.Domain is { } cur) ret = IommuAttachDevice(cur, dev, inst);
        }
        else if (groupList is null) ret = IommuSetupDefaultDomain(group);
        else if (!groupList.Contains(group)) groupList.Add(group);
        if (ret != 0)
        {
            // undo: the group entry goes without a "Removing" line; an emptied group is freed
            GroupRemove(dev, group, message: false);
            return ret;
        }
        if (group.DefaultDomain is not null) IommuSetupDmaOps(dev);
        if (groupList is null) IommuProbeFinalize(dev, inst);
        return 0;
    }

    // bus_iommu_probe: phase 1 probes every device with a group list; phase 2 sets up each queued group
    private int BusIommuProbe(BusType bus, bool configure)
    {
        var groups = new List<IommuGroup>();
        foreach (var dev in bus.Devices.ToList())
        {
            // v6.15 iommu_init_device: a device with no fwspec and no driver gets its firmware parsed now
            if (configure && dev.Iommu.Fwspec is null && dev.Driver is null && !dev.Bound) OfIommuParseOnly(dev);
            if (dev.Iommu.Group is not null) continue;
            int ret = IommuProbeDevice(dev, groups);
            if (ret != 0 && ret != -ENODEV) return ret;
        }
        foreach (var group in groups)
        {
            if (group.Freed || group.DefaultDomain is not null) continue;
            if (S.IommuProbe == IommuProbeEra.InitDevice)
            {
                int ret = IommuSetupDefaultDomain(group);
                if (ret != 0) return ret;
            }
            else
            {
                // v5.8-v6.4 probe_alloc_default_domain: a failure skips the group silently
                var first = group.Devices[0];
                if (!AllocDefaultDomain(group, first, first.Iommu.Instance!)) continue;
                foreach (var d in group.Devices.ToList())
                {
                    int ret = IommuAttachDevice(group.DefaultDomain!, d, d.Iommu.Instance!);
                    if (ret != 0) return ret;
                }
                group.Domain = group.DefaultDomain;
            }
            // __iommu_group_dma_finalize: only groups that got a default domain reach probe_finalize
            foreach (var d in group.Devices.ToList()) { IommuSetupDmaOps(d); IommuProbeFinalize(d, d.Iommu.Instance!); }
        }
        return 0;
    }

    /// <summary>iommu_release_device: leave the group ("Removing from iommu group N" up to v6.4), drop the fwspec's probe state.</summary>
    private void IommuReleaseDevice(Device dev)
    {
        if (dev.Iommu.Group is not { } group) return;
        GroupRemove(dev, group, message: S.IommuProbe != IommuProbeEra.InitDevice);
    }

    /// <summary>v6.10+/v6.12 iommu_setup_dma_ops: dev->dma_iommu when the default domain is a DMA domain.</summary>
    private void IommuSetupDmaOps(Device dev)
    {
        if (S.Arm64Dma != Arm64Dma.Core) return;
        dev.Dma.DmaIommu = dev.Iommu.Group?.DefaultDomain is { } d && IommuDomainTypes.IsDmaApi(d.Type);
    }
}
