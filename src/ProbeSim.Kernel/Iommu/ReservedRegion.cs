namespace ProbeSim.Kernel.Iommu;

/// <summary>enum iommu_resv_type: what a reserved IOVA range is for.</summary>
public enum ReservedRegionType { Direct, DirectRelaxable, Reserved, Msi, SwMsi }

/// <summary>A struct iommu_resv_region: an inclusive IOVA range and its type.</summary>
public sealed record ReservedRegion(ulong Start, ulong End, ReservedRegionType Type)
{
    // iommu_group_resv_type_string (drivers/iommu/iommu.c:70-77): the words of /sys/kernel/iommu_groups/N/reserved_regions
    public static string TypeName(ReservedRegionType t) => t switch
    {
        ReservedRegionType.Direct => "direct",
        ReservedRegionType.DirectRelaxable => "direct-relaxable",
        ReservedRegionType.Reserved => "reserved",
        _ => "msi",
    };

    /// <summary>One line of the reserved_regions file: "0x%016llx 0x%016llx %s".</summary>
    public override string ToString() => $"0x{Start:x16} 0x{End:x16} {TypeName(Type)}";
}
