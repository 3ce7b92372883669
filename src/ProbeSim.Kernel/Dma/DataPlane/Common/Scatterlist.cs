namespace ProbeSim.Kernel.Dma;

/// <summary>One struct scatterlist entry: the CPU side (phys, length) and what dma_map_sg wrote back.</summary>
public sealed class ScatterlistEntry
{
    public ScatterlistEntry(ulong phys, ulong length)
    {
        Phys = phys;
        Length = length;
    }

    public ulong Phys { get; }

    public ulong Length { get; }

    /// <summary>sg_dma_address(); <see cref="DmaApi.MappingError"/> for entries past the returned count.</summary>
    public ulong DmaAddress { get; internal set; } = DmaApi.MappingError;

    /// <summary>sg_dma_len(); 0 for entries past the returned count.</summary>
    public ulong DmaLength { get; internal set; }
}

/// <summary>An sg_table's list. The DMA fields of the first N entries hold the N merged DMA segments after mapping.</summary>
public sealed class Scatterlist
{
    private readonly ScatterlistEntry[] _entries;

    public Scatterlist(IEnumerable<PhysSegment> segments)
    {
        _entries = segments.Select(s => new ScatterlistEntry(s.Phys, s.Length)).ToArray();
        if (_entries.Length == 0)
            throw new ArgumentException("a scatterlist needs at least one entry", nameof(segments));
    }

    public Scatterlist(params PhysSegment[] segments)
        : this((IEnumerable<PhysSegment>)segments)
    {
    }

    public IReadOnlyList<ScatterlistEntry> Entries => _entries;

    public int Count => _entries.Length;

    /// <summary>sg_dma_mark_swiotlb(): mapped entry by entry through the bounce path.</summary>
    public bool MappedBySwiotlb { get; internal set; }

    internal void ResetDma()
    {
        foreach (var e in _entries)
        {
            e.DmaAddress = DmaApi.MappingError;
            e.DmaLength = 0;
        }
    }
}
