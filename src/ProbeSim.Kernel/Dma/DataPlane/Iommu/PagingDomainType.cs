namespace ProbeSim.Kernel.Dma;

/// <summary>
/// IOMMU_DOMAIN_* with the numbers "type %u" prints, for the data plane's own domains; the same values as the core
/// model's ProbeSim.Kernel.Iommu.IommuDomainType, kept separate so the data plane stands alone.
/// </summary>
public enum PagingDomainType
{
    Blocked = 0,
    Unmanaged = 1,
    Dma = 3,
    Identity = 4,
    DmaFq = 11,
}
