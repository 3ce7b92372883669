using ProbeSim.Kernel.Boot;

namespace ProbeSim.Kernel.Iommu;

/// <summary>IOMMU_DOMAIN_* with the numbers "type %u" messages print.</summary>
public enum IommuDomainType { Blocked = 0, Unmanaged = 1, Dma = 3, Identity = 4, DmaFq = 11 }

/// <summary>Names of domain types as /sys/kernel/iommu_groups/N/type and the JSON show them.</summary>
public static class IommuDomainTypes
{
    // iommu_group_show_type
    public static string SysfsName(IommuDomainType t) => t switch
    {
        IommuDomainType.Blocked => "blocked",
        IommuDomainType.Identity => "identity",
        IommuDomainType.Unmanaged => "unmanaged",
        IommuDomainType.Dma => "DMA",
        _ => "DMA-FQ",
    };

    /// <summary>Translating domains cost a context bank on arm-smmu; IDENTITY and BLOCKED use bypass/fault S2CRs.</summary>
    public static bool Translates(IommuDomainType t) => t is IommuDomainType.Dma or IommuDomainType.DmaFq or IommuDomainType.Unmanaged;

    public static bool IsDmaApi(IommuDomainType t) => t is IommuDomainType.Dma or IommuDomainType.DmaFq;
}

/// <summary>A struct iommu_domain: its type, the instance it got tied to at first attach, and the context bank that costs.</summary>
public sealed class IommuDomain
{
    internal IommuDomain(int id, IommuDomainType type, IommuInstance? owner)
    {
        Id = id; Type = type; Owner = owner;
    }

    /// <summary>Allocation order within one simulation (for traces).</summary>
    public int Id { get; }
    public IommuDomainType Type { get; internal set; }
    /// <summary>The driver instance the domain is bound to (arm-smmu ties it at first attach; per-device allocation ties it at once).</summary>
    public IommuInstance? Owner { get; internal set; }
    /// <summary>arm-smmu context bank index, when the domain translates and has been attached.</summary>
    public int? ContextBank { get; internal set; }
    /// <summary>Devices currently attached (for context-bank release when the domain is freed).</summary>
    internal readonly List<DriverCore.Device> Attached = new();
    /// <summary>Who allocated it: "default", "blocking", or the owner of an unmanaged domain (driver name, "vfio").</summary>
    public string Purpose { get; internal set; } = "default";
    /// <summary>The DMA data plane of the domain, created on first use.</summary>
    internal object? DataPlane;
    public override string ToString() => $"{IommuDomainTypes.SysfsName(Type)} domain {Id}";

    internal static readonly DigestFields DigestFields = new(typeof(IommuDomain),
        [nameof(Id), nameof(Type), nameof(Owner), nameof(ContextBank), nameof(Attached), nameof(Purpose)],
        (nameof(DataPlane), "made and changed only by RunDmaScript: a function of the DMA history DMA mapping digests (DmaMapping._dmaHistory)"));

    /// <summary>A domain where it is referenced (a group, a mapping, a device's private domain, a named domain): inline, with its id.</summary>
    internal static void Digest(ref StateDigest d, IommuDomain? dom)
    {
        if (dom is null) { d.Add(0); return; }
        d.Add(1UL | (ulong)dom.Type << 1 | (ulong)(uint)dom.Id << 8);
        d.Add(dom.Owner?.Order ?? -1);
        d.Add(dom.ContextBank);
        d.Add(dom.Purpose);
        d.Add(dom.Attached.Count);
        foreach (var dev in dom.Attached) d.Add(dev.Id);
    }
}
