using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Vfio;

namespace ProbeSim.Kernel.Iommu;

/// <summary>The typed reasons a group refuses a user action (the words are made in ProbeSim.Reports).</summary>
internal static class IommuRefusals
{
    internal static IReadOnlyList<GroupMember> Members(IEnumerable<Device> devices) =>
        devices.Select(d => new GroupMember(d.Name, d.Bound ? d.Driver?.Name : null)).ToList();

    internal static GroupNotOnDefaultDomain OffDefaultDomain(IommuGroup group) =>
        new(group.Id, group.Domain is { } cur ? IommuDomainTypes.SysfsName(cur.Type) : null);

    // the kernel DMA-API users whose iommu_device_use_default_domain counts in owner_cnt (v5.19+: not driver_managed_dma)
    internal static IReadOnlyList<GroupMember> KernelDmaUsers(IommuGroup group) =>
        Members(group.Devices.Where(d => VfioViabilityRules.DmaOwnership(d) == VfioMemberUse.KernelDmaUser));

    // why iommu_group_claim_dma_owner / iommu_device_claim_dma_owner refused (drivers/iommu/iommu.c:3181-3188)
    internal static ActionRefusal? ClaimRefusal(IommuGroup group, int ret) => ret switch
    {
        -EPERM when group.Owner is { } owner => new GroupOwnedByUser(group.Id, owner),
        -EPERM => new GroupNotViable(group.Id, KernelDmaUsers(group)),
        -EBUSY => OffDefaultDomain(group),
        _ => null,
    };
}
