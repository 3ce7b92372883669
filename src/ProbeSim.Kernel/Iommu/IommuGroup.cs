using ProbeSim.Kernel.DriverCore;

namespace ProbeSim.Kernel.Iommu;

/// <summary>A struct iommu_group: id from the IDA, devices in join order, default and current domain, DMA owner.</summary>
public sealed class IommuGroup
{
    internal IommuGroup(int id) { Id = id; }

    public int Id { get; }
    public List<Device> Devices { get; } = new();
    public IommuDomain? DefaultDomain { get; internal set; }
    /// <summary>group->domain: the domain the group's devices currently translate through.</summary>
    public IommuDomain? Domain { get; internal set; }
    public IommuDomain? BlockingDomain { get; internal set; }
    /// <summary>group->owner: null while owner_cnt counts kernel DMA-API users; else the claimant's cookie ("vfio container", iommufd context).</summary>
    public string? Owner { get; internal set; }
    public int OwnerCount { get; internal set; }
    /// <summary>Instance whose device_group made this group (per-instance groups, arm-smmu stream sharing).</summary>
    internal IommuInstance? Instance;
    /// <summary>vfio group state before v5.19: a container is set (the group is in use by user space).</summary>
    internal bool VfioContainerSet;
    public bool Freed { get; internal set; }
    public override string ToString() => $"group {Id}";
}
