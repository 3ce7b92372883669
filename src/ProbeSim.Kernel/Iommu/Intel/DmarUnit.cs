using ProbeSim.Acpi.Dmar;
using ProbeSim.Kernel.Pci;

namespace ProbeSim.Kernel.Iommu.Intel;

/// <summary>
/// One struct dmar_drhd_unit with its intel_iommu: the DRHD it came from, its name (<c>dmar%d</c>, in table order), the
/// PCI functions its device scopes resolved to, and whether the driver ignores it.
/// </summary>
public sealed record DmarUnit(int SeqId, DmarDrhd Drhd, IReadOnlyList<PciFunction> ScopeDevices, bool Ignored, bool GfxDedicated)
{
    /// <summary>/sys/class/iommu/dmarN (alloc_iommu: "dmar%d" with the seq_id).</summary>
    public string Name => $"dmar{SeqId}";

    public bool IncludeAll => Drhd.IncludePciAll;
    public ushort Segment => Drhd.Segment;
}

/// <summary>Why intel-iommu translates nothing on this machine.</summary>
public enum IntelIommuOff
{
    /// <summary>The kernel is built without CONFIG_INTEL_IOMMU.</summary>
    NotBuilt,
    /// <summary>The firmware has no DMAR table (dmar_table_detect).</summary>
    NoDmarTable,
    /// <summary>The DMAR table is refused as a whole (its rejection names the kernel function).</summary>
    TableRejected,
    /// <summary>iommu=off (no_iommu).</summary>
    NoIommu,
    /// <summary>intel_iommu=off, or CONFIG_INTEL_IOMMU_DEFAULT_OFF without intel_iommu=on (dmar_disabled).</summary>
    DmarDisabled,
}
