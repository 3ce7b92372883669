namespace ProbeSim.Kernel.Dma;

/// <summary>
/// Why a device that asked for an IOMMU has none, or a DMA problem the model can see without running DMA, as the values
/// it saw. The words are made in ProbeSim.Reports.
/// </summary>
public abstract record DmaNote
{
    /// <summary>of_iommu_configure left the device without an IOMMU, by this rule.</summary>
    public sealed record NoIommu(ProbeSim.Kernel.Of.OfIommuRule Rule) : DmaNote;

    /// <summary>IOMMU dma_ops without a dma_iommu_mapping (spec driver-core S5): the first DMA allocation fails.</summary>
    public sealed record NoMapping : DmaNote;

    /// <summary>Bound, and its stream has no stream-map entry the model can name: the IOMMU aborts it.</summary>
    public sealed record StreamAborted : DmaNote;

    /// <summary>arm-smmu (v1/v2) with disable_bypass: the unmatched stream of a master bound without a group faults.</summary>
    public sealed record UnmatchedStreamFaults(string Iommu) : DmaNote;

    /// <summary>arm-smmu-v3: another master's STE translates the stream with that master's domain.</summary>
    public sealed record OtherMastersStream(string Iommu, uint StreamId, string Owner) : DmaNote;

    /// <summary>arm-smmu-v3: a level-2 table with an abort STE stops the stream without an event.</summary>
    public sealed record AbortStream(string Iommu, uint StreamId) : DmaNote;

    /// <summary>arm-smmu-v3: no stream table entry: the next DMA logs event 0x02 (C_BAD_STREAMID) with
    /// <paramref name="EventDword"/>; <paramref name="IommuDriver"/> is the SMMU device's driver string in the log.</summary>
    public sealed record BadStreamId(string Iommu, string IommuDriver, uint StreamId, ulong EventDword) : DmaNote;
}
