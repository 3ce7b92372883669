using ProbeSim.Kernel.Boot;
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

    internal static readonly DigestFields DigestFields = new(typeof(IommuGroup),
        [nameof(Id), nameof(Devices), nameof(DefaultDomain), nameof(Domain), nameof(BlockingDomain), nameof(Owner), nameof(OwnerCount),
         nameof(Instance), nameof(VfioContainerSet), nameof(Freed)]);

    /// <summary>The group: its devices in join order, its domains inline (the current one as "the default" when it is), its owner.</summary>
    internal void Digest(ref StateDigest d)
    {
        DigestRef(ref d, this);
        d.Add(Devices.Count);
        foreach (var dev in Devices) d.Add(dev.Id);
        IommuDomain.Digest(ref d, DefaultDomain);
        if (Domain is not null && ReferenceEquals(Domain, DefaultDomain)) d.Add(-2);
        else IommuDomain.Digest(ref d, Domain);
        IommuDomain.Digest(ref d, BlockingDomain);
        d.Add(Owner);
        d.Add(OwnerCount);
        d.Add(Instance?.Order ?? -1);
        d.Add(VfioContainerSet);
    }

    /// <summary>A reference to a group: its id and whether it was freed (ids of live groups are unique).</summary>
    internal static void DigestRef(ref StateDigest d, IommuGroup? g) =>
        d.Add(g is null ? 0UL : 1UL | (g.Freed ? 2UL : 0) | (ulong)(uint)g.Id << 2);
}
