namespace ProbeSim.Kernel.Dma;

/// <summary>
/// kernel/dma/swiotlb.c, the default io_tlb_mem as one pool and one area: 2 KiB slots, allocations never crossing a
/// 128-slot segment, next-fit from the area index, page-aligned slots for mappings of a page or more. Bounce copies
/// move real bytes through <see cref="PhysMemory"/>.
/// </summary>
public sealed partial class Swiotlb
{
    /// <summary>IO_TLB_SHIFT / IO_TLB_SIZE: slot size.</summary>
    public const int IoTlbShift = 11;

    public const ulong IoTlbSize = 1UL << IoTlbShift;

    /// <summary>IO_TLB_SEGSIZE: the most slots one mapping may span (so 256 KiB at most).</summary>
    public const int IoTlbSegSize = 128;

    /// <summary>IO_TLB_DEFAULT_SIZE.</summary>
    public const ulong DefaultSize = 64UL << 20;

    private readonly PhysMemory _mem;
    private readonly bool[] _used;
    private readonly ulong[] _origAddr;
    private readonly ulong[] _allocSize;
    private int _index;

    /// <summary>
    /// swiotlb_init: the pool comes from the top of memory below <paramref name="lowLimit"/> (memblock_alloc_low;
    /// arm64's limit is the DMA zone, 4 GiB by default). <paramref name="force"/> is swiotlb=force.
    /// </summary>
    public Swiotlb(PhysMemory mem, ulong size = DefaultSize, ulong lowLimit = 0xFFFF_FFFF, bool force = false, IDmaLog? log = null)
    {
        _mem = mem;
        if (size < IoTlbSize * IoTlbSegSize || size % (IoTlbSize * IoTlbSegSize) != 0)
            throw new ArgumentException("swiotlb size must be a multiple of a 128-slot segment", nameof(size));
        var start = mem.AllocPages(size, DmaApi.PageSize, lowLimit, topDown: true)
            ?? throw new InvalidOperationException("swiotlb: cannot allocate the bounce pool below the low limit");
        Start = start;
        NSlabs = (int)(size >> IoTlbShift);
        _used = new bool[NSlabs];
        _origAddr = new ulong[NSlabs];
        _allocSize = new ulong[NSlabs];
        Force = force;
        (log ?? NullDmaLog.Instance).Log(DmaLogLevel.Info,
            $"software IO TLB: mapped [mem {KFmt.Pa(Start)}-{KFmt.Pa(End)}] ({size >> 20}MB)");
    }

    public ulong Start { get; }

    public ulong End => Start + ((ulong)NSlabs << IoTlbShift);

    /// <summary>mem->nslabs.</summary>
    public int NSlabs { get; }

    /// <summary>mem_used(): slots in use.</summary>
    public int Used { get; private set; }

    /// <summary>is_swiotlb_force_bounce.</summary>
    public bool Force { get; }

    /// <summary>swiotlb_max_mapping_size: a segment's worth of slots.</summary>
    public static ulong MaxMappingSize => IoTlbSize * IoTlbSegSize;

    /// <summary>is_swiotlb_buffer.</summary>
    public bool IsSwiotlbBuffer(ulong pa) => pa >= Start && pa < End;

    /// <summary>
    /// swiotlb_tbl_map_single: a bounce slot run for [orig, orig+size), filled from the original (always, so a partial
    /// device write leaves the rest intact); <see cref="DmaApi.MappingError"/> with "swiotlb buffer is full" when no run fits.
    /// </summary>
    public ulong MapSingle(DmaDevice dev, ulong orig, ulong size, ulong allocAlignMask, DmaDirection dir, DmaAttrs attrs, IDmaLog log, DmaStats stats)
    {
        var offset = orig & dev.MinAlignMask & (IoTlbSize - 1); // swiotlb_align_offset
        var index = FindSlots(dev, orig, size + offset, allocAlignMask);
        if (index < 0)
        {
            if ((attrs & DmaAttrs.NoWarn) == 0)
                log.Log(DmaLogLevel.Warning, $"{dev.Prefix}swiotlb buffer is full (sz: {size} bytes), total {NSlabs} (slots), used {Used} (slots)");
            return DmaApi.MappingError;
        }

        var nslots = NrSlots(size + offset);
        for (var i = 0; i < nslots; i++)
            _origAddr[index + i] = orig + ((ulong)i << IoTlbShift);
        _allocSize[index] = size + offset;
        var tlb = SlotAddr(index) + offset;
        Bounce(tlb, size, toDevice: true, stats);
        stats.Bounces++;
        return tlb;
    }

    /// <summary>swiotlb_tbl_unmap_single: copies back for FROM_DEVICE/BIDIRECTIONAL (unless SKIP_CPU_SYNC) and releases.</summary>
    public void UnmapSingle(DmaDevice dev, ulong tlb, ulong size, DmaDirection dir, DmaAttrs attrs, DmaStats stats)
    {
        if ((attrs & DmaAttrs.SkipCpuSync) == 0 && dir is DmaDirection.FromDevice or DmaDirection.Bidirectional)
            Bounce(tlb, size, toDevice: false, stats);
        var offset = tlb & dev.MinAlignMask & (IoTlbSize - 1);
        var index = (int)((tlb - offset - Start) >> IoTlbShift);
        var nslots = NrSlots(_allocSize[index]);
        for (var i = 0; i < nslots; i++)
        {
            _used[index + i] = false;
            _origAddr[index + i] = 0;
        }

        _allocSize[index] = 0;
        Used -= nslots;
    }

    /// <summary>swiotlb_sync_single_for_cpu: the device's data back to the original buffer.</summary>
    public void SyncForCpu(ulong tlb, ulong size, DmaDirection dir, DmaStats stats)
    {
        if (dir is DmaDirection.FromDevice or DmaDirection.Bidirectional)
            Bounce(tlb, size, toDevice: false, stats);
    }

    /// <summary>swiotlb_sync_single_for_device: the CPU's data into the bounce buffer.</summary>
    public void SyncForDevice(ulong tlb, ulong size, DmaDirection dir, DmaStats stats)
    {
        if (dir is DmaDirection.ToDevice or DmaDirection.Bidirectional)
            Bounce(tlb, size, toDevice: true, stats);
    }

    /// <summary>The original address a bounce address stands for.</summary>
    public ulong OrigAddr(ulong tlb) => _origAddr[(tlb - Start) >> IoTlbShift] + (tlb & (IoTlbSize - 1));

    private static int NrSlots(ulong size) => (int)((size + IoTlbSize - 1) >> IoTlbShift);

    private ulong SlotAddr(int index) => Start + ((ulong)index << IoTlbShift);

    // swiotlb_bounce
    private void Bounce(ulong tlb, ulong size, bool toDevice, DmaStats stats)
    {
        var orig = OrigAddr(tlb);
        if (toDevice)
        {
            _mem.Copy(tlb, orig, size);
            stats.BounceBytesToDevice += (long)size;
        }
        else
        {
            _mem.Copy(orig, tlb, size);
            stats.BounceBytesFromDevice += (long)size;
        }
    }
}
