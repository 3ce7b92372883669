using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Dma;
using ProbeSim.Kernel.DriverCore;

namespace ProbeSim.Kernel.Boot;

// what the result, the checks and the reports read of the subsystems, through the kernel
public sealed partial class Kernel
{
    /// <summary>Names of dma_map_ops as reports show them.</summary>
    public static string? DmaOpsName(DmaOpsKind k) => DmaMapping.OpsName(k);

    /// <summary>One word for where the device's DMA goes (<see cref="Dma.DmaMapping.Outcome"/>).</summary>
    public string DmaOutcome(Device dev) => DmaMapping.Outcome(dev);

    /// <summary>The stream a master's DMA carries and the IOMMU instance that sees it, if one is registered.</summary>
    internal WireStream? WireStreamOf(Device dev) => DmaMapping.WireStreamOf(dev);

    private DmaNote? DmaProblem(Device dev, string outcome) => DmaMapping.Problem(dev, outcome);

    private bool WantsIommu(Device dev) => DmaMapping.WantsIommu(dev);

    /// <summary>A node's iommus entries as of_iommu_configure parses them (<see cref="Of.OfPlatform.IommusEntries(DtNode)"/>).</summary>
    internal List<(DtNode? Node, IReadOnlyList<uint> Ids, string? Error)> IommusEntries(DtNode np) => OfPlatform.IommusEntries(np);

    /// <summary>The name of an early OF table as the kernel's linker section calls it (__clk_of_table, ...), for reports.</summary>
    public static string EarlyTableName(ProbeSim.Kernel.Drivers.EarlyTable t) => ProbeSim.Kernel.Of.OfPlatform.EarlyTableName(t);
}
