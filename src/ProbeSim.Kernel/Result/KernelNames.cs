using ProbeSim.Kernel.Dma;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Result;

/// <summary>The kernel's own names of values the published records carry (no words: those are made in ProbeSim.Reports).</summary>
public static class KernelNames
{
    /// <summary>The dma_map_ops as the kernel names them (iommu-dma, direct, swiotlb, arm, arm-iommu), or null for none.</summary>
    public static string? DmaOps(DmaOpsKind ops) => DmaMapping.OpsName(ops);

    /// <summary>An early OF table's linker section (__clk_of_table, __irqchip_of_table, ...).</summary>
    public static string EarlyTable(EarlyTable table) => ProbeSim.Kernel.Of.OfPlatform.EarlyTableName(table);
}
