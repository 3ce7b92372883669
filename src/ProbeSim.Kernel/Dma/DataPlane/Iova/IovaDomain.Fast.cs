namespace ProbeSim.Kernel.Dma;

public sealed partial class IovaDomain
{
    /// <summary>
    /// alloc_iova_fast: sizes below 32 pfns rounded up to a power of two; the calling CPU's range cache first, then
    /// <see cref="AllocIova"/> (size-aligned); on failure, with <paramref name="flushRcache"/>, every CPU's caches and the
    /// depot go back to the tree once and the allocation is retried. Returns the start pfn, or 0 on failure.
    /// </summary>
    public ulong AllocIovaFast(ulong size, ulong limitPfn, bool flushRcache, int cpu = 0)
    {
        // alloc_iova_fast: round cacheable sizes up so a freed range always refills the cache of its own order
        if (size < 1UL << (IovaRcache.RangeCacheMaxSize - 1))
            size = Bits.RoundupPowOfTwo(size);

        var pfn = Rcache.Get(size, limitPfn + 1 - size, cpu);
        if (pfn != 0)
            return pfn;

        while (true)
        {
            var r = AllocIova(size, limitPfn, sizeAligned: true);
            if (r is not null)
                return r.PfnLo;
            if (!flushRcache)
                return 0;
            flushRcache = false;
            Rcache.FlushAll();
        }
    }

    /// <summary>free_iova_fast: into the calling CPU's range cache when the order is cacheable, else out of the tree.</summary>
    public void FreeIovaFast(ulong pfn, ulong size, int cpu = 0)
    {
        if (Rcache.Insert(pfn, size, cpu))
            return;
        FreeIova(pfn);
    }
}
