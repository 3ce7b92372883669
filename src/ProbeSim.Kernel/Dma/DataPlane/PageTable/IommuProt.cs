namespace ProbeSim.Kernel.Dma;

/// <summary>IOMMU_* protection flags (include/linux/iommu.h), same bit positions.</summary>
[Flags]
public enum IommuProt
{
    None = 0,
    Read = 1 << 0,
    Write = 1 << 1,
    Cache = 1 << 2,
    Noexec = 1 << 3,
    Mmio = 1 << 4,
    Priv = 1 << 5,
}

/// <summary>struct iommu_iotlb_gather: the IOVA ranges whose TLB entries an unmap must invalidate before reuse.</summary>
public sealed class IotlbGather
{
    private readonly List<(ulong Start, ulong End)> _ranges = new();

    /// <summary>gather->queued: the caller will flush everything later (DMA_FQ), so leaf pages are not gathered.</summary>
    public bool Queued { get; init; }

    /// <summary>Inclusive ranges gathered so far.</summary>
    public IReadOnlyList<(ulong Start, ulong End)> Ranges => _ranges;

    /// <summary>Page-table pages released into the gather's freelist (drivers that defer table freeing).</summary>
    public int FreedTablePages { get; internal set; }

    /// <summary>iommu_iotlb_gather_add_page: extends the last range when contiguous, else starts another.</summary>
    internal void AddPage(ulong iova, ulong size)
    {
        var end = iova + size - 1;
        if (_ranges.Count > 0 && _ranges[^1].End + 1 == iova)
            _ranges[^1] = (_ranges[^1].Start, end);
        else
            _ranges.Add((iova, end));
    }

    internal void Clear() => _ranges.Clear();
}
