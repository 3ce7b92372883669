using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Iommu;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Boot;

public sealed partial class Kernel
{
    private readonly Dictionary<string, IommuDomain> _namedDomains = new(StringComparer.Ordinal);

    /// <summary>VFIO, iommufd, sysfs type writes and a kernel driver's own domain attach, scripted as user actions.</summary>
    private ActionReturn RunIommuAction(UserAction action, Device dev)
    {
        var group = dev.Iommu.Group;
        if (group is null && action.Kind is not (UserActionKind.IommufdBind or UserActionKind.IommufdUnbind))
            return new(-ENODEV, new NoIommuGroup());
        switch (action.Kind)
        {
            case UserActionKind.VfioSetContainer:
                return VfioSetContainer(group!);
            case UserActionKind.VfioUnsetContainer:
                return VfioUnsetContainer(group!);
            case UserActionKind.VfioOpenDevice:
                return VfioOpenDevice(dev, group!);
            case UserActionKind.IommufdBind:
                {
                    if (!S.IommuClaimDevice) return new(-ENOTTY, new NoIommufd());
                    if (dev.Iommu.Group is not { } g) return new(-ENODEV, new NoIommuGroup());
                    int ret = IommuDeviceClaimDmaOwner(dev, "iommufd");
                    return new(ret, ret == 0 ? null : ClaimRefusal(g, ret));
                }
            case UserActionKind.IommufdUnbind:
                if (!S.IommuClaimDevice) return new(-ENOTTY, new NoIommufd());
                IommuDeviceReleaseDmaOwner(dev);
                return ActionReturn.Ok;
            case UserActionKind.GroupType:
                return IommuGroupStoreType(group!, action.Value!);
            case UserActionKind.AttachDevice:
            case UserActionKind.AttachGroup:
                {
                    if (dev.Iommu.Instance is not { } inst) return new(-ENODEV, new NoIommuGroup());
                    if (!_namedDomains.TryGetValue(action.Value!, out var dom))
                    {
                        // iommu_domain_alloc / iommu_paging_domain_alloc by the kernel driver
                        dom = IommuDomainAlloc(IommuDomainType.Unmanaged, inst, action.Value!);
                        if (dom is null) return new(-ENOMEM, new DomainAllocFailed());
                        _namedDomains[action.Value!] = dom;
                    }
                    // iommu_attach_device: only a device alone in its group (-EINVAL)
                    if (action.Kind == UserActionKind.AttachDevice && group!.Devices.Count != 1)
                        return new(-EINVAL, new GroupHasSeveralDevices(group.Id, Members(group.Devices)));
                    int r = action.Kind == UserActionKind.AttachDevice ? IommuAttachSingle(dom, dev) : IommuAttachGroup(dom, group!);
                    return new(r, r == -EBUSY ? OffDefaultDomain(group!) : null);
                }
            case UserActionKind.DetachGroup:
                if (_namedDomains.TryGetValue(action.Value!, out var d)) IommuDetachGroup(d, group!);
                return ActionReturn.Ok;
            default:
                return new(-EINVAL, null);
        }
    }

    private static IReadOnlyList<GroupMember> Members(IEnumerable<Device> devices) =>
        devices.Select(d => new GroupMember(d.Name, d.Bound ? d.Driver?.Name : null)).ToList();

    private static GroupNotOnDefaultDomain OffDefaultDomain(IommuGroup group) =>
        new(group.Id, group.Domain is { } cur ? IommuDomainTypes.SysfsName(cur.Type) : null);

    // the kernel DMA-API users whose iommu_device_use_default_domain counts in owner_cnt (v5.19+: not driver_managed_dma)
    private static IReadOnlyList<GroupMember> KernelDmaUsers(IommuGroup group) =>
        Members(group.Devices.Where(d => d.Driver is { } drv && !drv.Spec.DriverManagedDma));

    // why iommu_group_claim_dma_owner / iommu_device_claim_dma_owner refused (drivers/iommu/iommu.c:3181-3188)
    private static ActionRefusal? ClaimRefusal(IommuGroup group, int ret) => ret switch
    {
        -EPERM when group.Owner is { } owner => new GroupOwnedByUser(group.Id, owner),
        -EPERM => new GroupNotViable(group.Id, KernelDmaUsers(group)),
        -EBUSY => OffDefaultDomain(group),
        _ => null,
    };

    // VFIO_GROUP_SET_CONTAINER: v5.19+ claims DMA ownership (-EPERM with kernel DMA users); then type1 attaches its domain
    private ActionReturn VfioSetContainer(IommuGroup group)
    {
        if (S.DmaOwnership)
        {
            // vfio_group_ioctl_set_container: group->container already set (drivers/vfio/vfio_main.c:716-719)
            if (group.Owner == "vfio") return new(-EINVAL, new ContainerAlreadySet(group.Id));
            // vfio_container_attach_group -> iommu_group_claim_dma_owner (drivers/vfio/container.c:446-450)
            int ret = IommuGroupClaimDmaOwner(group, "vfio");
            if (ret != 0) return new(ret, ClaimRefusal(group, ret));
        }
        else
        {
            // vfio_group_set_container (v5.10): container_users already set (drivers/vfio/vfio.c:1360-1361); no viability check
            if (group.VfioContainerSet) return new(-EINVAL, new ContainerAlreadySet(group.Id));
            group.VfioContainerSet = true;
        }
        var inst = group.Devices[0].Iommu.Instance!;
        var dom = IommuDomainAlloc(IommuDomainType.Unmanaged, inst, "vfio type1");
        if (dom is null) return new(-EIO, new DomainAllocFailed());
        int r = IommuAttachGroup(dom, group);
        if (r != 0)
        {
            var why = r == -EBUSY ? OffDefaultDomain(group) : null;
            if (S.DmaOwnership) IommuGroupReleaseDmaOwner(group);
            else group.VfioContainerSet = false;
            return new(r, why);
        }
        return ActionReturn.Ok;
    }

    // VFIO_GROUP_UNSET_CONTAINER: -EINVAL without a container (drivers/vfio/vfio_main.c:689-691; v5.10 vfio.c:1331-1332)
    private ActionReturn VfioUnsetContainer(IommuGroup group)
    {
        if (S.DmaOwnership)
        {
            if (group.Owner != "vfio") return new(-EINVAL, new NoContainer(group.Id));
            IommuGroupReleaseDmaOwner(group);
            return ActionReturn.Ok;
        }
        if (!group.VfioContainerSet) return new(-EINVAL, new NoContainer(group.Id));
        group.VfioContainerSet = false;
        if (group.DefaultDomain is { } def) SwitchGroupDomain(group, def);
        return ActionReturn.Ok;
    }

    // VFIO_GROUP_GET_DEVICE_FD
    private ActionReturn VfioOpenDevice(Device dev, IommuGroup group)
    {
        bool vfioDevice = dev.Bound && dev.Driver?.Name is "vfio-pci" or "vfio-platform";
        if (S.DmaOwnership)
        {
            // vfio_device_get_from_name: only the group's VFIO devices (drivers/vfio/vfio_main.c:605, 848-850),
            // then vfio_device_assign_container: a container must be set (drivers/vfio/container.c:520-522)
            if (!vfioDevice) return new(-ENODEV, new NotAVfioDevice(dev.Bound ? dev.Driver?.Name : null));
            return group.Owner == "vfio" ? ActionReturn.Ok : new(-EINVAL, new NoContainer(group.Id));
        }
        // v5.10 vfio_group_get_device_fd: container and viability first (vfio.c:1441-1443), then the device by name
        if (!group.VfioContainerSet) return new(-EINVAL, new NoContainer(group.Id));
        if (!VfioViable(group)) return new(-EINVAL, new GroupNotViable(group.Id, Members(group.Devices.Where(d => !VfioAllowed(d)))));
        return vfioDevice ? ActionReturn.Ok : new(-ENODEV, new NotAVfioDevice(dev.Bound ? dev.Driver?.Name : null));
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

    // iommu_group_store_type (v5.11-v6.3): refusals are logged with the iommu: prefix (drivers/iommu/iommu.c:3016, 3055)
    private ActionReturn TypeStoreRefused(int err, string message, ActionRefusal why)
    {
        Printk(LogLevel.Err, "iommu: " + message);
        return new(err, why);
    }

    /// <summary>iommu_group_store_type: echo TYPE > /sys/kernel/iommu_groups/N/type.</summary>
    private ActionReturn IommuGroupStoreType(IommuGroup group, string type)
    {
        if (S.GroupTypeSysfs is GroupTypeSysfs.None or GroupTypeSysfs.ReadOnly) return new(-EACCES, new GroupTypeNotWritable(group.Id));
        if (group.DefaultDomain is not { } def) return new(-EINVAL, new NoDefaultDomain(group.Id));
        IommuDomainType? target = type switch
        {
            "identity" => IommuDomainType.Identity,
            "DMA" => IommuDomainType.Dma,
            "DMA-FQ" => S.IommuLazy == IommuLazy.DmaFq ? IommuDomainType.DmaFq : null,
            "auto" => GroupDefaultType(group, group.Devices),
            _ => null,
        };
        if (target is null) return new(-EINVAL, new UnknownGroupType(type));
        var several = new GroupHasSeveralDevices(group.Id, Members(group.Devices));
        // DMA -> DMA-FQ converts in place, drivers bound or not
        // v5.19 only for a single-device group, v6.6 for any group
        if (def.Type == IommuDomainType.Dma && target == IommuDomainType.DmaFq)
        {
            if (S.GroupTypeSysfs == GroupTypeSysfs.SingleDevice && group.Devices.Count != 1)
                return TypeStoreRefused(-EINVAL, "Cannot change default domain: Group has more than one device", several);
            def.Type = IommuDomainType.DmaFq;
            return ActionReturn.Ok;
        }
        if (S.GroupTypeSysfs == GroupTypeSysfs.SingleDevice)
        {
            if (group.Devices.Count != 1) return TypeStoreRefused(-EINVAL, "Cannot change default domain: Group has more than one device", several);
            if (group.Devices[0].Bound)
                return TypeStoreRefused(-EBUSY, "Device is still bound to driver", new DeviceStillBound(group.Id, Members(group.Devices)[0]));
            if (group.Domain != def)
            {
                // logged by dev_err_ratelimited(prev_dev, ...) (drivers/iommu/iommu.c:2863)
                DevPrintk(LogLevel.Err, group.Devices[0], "Group not assigned to default domain");
                return new(-EBUSY, OffDefaultDomain(group));
            }
        }
        else if (group.Devices.Count == 0 || group.OwnerCount != 0)
            return new(-EPERM, new GroupInUse(group.Id, group.Owner, group.Owner is null ? KernelDmaUsers(group) : Array.Empty<GroupMember>()));
        if (def.Type == target) return ActionReturn.Ok;
        var inst = group.Devices[0].Iommu.Instance!;
        var dom = IommuDomainAlloc(target.Value, inst);
        if (dom is null) return new(-EINVAL, new DomainAllocFailed());
        int r = SwitchGroupDomain(group, dom);
        if (r != 0) { IommuDomainFree(dom); return new(r, null); }
        group.DefaultDomain = dom;
        IommuDomainFree(def);
        foreach (var d in group.Devices) IommuSetupDmaOps(d);
        return ActionReturn.Ok;
    }
}
