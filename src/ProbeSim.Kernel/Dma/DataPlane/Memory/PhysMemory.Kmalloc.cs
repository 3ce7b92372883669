namespace ProbeSim.Kernel.Dma;

public sealed partial class PhysMemory
{
    // kmalloc_info[] size classes up to a page; larger requests go to the page allocator (kmalloc_large).
    private static readonly ulong[] KmallocSizes = { 8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096 };

    private readonly Dictionary<ulong, SlabCache> _slabs = new();
    private readonly Dictionary<ulong, ulong> _objects = new(); // object address -> size class

    /// <summary>
    /// kmalloc(): objects carved in address order from per-size-class slab pages, reused newest-freed first.
    /// Sizes above a page come from the page allocator in power-of-two pages (get_order).
    /// </summary>
    public ulong? Kmalloc(ulong size, ulong align = 8)
    {
        if (size == 0)
            throw new ArgumentException("kmalloc(0)", nameof(size));
        if (!Bits.IsPowerOfTwo(align))
            throw new ArgumentException("alignment must be a power of two", nameof(align));
        var need = Math.Max(size, align);
        var cls = KmallocSizes.FirstOrDefault(c => c >= need && (c % align == 0));
        if (cls == 0)
        {
            var pages = AllocPages(Bits.RoundupPowOfTwo(Bits.AlignUp(size, DmaApi.PageSize)), Math.Max(align, DmaApi.PageSize));
            return pages;
        }

        if (!_slabs.TryGetValue(cls, out var slab))
            _slabs.Add(cls, slab = new SlabCache());
        if (slab.FreeObjects.Count == 0)
        {
            var page = AllocPages(DmaApi.PageSize);
            if (page is null)
                return null;
            var perPage = DmaApi.PageSize / cls;
            for (var i = perPage; i-- > 0;)
                slab.FreeObjects.Push(page.Value + i * cls);
        }

        var obj = slab.FreeObjects.Pop();
        _objects.Add(obj, cls);
        return obj;
    }

    /// <summary>kfree().</summary>
    public void Kfree(ulong addr)
    {
        if (_objects.Remove(addr, out var cls))
        {
            _slabs[cls].FreeObjects.Push(addr);
            return;
        }

        FreePages(addr);
    }

    private sealed class SlabCache
    {
        public Stack<ulong> FreeObjects { get; } = new();
    }
}
