using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Iommu;

// The attach API kernel drivers, VFIO and the arch DMA code call: iommu_attach_device/group, iommu_detach_*.
internal sealed partial class IommuCore
{
    /// <summary>iommu_attach_device: only for a device alone in its group (426a273834eae), then the group attach.</summary>
    internal int IommuAttachSingle(IommuDomain domain, Device dev)
    {
        var group = dev.Iommu.Group;
        if (group is null)
        {
            // v4.x attached a group-less device directly; later kernels refuse
            if (S.GrouplessAttachRefused) return -ENODEV;
            var inst = dev.Iommu.Fwspec?.Ops;
            return inst is null ? -ENODEV : IommuAttachDevice(domain, dev, inst);
        }
        if (group.Devices.Count != 1) return -EINVAL;
        return IommuAttachGroup(domain, group);
    }

    /// <summary>
    /// __iommu_attach_group: -EBUSY when the group is already on another domain; every device is attached in list order.
    /// No DMA-ownership check: DMA-API users in the group move too.
    /// </summary>
    internal int IommuAttachGroup(IommuDomain domain, IommuGroup group)
    {
        bool busy = S.AttachGroupBusy == AttachGroupBusy.DefaultDomain
            // <= v5.18: only a group that has a default domain and is off it (4.12.0 iommu.c:1404, 5.10.7 iommu.c:2259)
            ? group.DefaultDomain is not null && group.Domain != group.DefaultDomain
            // v5.19+: any current domain that is neither the default nor the blocking one (5.19.0 iommu.c:2089)
            : group.Domain is not null && group.Domain != group.DefaultDomain && group.Domain != group.BlockingDomain;
        if (busy) return -EBUSY;
        return SwitchGroupDomain(group, domain);
    }

    /// <summary>
    /// iommu_detach_device: a device alone in its group takes the group back to the core's domain, which on arm32 (no default
    /// domain) is none, so the next iommu_attach_device is not refused; a group-less device is detached directly.
    /// </summary>
    internal void IommuDetachDevice(IommuDomain domain, Device dev)
    {
        if (dev.Iommu.Group is { } group && group.Domain == domain && group.Devices.Count == 1) IommuDetachGroup(domain, group);
        else domain.Attached.Remove(dev);
    }

    /// <summary>iommu_detach_group: back to the core's domain (v5.19+: blocking while owned, else default).</summary>
    private void IommuDetachGroup(IommuDomain domain, IommuGroup group)
    {
        if (group.Domain != domain) return;
        var back = S.DmaOwnership && group.Owner is not null ? group.BlockingDomain : group.DefaultDomain;
        if (back is not null) SwitchGroupDomain(group, back);
        else { DetachAll(domain, group); group.Domain = null; }
    }
}
