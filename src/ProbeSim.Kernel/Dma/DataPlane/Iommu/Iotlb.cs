namespace ProbeSim.Kernel.Dma;

/// <summary>
/// The IOMMU's TLB: translations cached per leaf when a device walks the table, kept until invalidated by address
/// range (iotlb_sync of a gather, a walk flush) or wholesale (flush_iotlb_all). Nothing evicts entries on its own,
/// so a stale entry lives exactly as long as software leaves it, which is the question the model answers.
/// </summary>
public sealed class Iotlb
{
    private readonly Dictionary<ulong, Entry> _entries = new(); // leaf iova -> entry
    private readonly SortedSet<ulong> _sizes = new();            // leaf sizes present, for lookups

    public int Count => _entries.Count;

    public long Fills { get; private set; }

    public long Hits { get; private set; }

    public long RangeInvalidations { get; private set; }

    public long FullInvalidations { get; private set; }

    internal bool TryLookup(ulong iova, out Entry entry)
    {
        foreach (var size in _sizes)
        {
            if (_entries.TryGetValue(iova & ~(size - 1), out entry) && entry.Size == size)
            {
                Hits++;
                return true;
            }
        }

        entry = default;
        return false;
    }

    internal void Fill(ulong leafIova, ulong leafPa, ulong size, IommuProt prot)
    {
        _entries[leafIova] = new Entry(leafPa, size, prot);
        _sizes.Add(size);
        Fills++;
    }

    /// <summary>Drops every entry overlapping [start, end].</summary>
    public void InvalidateRange(ulong start, ulong end)
    {
        RangeInvalidations++;
        if (_entries.Count == 0)
            return;
        var victims = new List<ulong>();
        foreach (var (iova, e) in _entries)
            if (iova <= end && iova + e.Size - 1 >= start)
                victims.Add(iova);
        foreach (var v in victims)
            _entries.Remove(v);
    }

    public void InvalidateAll()
    {
        FullInvalidations++;
        _entries.Clear();
        _sizes.Clear();
    }

    internal readonly record struct Entry(ulong Pa, ulong Size, IommuProt Prot);
}
