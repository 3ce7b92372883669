using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Iommu;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Boot;

public sealed partial class Kernel
{
    private readonly Dictionary<string, IommuDomain> _namedDomains = new(StringComparer.Ordinal);

    /// <summary>VFIO, iommufd, sysfs type writes and a kernel driver's own domain attach, scripted as user actions.</summary>
    private int RunIommuAction(UserAction action, Device dev)
    {
        var group = dev.Iommu.Group;
        switch (action.Kind)
        {
            case UserActionKind.VfioSetContainer:
                if (group is null) return -ENODEV;
                return VfioSetContainer(group);
            case UserActionKind.VfioUnsetContainer:
                if (group is null) return -ENODEV;
                if (S.DmaOwnership) IommuGroupReleaseDmaOwner(group);
                else if (group.VfioContainerSet)
                {
                    group.VfioContainerSet = false;
                    if (group.DefaultDomain is { } def) SwitchGroupDomain(group, def);
                }
                return 0;
            case UserActionKind.VfioOpenDevice:
                // vfio_group_get_device_fd: needs a container; before v5.19 also a viable group
                if (group is null) return -ENODEV;
                if (dev.Driver?.Name is not ("vfio-pci" or "vfio-platform") || !dev.Bound) return -ENODEV;
                if (S.DmaOwnership) return group.Owner is not null ? 0 : -EINVAL;
                return !group.VfioContainerSet ? -EINVAL : VfioViable(group) ? 0 : -EINVAL;
            case UserActionKind.IommufdBind:
                if (!S.IommuClaimDevice) return -ENOTTY;
                return IommuDeviceClaimDmaOwner(dev, "iommufd");
            case UserActionKind.IommufdUnbind:
                if (!S.IommuClaimDevice) return -ENOTTY;
                IommuDeviceReleaseDmaOwner(dev);
                return 0;
            case UserActionKind.GroupType:
                return group is null ? -ENODEV : IommuGroupStoreType(group, action.Value!);
            case UserActionKind.AttachDevice:
            case UserActionKind.AttachGroup:
                {
                    if (group is null || dev.Iommu.Instance is not { } inst) return -ENODEV;
                    if (!_namedDomains.TryGetValue(action.Value!, out var dom))
                    {
                        // iommu_domain_alloc / iommu_paging_domain_alloc by the kernel driver
                        dom = IommuDomainAlloc(IommuDomainType.Unmanaged, inst, action.Value!);
                        if (dom is null) return -ENOMEM;
                        _namedDomains[action.Value!] = dom;
                    }
                    return action.Kind == UserActionKind.AttachDevice ? IommuAttachSingle(dom, dev) : IommuAttachGroup(dom, group);
                }
            case UserActionKind.DetachGroup:
                if (group is null) return -ENODEV;
                if (_namedDomains.TryGetValue(action.Value!, out var d)) IommuDetachGroup(d, group);
                return 0;
            default:
                return -EINVAL;
        }
    }

    // VFIO_GROUP_SET_CONTAINER: v5.19+ claims DMA ownership (-EPERM with kernel DMA users); then type1 attaches its domain
    private int VfioSetContainer(IommuGroup group)
    {
        if (S.DmaOwnership)
        {
            int ret = IommuGroupClaimDmaOwner(group, "vfio");
            if (ret != 0) return ret;
        }
        else group.VfioContainerSet = true;
        var inst = group.Devices[0].Iommu.Instance!;
        var dom = IommuDomainAlloc(IommuDomainType.Unmanaged, inst, "vfio type1");
        if (dom is null) return -EIO;
        int r = IommuAttachGroup(dom, group);
        if (r != 0)
        {
            if (S.DmaOwnership) IommuGroupReleaseDmaOwner(group);
            else group.VfioContainerSet = false;
        }
        return r;
    }

    // vfio_dev_viable (<= v5.18): every member driver-less, vfio-bound, pci-stub, or a PCI bridge
    private static bool VfioViable(IommuGroup group) => group.Devices.All(VfioAllowed);

    private static bool VfioAllowed(Device d) =>
        !d.Bound || d.Driver?.Name is "vfio-pci" or "vfio-platform" or "pci-stub" || (d.Pci?.IsBridge ?? false);

    /// <summary>v5.10-v5.18 vfio group notifier: a non-viable driver bound into a group in use hits BUG_ON.</summary>
    private void VfioGroupNotifierBound(Device dev)
    {
        if (!S.VfioNotifierBug || dev.Iommu.Group is not { VfioContainerSet: true } || VfioAllowed(dev)) return;
        Printk(LogLevel.Emerg, "------------[ cut here ]------------");
        Printk(LogLevel.Emerg, "kernel BUG at drivers/vfio/vfio.c:759!");
        _crash = $"kernel BUG: {dev.DriverString} bound {dev.Name} into iommu group {dev.Iommu.Group.Id}, which VFIO is using";
    }

    // iommu_change_dev_def_domain (v5.11-v6.3): refusals are logged with the iommu: prefix
    private int TypeStoreRefused(int err, string message)
    {
        Printk(LogLevel.Err, "iommu: " + message);
        return err;
    }

    /// <summary>iommu_group_store_type: echo TYPE > /sys/kernel/iommu_groups/N/type.</summary>
    private int IommuGroupStoreType(IommuGroup group, string type)
    {
        if (S.GroupTypeSysfs is GroupTypeSysfs.None or GroupTypeSysfs.ReadOnly) return -EACCES;
        if (group.DefaultDomain is not { } def) return -EINVAL;
        IommuDomainType? target = type switch
        {
            "identity" => IommuDomainType.Identity,
            "DMA" => IommuDomainType.Dma,
            "DMA-FQ" => S.IommuLazy == IommuLazy.DmaFq ? IommuDomainType.DmaFq : null,
            "auto" => GroupDefaultType(group, group.Devices),
            _ => null,
        };
        if (target is null) return -EINVAL;
        // DMA -> DMA-FQ converts in place, drivers bound or not
        // v5.19 only for a single-device group, v6.6 for any group
        if (def.Type == IommuDomainType.Dma && target == IommuDomainType.DmaFq)
        {
            if (S.GroupTypeSysfs == GroupTypeSysfs.SingleDevice && group.Devices.Count != 1) return TypeStoreRefused(-EINVAL, "Cannot change default domain: Group has more than one device");
            def.Type = IommuDomainType.DmaFq;
            return 0;
        }
        if (S.GroupTypeSysfs == GroupTypeSysfs.SingleDevice)
        {
            if (group.Devices.Count != 1) return TypeStoreRefused(-EINVAL, "Cannot change default domain: Group has more than one device");
            if (group.Devices[0].Bound) return TypeStoreRefused(-EBUSY, "Device is still bound to driver");
            if (group.Domain != def)
            {
                DevPrintk(LogLevel.Err, group.Devices[0], "Group not assigned to default domain");
                return -EBUSY;
            }
        }
        else if (group.Devices.Count == 0 || group.OwnerCount != 0) return -EPERM;
        if (def.Type == target) return 0;
        var inst = group.Devices[0].Iommu.Instance!;
        var dom = IommuDomainAlloc(target.Value, inst);
        if (dom is null) return -EINVAL;
        int r = SwitchGroupDomain(group, dom);
        if (r != 0) { IommuDomainFree(dom); return r; }
        group.DefaultDomain = dom;
        IommuDomainFree(def);
        foreach (var d in group.Devices) IommuSetupDmaOps(d);
        return 0;
    }
}
