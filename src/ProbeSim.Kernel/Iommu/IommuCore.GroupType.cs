using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Profiles;
using ActionReturn = ProbeSim.Kernel.Boot.Kernel.ActionReturn;
using static ProbeSim.Kernel.Iommu.IommuRefusals;

namespace ProbeSim.Kernel.Iommu;

// The group's sysfs type file: echo TYPE > /sys/kernel/iommu_groups/N/type.
internal sealed partial class IommuCore
{
    // iommu_group_store_type (v5.11-v6.3): refusals are logged with the iommu: prefix (drivers/iommu/iommu.c:3016, 3055)
    private ActionReturn TypeStoreRefused(int err, string message, ActionRefusal why)
    {
        Printk(LogLevel.Err, "iommu: " + message);
        return new(err, why);
    }

    /// <summary>iommu_group_store_type: echo TYPE > /sys/kernel/iommu_groups/N/type.</summary>
    internal ActionReturn IommuGroupStoreType(IommuGroup group, string type)
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
