using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Iommu;
using static ProbeSim.Kernel.Iommu.IommuRefusals;
using ActionReturn = ProbeSim.Kernel.Boot.Kernel.ActionReturn;

namespace ProbeSim.Kernel.Vfio;

/// <summary>
/// VFIO (drivers/vfio) and iommufd as user space drives them: the group ioctls (set/unset container, get a device fd),
/// iommufd's device bind, and the group notifier of v5.10-v5.18. It owns no state: a group's container is the group's
/// (<see cref="IommuGroup.VfioContainerSet"/>) or its DMA owner, and it calls the IOMMU core's API (Iommu/IommuCore*.cs).
/// </summary>
/// <remarks>
/// The wiring it uses from <see cref="Boot.Kernel"/>: the clock and the log, the profile settings, the IOMMU core, and
/// the kernel's crash record (a BUG_ON).
/// </remarks>
internal sealed class VfioCore : KernelSubsystem
{
    internal VfioCore(Boot.Kernel kernel) : base(kernel)
    {
        // registered on the IOMMU group chain as each vfio_group registers its block (iommu_group_register_notifier)
        IommuCore.GroupNotifier.Register(GroupNotifier);
    }

    private IommuCore IommuCore => _k.IommuCore;

    /// <summary>VFIO, iommufd, sysfs type writes and a kernel driver's own domain attach, scripted as user actions.</summary>
    internal ActionReturn RunAction(UserAction action, Device dev)
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
                    int ret = IommuCore.IommuDeviceClaimDmaOwner(dev, "iommufd");
                    return new(ret, ret == 0 ? null : ClaimRefusal(g, ret));
                }
            case UserActionKind.IommufdUnbind:
                if (!S.IommuClaimDevice) return new(-ENOTTY, new NoIommufd());
                IommuCore.IommuDeviceReleaseDmaOwner(dev);
                return ActionReturn.Ok;
            case UserActionKind.GroupType:
                return IommuCore.IommuGroupStoreType(group!, action.Value!);
            case UserActionKind.AttachDevice:
            case UserActionKind.AttachGroup:
                return IommuCore.AttachNamedDomain(dev, group!, action.Value!, single: action.Kind == UserActionKind.AttachDevice);
            case UserActionKind.DetachGroup:
                IommuCore.DetachNamedDomain(group!, action.Value!);
                return ActionReturn.Ok;
            default:
                return new(-EINVAL, null);
        }
    }

    // VFIO_GROUP_SET_CONTAINER: v5.19+ claims DMA ownership (-EPERM with kernel DMA users); then type1 attaches its domain
    private ActionReturn VfioSetContainer(IommuGroup group)
    {
        if (S.DmaOwnership)
        {
            // vfio_group_ioctl_set_container: group->container already set (drivers/vfio/vfio_main.c:716-719)
            if (group.Owner == "vfio") return new(-EINVAL, new ContainerAlreadySet(group.Id));
            // vfio_container_attach_group -> iommu_group_claim_dma_owner (drivers/vfio/container.c:446-450)
            int ret = IommuCore.IommuGroupClaimDmaOwner(group, "vfio");
            if (ret != 0) return new(ret, ClaimRefusal(group, ret));
        }
        else
        {
            // vfio_group_set_container (v5.10): container_users already set (drivers/vfio/vfio.c:1360-1361); no viability check
            if (group.VfioContainerSet) return new(-EINVAL, new ContainerAlreadySet(group.Id));
            group.VfioContainerSet = true;
        }
        var inst = group.Devices[0].Iommu.Instance!;
        var dom = IommuCore.IommuDomainAlloc(IommuDomainType.Unmanaged, inst, "vfio type1");
        if (dom is null) return new(-EIO, new DomainAllocFailed());
        int r = IommuCore.IommuAttachGroup(dom, group);
        if (r != 0)
        {
            var why = r == -EBUSY ? OffDefaultDomain(group) : null;
            if (S.DmaOwnership) IommuCore.IommuGroupReleaseDmaOwner(group);
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
            IommuCore.IommuGroupReleaseDmaOwner(group);
            return ActionReturn.Ok;
        }
        if (!group.VfioContainerSet) return new(-EINVAL, new NoContainer(group.Id));
        group.VfioContainerSet = false;
        if (group.DefaultDomain is { } def) IommuCore.SwitchGroupDomain(group, def);
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
        var viability = Viability(group);
        if (!viability.Viable)
            return new(-EINVAL, new GroupNotViable(group.Id, viability.Members.Where(m => m.Blocks).Select(m => new GroupMember(m.Device, m.Driver)).ToList()));
        return vfioDevice ? ActionReturn.Ok : new(-ENODEV, new NotAVfioDevice(dev.Bound ? dev.Driver?.Name : null));
    }

    /// <summary>
    /// Whether VFIO can use <paramref name="group"/> now, by the profile's rule: before v5.19 vfio_group_viable (every member
    /// passes vfio_dev_viable), from v5.19 VFIO_GROUP_GET_STATUS's VIABLE flag (a container is set, or
    /// !iommu_group_dma_owner_claimed: v6.1 drivers/vfio/vfio_main.c:894-899).
    /// </summary>
    internal VfioGroupViability Viability(IommuGroup group)
    {
        if (S.DmaOwnership)
        {
            var members = group.Devices.Select(d => Member(d, VfioViabilityRules.DmaOwnership(d))).ToList();
            return new(group.Id, VfioViabilityRule.DmaOwnership, group.Owner == "vfio" || group.OwnerCount == 0, group.Owner, members);
        }
        var old = group.Devices.Select(d => Member(d, VfioViabilityRules.DevViable(d))).ToList();
        return new(group.Id, VfioViabilityRule.DevViable, old.All(m => !m.Blocks), group.VfioContainerSet ? "vfio" : null, old);
    }

    private static VfioGroupMember Member(Device d, VfioMemberUse use) => new(d.Name, use == VfioMemberUse.Unbound ? null : d.Driver?.Name, use);

    /// <summary>vfio_iommu_group_notifier (v5.10-v5.18): a non-viable driver bound into a group in use hits BUG_ON.</summary>
    private void GroupNotifier(IommuGroupNotify action, Device dev)
    {
        if (action != IommuGroupNotify.BoundDriver) return;
        if (!S.VfioNotifierBug || dev.Iommu.Group is not { VfioContainerSet: true } || !VfioViabilityRules.DevViable(dev).Blocks()) return;
        Printk(LogLevel.Emerg, "------------[ cut here ]------------");
        Printk(LogLevel.Emerg, "kernel BUG at drivers/vfio/vfio.c:759!");
        _k.Bug($"kernel BUG: {dev.DriverString} bound {dev.Name} into iommu group {dev.Iommu.Group.Id}, which VFIO is using");
    }
}
