using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Iommu;

namespace ProbeSim.Kernel.Boot;

public sealed partial class Kernel
{
    /// <summary>iommu_attach_device: only for a device alone in its group (426a273834eae), then the group attach.</summary>
    internal int IommuAttachSingle(IommuDomain domain, Device dev)
    {
        var group = dev.Iommu.Group;
        if (group is null)
        {
            // v4.x attached a group-less device directly; later kernels refuse
            if (S.IommuGroupLogV5) return -ENODEV;
            var inst = dev.Iommu.Fwspec?.Ops;
            return inst is null ? -ENODEV : IommuAttachDevice(domain, dev, inst);
        }
        if (group.Devices.Count != 1) return -EINVAL;
        return IommuAttachGroup(domain, group);
    }

    /// <summary>
    /// __iommu_attach_group: the group must be on its default (or, v5.19+, blocking) domain, else -EBUSY; every device is
    /// attached in list order. No DMA-ownership check: DMA-API users in the group move too.
    /// </summary>
    internal int IommuAttachGroup(IommuDomain domain, IommuGroup group)
    {
        if (group.Domain is not null && group.Domain != group.DefaultDomain && !(S.DmaOwnership && group.Domain == group.BlockingDomain))
            return -EBUSY;
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
    internal void IommuDetachGroup(IommuDomain domain, IommuGroup group)
    {
        if (group.Domain != domain) return;
        var back = S.DmaOwnership && group.Owner is not null ? group.BlockingDomain : group.DefaultDomain;
        if (back is not null) SwitchGroupDomain(group, back);
        else { DetachAll(domain, group); group.Domain = null; }
    }
}
