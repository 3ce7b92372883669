using ProbeSim.Kernel.DriverCore;

namespace ProbeSim.Kernel.Iommu;

// DMA ownership (v5.19+): kernel DMA-API users against a user-space owner (VFIO, iommufd).
internal sealed partial class IommuCore
{
    /// <summary>iommu_device_use_default_domain (v5.19): a kernel DMA-API user joins; -EBUSY in a group user space owns.</summary>
    internal int IommuDeviceUseDefaultDomain(Device dev)
    {
        if (dev.Iommu.Group is not { } group) return 0;
        if (group.OwnerCount > 0 && (group.Domain != group.DefaultDomain || group.Owner is not null)) return -EBUSY;
        group.OwnerCount++;
        return 0;
    }

    // iommu_device_unuse_default_domain
    internal void IommuDeviceUnuseDefaultDomain(Device dev)
    {
        if (dev.Iommu.Group is { } group && group.Owner is null && group.OwnerCount > 0) group.OwnerCount--;
    }

    /// <summary>iommu_group_claim_dma_owner: -EPERM while DMA-API users exist, -EBUSY off the default domain; the group moves to blocking.</summary>
    internal int IommuGroupClaimDmaOwner(IommuGroup group, string owner)
    {
        if (group.OwnerCount > 0) return -EPERM;
        if (group.Domain != group.DefaultDomain) return -EBUSY;
        int ret = IommuClaimBlock(group);
        if (ret != 0) return ret;
        group.Owner = owner;
        group.OwnerCount = 1;
        return 0;
    }

    /// <summary>iommu_device_claim_dma_owner (v6.2): per-device claims by one owner are counted.</summary>
    internal int IommuDeviceClaimDmaOwner(Device dev, string owner)
    {
        if (dev.Iommu.Group is not { } group) return -ENODEV;
        if (group.OwnerCount > 0)
        {
            if (group.Owner != owner) return -EPERM;
            group.OwnerCount++;
            return 0;
        }
        return IommuGroupClaimDmaOwner(group, owner);
    }

    // __iommu_take_dma_ownership: the blocking domain (allocated at first claim) becomes current
    private int IommuClaimBlock(IommuGroup group)
    {
        if (group.BlockingDomain is null)
        {
            var inst = group.Devices.FirstOrDefault()?.Iommu.Instance;
            if (inst is null) return -ENODEV;
            // arm-smmu has no BLOCKED domain: the core uses an empty paging domain, which takes a context bank
            var type = inst.Traits.Kind == IommuKind.ArmSmmu ? IommuDomainType.Unmanaged : IommuDomainType.Blocked;
            group.BlockingDomain = new IommuDomain(_domainSeq++, type, null) { Purpose = "blocking" };
        }
        return SwitchGroupDomain(group, group.BlockingDomain);
    }

    /// <summary>iommu_group_release_dma_owner: owner cleared, the group goes back to its default domain.</summary>
    internal void IommuGroupReleaseDmaOwner(IommuGroup group)
    {
        if (group.Owner is null) return;
        group.Owner = null;
        group.OwnerCount = 0;
        if (group.DefaultDomain is { } def) SwitchGroupDomain(group, def);
    }

    // iommu_device_release_dma_owner
    internal void IommuDeviceReleaseDmaOwner(Device dev)
    {
        if (dev.Iommu.Group is not { } group || group.Owner is null) return;
        if (group.OwnerCount > 1) group.OwnerCount--;
        else IommuGroupReleaseDmaOwner(group);
    }
}
