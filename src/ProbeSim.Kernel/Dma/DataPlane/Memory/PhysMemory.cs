namespace ProbeSim.Kernel.Dma;

/// <summary>
/// Simulated DRAM for DMA buffers: a deterministic first-fit allocator over the DRAM ranges given to the constructor
/// (bottom-up like the page allocator's buddy lists seen from outside, or top-down below a limit like memblock_alloc_low),
/// a kmalloc-style sub-page allocator, and sparse contents (untouched bytes read as zero, freed memory keeps its data).
/// </summary>
public sealed partial class PhysMemory
{
    private readonly List<(ulong Start, ulong End)> _free = new(); // inclusive ends, sorted, coalesced
    private readonly Dictionary<ulong, ulong> _allocated = new();   // start -> size (lookups only)

    public PhysMemory(IEnumerable<PhysSegment> dram)
    {
        foreach (var r in dram.OrderBy(r => r.Phys))
        {
            if (r.Length == 0 || (r.Phys & (DmaApi.PageSize - 1)) != 0 || (r.Length & (DmaApi.PageSize - 1)) != 0)
                throw new ArgumentException($"DRAM range {KFmt.Hex(r.Phys)}+{KFmt.Hex(r.Length)} must be page aligned and non-empty");
            if (_free.Count > 0 && r.Phys <= _free[^1].End)
                throw new ArgumentException("DRAM ranges overlap");
            _free.Add((r.Phys, r.Phys + r.Length - 1));
            Dram.Add(r);
            TotalBytes += r.Length;
        }

        if (_free.Count == 0)
            throw new ArgumentException("no DRAM", nameof(dram));
        FreeBytes = TotalBytes;
    }

    public PhysMemory(params PhysSegment[] dram)
        : this((IEnumerable<PhysSegment>)dram)
    {
    }

    /// <summary>2 GiB at 0x8000_0000 and 6 GiB at 0x8_8000_0000 (a typical arm64 board with memory above 4 GiB).</summary>
    public static PhysMemory TypicalArm64() => new(new PhysSegment(0x8000_0000, 0x8000_0000), new PhysSegment(0x8_8000_0000, 0x1_8000_0000));

    public List<PhysSegment> Dram { get; } = new();

    public ulong TotalBytes { get; }

    public ulong FreeBytes { get; private set; }

    /// <summary>End of the highest DRAM range (exclusive): max_pfn &lt;&lt; PAGE_SHIFT.</summary>
    public ulong MaxPhys => Dram[^1].Phys + Dram[^1].Length;

    /// <summary>
    /// Allocates <paramref name="size"/> bytes (rounded up to pages) aligned to <paramref name="align"/>, wholly at or
    /// below <paramref name="maxAddr"/>; first fit from the bottom, or from the top when <paramref name="topDown"/>.
    /// </summary>
    public ulong? AllocPages(ulong size, ulong align = DmaApi.PageSize, ulong maxAddr = ulong.MaxValue, bool topDown = false)
    {
        if (size == 0 || !Bits.IsPowerOfTwo(align))
            throw new ArgumentException("size must be non-zero and align a power of two");
        size = Bits.AlignUp(size, DmaApi.PageSize);
        align = Math.Max(align, DmaApi.PageSize);
        for (var k = 0; k < _free.Count; k++)
        {
            var i = topDown ? _free.Count - 1 - k : k;
            var (start, end) = _free[i];
            var top = Math.Min(end, maxAddr);
            if (top < start || top - start + 1 < size)
                continue;
            var at = topDown ? Bits.AlignDown(top - size + 1, align) : Bits.AlignUp(start, align);
            if (at < start || at + size - 1 > top || at + size - 1 < at)
                continue;
            Carve(i, at, size);
            return at;
        }

        return null;
    }

    /// <summary>Frees a block returned by <see cref="AllocPages"/>.</summary>
    public void FreePages(ulong addr)
    {
        if (!_allocated.Remove(addr, out var size))
            throw new InvalidOperationException($"free of unallocated block {KFmt.Hex(addr)}");
        FreeBytes += size;
        var lo = addr;
        var hi = addr + size - 1;
        var pos = _free.FindIndex(f => f.Start > hi);
        if (pos < 0)
            pos = _free.Count;
        _free.Insert(pos, (lo, hi));
        if (pos + 1 < _free.Count && _free[pos + 1].Start == hi + 1)
        {
            _free[pos] = (lo, _free[pos + 1].End);
            _free.RemoveAt(pos + 1);
        }

        if (pos > 0 && _free[pos - 1].End + 1 == lo)
        {
            _free[pos - 1] = (_free[pos - 1].Start, _free[pos].End);
            _free.RemoveAt(pos);
        }
    }

    /// <summary>Size of the block allocated at <paramref name="addr"/>, or null.</summary>
    public ulong? BlockSize(ulong addr) => _allocated.TryGetValue(addr, out var s) ? s : null;

    /// <summary>True if [pa, pa+len) lies in DRAM.</summary>
    public bool IsRam(ulong pa, ulong len) => Dram.Any(r => pa >= r.Phys && pa - r.Phys + len <= r.Length);

    private void Carve(int i, ulong at, ulong size)
    {
        var (start, end) = _free[i];
        var last = at + size - 1;
        _free.RemoveAt(i);
        if (last < end)
            _free.Insert(i, (last + 1, end));
        if (at > start)
            _free.Insert(i, (start, at - 1));
        _allocated.Add(at, size);
        FreeBytes -= size;
    }
}
