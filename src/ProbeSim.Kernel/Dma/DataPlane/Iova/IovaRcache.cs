namespace ProbeSim.Kernel.Dma;

/// <summary>
/// The IOVA range caches (iova.c "magazines"): for each order 0..5 (1..32 pfns) every CPU has a loaded and a previous
/// magazine; full magazines go to a shared depot. Cached ranges stay allocated in the tree until a flush.
/// </summary>
public sealed class IovaRcache
{
    /// <summary>IOVA_RANGE_CACHE_MAX_SIZE: orders 0..5 are cached.</summary>
    public const int RangeCacheMaxSize = 6;

    /// <summary>IOVA_MAG_SIZE up to v5.19 (the v6.0 change to 127 made a magazine exactly 1 KiB).</summary>
    public const int MagazineSizeV519 = 128;

    public const int MagazineSizeV66 = 127;

    /// <summary>MAX_GLOBAL_MAGS: the fixed depot size before the depot became an unbounded list.</summary>
    public const int DepotLimitV519 = 32;

    private readonly IovaDomain _iovad;
    private readonly PerOrder[] _orders;

    internal IovaRcache(IovaDomain iovad, int cpus, int magazineSize, int? depotLimit)
    {
        if (cpus < 1)
            throw new ArgumentOutOfRangeException(nameof(cpus));
        if (magazineSize < 1)
            throw new ArgumentOutOfRangeException(nameof(magazineSize));
        _iovad = iovad;
        Cpus = cpus;
        MagazineSize = magazineSize;
        DepotLimit = depotLimit;
        _orders = Enumerable.Range(0, RangeCacheMaxSize).Select(_ => new PerOrder(cpus, magazineSize)).ToArray();
    }

    public int Cpus { get; }

    public int MagazineSize { get; }

    /// <summary>null = unbounded depot list (v6.6+); 32 = MAX_GLOBAL_MAGS.</summary>
    public int? DepotLimit { get; }

    /// <summary>Pfns held by <paramref name="cpu"/>'s loaded magazine of <paramref name="order"/>, oldest first.</summary>
    public IReadOnlyList<ulong> Loaded(int order, int cpu) => _orders[order].Cpu[cpu].Loaded.Pfns;

    public int DepotCount(int order) => _orders[order].Depot.Count;

    /// <summary>Total ranges parked in all magazines.</summary>
    public int CachedRanges => _orders.Sum(o => o.Cpu.Sum(c => c.Loaded.Count + c.Prev.Count) + o.Depot.Sum(m => m.Count));

    // iova_rcache_insert / __iova_rcache_insert
    internal bool Insert(ulong pfn, ulong size, int cpu)
    {
        var order = Bits.OrderBase2(size);
        if (order >= RangeCacheMaxSize)
            return false;
        var po = _orders[order];
        var c = po.Cpu[cpu];
        if (c.Loaded.Full)
        {
            if (!c.Prev.Full)
                (c.Loaded, c.Prev) = (c.Prev, c.Loaded);
            else
            {
                // a full loaded magazine goes to the depot; a bounded depot that is full sends it back to the tree
                if (DepotLimit is null || po.Depot.Count < DepotLimit)
                    po.Depot.Push(c.Loaded);
                else
                    FreeMagazine(c.Loaded);
                c.Loaded = new IovaMagazine(MagazineSize);
            }
        }

        c.Loaded.Push(pfn);
        return true;
    }

    // iova_rcache_get / __iova_rcache_get: limitPfn is the highest acceptable start pfn
    internal ulong Get(ulong size, ulong limitPfn, int cpu)
    {
        var order = Bits.OrderBase2(size);
        if (order >= RangeCacheMaxSize)
            return 0;
        var po = _orders[order];
        var c = po.Cpu[cpu];
        if (c.Loaded.Empty)
        {
            if (!c.Prev.Empty)
                (c.Loaded, c.Prev) = (c.Prev, c.Loaded);
            else if (po.Depot.Count > 0)
                c.Loaded = po.Depot.Pop();
            else
                return 0;
        }

        return c.Loaded.Pop(limitPfn);
    }

    /// <summary>free_cpu_cached_iovas: returns one CPU's magazines to the tree.</summary>
    public void FreeCpuCached(int cpu)
    {
        foreach (var po in _orders)
        {
            FreeMagazine(po.Cpu[cpu].Loaded);
            FreeMagazine(po.Cpu[cpu].Prev);
        }
    }

    /// <summary>free_global_cached_iovas: empties the depots into the tree.</summary>
    public void FreeGlobalCached()
    {
        foreach (var po in _orders)
            while (po.Depot.Count > 0)
                FreeMagazine(po.Depot.Pop());
    }

    /// <summary>Both flushes for every CPU, as alloc_iova_fast does before its one retry.</summary>
    public void FlushAll()
    {
        for (var cpu = 0; cpu < Cpus; cpu++)
            FreeCpuCached(cpu);
        FreeGlobalCached();
    }

    // iova_magazine_free_pfns
    private void FreeMagazine(IovaMagazine mag)
    {
        foreach (var pfn in mag.Pfns)
        {
            var r = _iovad.FindIova(pfn);
            if (r is not null)
                _iovad.RemoveRange(r);
        }

        mag.Clear();
    }

    private sealed class PerOrder
    {
        public PerOrder(int cpus, int magazineSize)
        {
            Cpu = Enumerable.Range(0, cpus).Select(_ => new CpuRcache(magazineSize)).ToArray();
        }

        public CpuRcache[] Cpu { get; }

        public Stack<IovaMagazine> Depot { get; } = new();
    }

    private sealed class CpuRcache
    {
        public CpuRcache(int size)
        {
            Loaded = new IovaMagazine(size);
            Prev = new IovaMagazine(size);
        }

        public IovaMagazine Loaded { get; set; }

        public IovaMagazine Prev { get; set; }
    }
}
