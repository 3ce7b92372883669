namespace ProbeSim.Kernel.Iommu;

/// <summary>
/// Why a group's default domain type rests on a guess: a fact the IOMMU driver's def_domain_type reads that the
/// machine's files do not give, where another value of it would give another type. None: the type is modelled.
/// </summary>
public enum IommuTypeGuess
{
    None,
    /// <summary>amd-iommu: whether a member is IOMMUv2-capable (ATS, PRI and PASID, extended capabilities) is unknown,
    /// because its dumped config space stops at 256 bytes; an IOMMUv2-capable device would be identity-mapped.</summary>
    AmdV2DeviceCapsUnread,
    /// <summary>amd-iommu: a member is IOMMUv2-capable, but whether its IOMMU has GT and PPR is read from the MMIO
    /// extended feature register (the IVRS gives no EFR image), which the machine's files do not carry.</summary>
    AmdV2EfrUnread,
}
