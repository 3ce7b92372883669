namespace ProbeSim.Kernel.Dma;

/// <summary>
/// struct iova_domain (drivers/iommu/iova.c): the top-down IOVA allocator of a DMA domain, with its two cached
/// search points (limits at or below 4 GiB, and above), the 32-bit fast-fail size and the per-CPU range caches.
/// Sizes and limits are in granule-sized page frames (pfns).
/// </summary>
public sealed partial class IovaDomain
{
    private readonly IovaTree _tree = new();
    private IovaRange _cachedNode;
    private IovaRange _cached32Node;

    /// <summary>init_iova_domain + iova_domain_init_rcaches.</summary>
    public IovaDomain(ulong granule, ulong startPfn, int cpus = 1, int magazineSize = IovaRcache.MagazineSizeV66, int? depotLimit = null)
    {
        // init_iova_domain: the granule must be a power of two no bigger than a CPU page (BUG_ON)
        if (!Bits.IsPowerOfTwo(granule) || granule > DmaApi.PageSize)
            throw new ArgumentException($"granule {KFmt.Hex(granule)} must be a power of two <= PAGE_SIZE");
        Granule = granule;
        Shift = Bits.Ffs(granule);
        StartPfn = startPfn;
        Dma32BitPfn = 1UL << (32 - Shift);
        Max32AllocSize = Dma32BitPfn;
        _cachedNode = _tree.Anchor;
        _cached32Node = _tree.Anchor;
        Rcache = new IovaRcache(this, cpus, magazineSize, depotLimit);
    }

    public ulong Granule { get; }

    /// <summary>iova_shift().</summary>
    public int Shift { get; }

    public ulong StartPfn { get; }

    /// <summary>dma_32bit_pfn: 1 &lt;&lt; (32 - shift), the first pfn above 4 GiB.</summary>
    public ulong Dma32BitPfn { get; }

    /// <summary>max32_alloc_size: a request this big (or bigger) under a 32-bit limit fails without searching.</summary>
    public ulong Max32AllocSize { get; private set; }

    public IovaRcache Rcache { get; }

    /// <summary>Ranges in the tree (allocated, reserved, and those parked in rcache magazines), in address order.</summary>
    public IReadOnlyList<IovaRange> Ranges => _tree.Nodes;

    /// <summary>Where the next search under a 32-bit limit starts (the anchor when nothing is cached).</summary>
    public IovaRange Cached32Node => _cached32Node;

    public IovaRange CachedNode => _cachedNode;

    public bool IsAnchor(IovaRange r) => r == _tree.Anchor;

    /// <summary>
    /// alloc_iova: <paramref name="size"/> pfns at or below <paramref name="limitPfn"/> (inclusive), searched top-down
    /// from the cached node; with <paramref name="sizeAligned"/> the start is aligned to roundup_pow_of_two(size).
    /// </summary>
    public IovaRange? AllocIova(ulong size, ulong limitPfn, bool sizeAligned)
    {
        if (size == 0)
            throw new ArgumentException("zero-sized IOVA", nameof(size));
        return AllocAndInsertRange(size, limitPfn + 1, sizeAligned);
    }

    // __alloc_and_insert_iova_range: limitPfn here is exclusive (alloc_iova passes limit_pfn + 1)
    private IovaRange? AllocAndInsertRange(ulong size, ulong limitPfn, bool sizeAligned)
    {
        var alignMask = sizeAligned ? ~0UL << Bits.FlsLong(size - 1) : ~0UL;
        ulong highPfn = limitPfn, lowPfn = StartPfn;

        // max32_alloc_size fast-fail: a same-or-larger 32-bit request already failed and nothing below 4 GiB was freed
        if (limitPfn <= Dma32BitPfn && size >= Max32AllocSize)
            return null;

        var curr = limitPfn <= Dma32BitPfn ? _cached32Node : _cachedNode; // __get_cached_rbnode
        var retryPfn = curr.PfnHi;
        IovaRange? prev;
        ulong newPfn;

        while (true)
        {
            // walk down from the cached node, stepping below each allocated range
            IovaRange? walk = curr;
            do
            {
                highPfn = Math.Min(highPfn, walk!.PfnLo);
                newPfn = unchecked(highPfn - size) & alignMask;
                prev = walk;
                walk = _tree.Prev(walk);
            }
            while (walk != null && newPfn <= walk.PfnHi && newPfn >= lowPfn);

            if (highPfn >= size && newPfn >= lowPfn)
                break;

            // retry once from the limit down to the old cached point
            if (lowPfn == StartPfn && retryPfn < limitPfn)
            {
                highPfn = limitPfn;
                lowPfn = retryPfn + 1;
                curr = _tree.FindLimit(limitPfn, Dma32BitPfn);
                continue;
            }

            Max32AllocSize = size;
            return null;
        }

        var created = new IovaRange(newPfn, newPfn + size - 1);
        _tree.Insert(created);
        // __cached_rbnode_insert_update
        if (created.PfnHi < Dma32BitPfn)
            _cached32Node = created;
        else
            _cachedNode = created;
        return created;
    }

    /// <summary>find_iova: the range containing <paramref name="pfn"/>.</summary>
    public IovaRange? FindIova(ulong pfn) => _tree.Find(pfn);

    /// <summary>free_iova: finds and frees the range containing <paramref name="pfn"/>; false if none.</summary>
    public bool FreeIova(ulong pfn)
    {
        var r = _tree.Find(pfn);
        if (r is null)
            return false;
        RemoveRange(r);
        return true;
    }

    // private_free_iova = __cached_rbnode_delete_update + rb_erase
    internal void RemoveRange(IovaRange free)
    {
        var next = _tree.Next(free)!;
        if (free == _cached32Node || (free.PfnHi < Dma32BitPfn && free.PfnLo >= _cached32Node.PfnLo))
            _cached32Node = next;
        if (free.PfnLo < Dma32BitPfn)
            Max32AllocSize = Dma32BitPfn;
        if (free.PfnLo >= _cachedNode.PfnLo)
            _cachedNode = next;
        _tree.Remove(free);
    }

    /// <summary>
    /// reserve_iova: marks [pfnLo, pfnHi] unavailable, merging into overlapping ranges; null (after a WARN in the
    /// kernel) for pfns that do not fit in a dma_addr_t.
    /// </summary>
    public IovaRange? ReserveIova(ulong pfnLo, ulong pfnHi)
    {
        if ((pfnHi | pfnLo) > (ulong.MaxValue >> Shift))
            return null;
        var overlap = false;
        var nodes = _tree.Nodes;
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (pfnLo <= node.PfnHi && pfnHi >= node.PfnLo)
            {
                // __adjust_overlap_range
                if (pfnLo < node.PfnLo)
                    node.PfnLo = pfnLo;
                if (pfnHi > node.PfnHi)
                    pfnLo = node.PfnHi + 1;
                if (pfnLo >= node.PfnLo && pfnHi <= node.PfnHi)
                    return node;
                overlap = true;
            }
            else if (overlap)
                break;
        }

        var r = new IovaRange(pfnLo, pfnHi);
        return _tree.Insert(r) ? r : null;
    }
}
