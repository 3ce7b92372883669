namespace ProbeSim.Kernel.Dma;

/// <summary>
/// kernel/dma/direct.c for one device: DMA address = phys_to_dma(phys); buffers the device cannot reach bounce
/// through swiotlb when it is active, else one dev_WARN_ONCE and DMA_MAPPING_ERROR. The baseline path (no IOMMU).
/// </summary>
public sealed class DmaDirectOps : IDmaOps
{
    private readonly PhysMemory _mem;
    private readonly DmaDirectPlatform _platform;
    private readonly Swiotlb? _swiotlb;
    private readonly IDmaLog _log;
    private readonly OnceFlags _once = new();

    /// <param name="swiotlb">The bounce pool, or null when swiotlb is not active (e.g. arm64 with all RAM in the DMA zone).</param>
    public DmaDirectOps(DmaDevice device, PhysMemory mem, DmaDirectPlatform? platform = null, Swiotlb? swiotlb = null, IDmaLog? log = null)
    {
        Device = device;
        _mem = mem;
        _platform = platform ?? DmaDirectPlatform.For(mem);
        _swiotlb = swiotlb;
        _log = log ?? NullDmaLog.Instance;
    }

    public string Name => "dma-direct";

    public DmaDevice Device { get; }

    public DmaStats Stats { get; } = new();

    private bool ForceBounce => _swiotlb is { Force: true } || Device.ForceBounce;

    public int SetMask(ulong mask)
    {
        // dma_set_mask -> dma_supported -> dma_direct_supported
        if (!_platform.Supported(Device, mask))
            return -EIO;
        Device.DmaMask = mask;
        return 0;
    }

    public int SetCoherentMask(ulong mask)
    {
        if (!_platform.Supported(Device, mask))
            return -EIO;
        Device.CoherentDmaMask = mask;
        return 0;
    }

    /// <summary>dma_direct_map_page.</summary>
    public ulong MapPage(ulong phys, ulong size, DmaDirection dir, DmaAttrs attrs = DmaAttrs.None, int cpu = 0)
    {
        Stats.Maps++;
        var dma = DmaRangeMap.PhysToDma(Device, phys);
        if (ForceBounce)
            return SwiotlbMap(phys, size, dir, attrs);
        if (!DmaRangeMap.Capable(Device, dma, size))
        {
            if (_swiotlb is not null)
                return SwiotlbMap(phys, size, dir, attrs);
            if (_once.First("overflow"))
            {
                _log.Log(DmaLogLevel.Warning, $"{Device.Prefix}DMA addr {KFmt.Pa(dma)}+{size} overflow (mask {KFmt.Llx(Device.DmaMask)}, bus limit {KFmt.Llx(Device.BusDmaLimit)}).");
                _log.Log(DmaLogLevel.Warning, KFmt.Warning("kernel/dma/direct.h", "dma_direct_map_page"));
            }

            Stats.MapErrors++;
            return DmaApi.MappingError;
        }

        SyncForDevice(phys, dir, attrs);
        return dma;
    }

    /// <summary>dma_direct_unmap_page.</summary>
    public void UnmapPage(ulong dmaAddr, ulong size, DmaDirection dir, DmaAttrs attrs = DmaAttrs.None, int cpu = 0)
    {
        Stats.Unmaps++;
        var phys = DmaRangeMap.DmaToPhys(Device, dmaAddr);
        if ((attrs & DmaAttrs.SkipCpuSync) == 0)
            SyncSingleForCpu(dmaAddr, size, dir);
        if (_swiotlb is not null && _swiotlb.IsSwiotlbBuffer(phys))
            _swiotlb.UnmapSingle(Device, phys, size, dir, attrs | DmaAttrs.SkipCpuSync, Stats);
    }

    /// <summary>dma_direct_map_sg: entry by entry, no merging; on failure the mapped entries are undone and -EIO returned.</summary>
    public int MapSg(Scatterlist sg, DmaDirection dir, DmaAttrs attrs = DmaAttrs.None, int cpu = 0)
    {
        sg.ResetDma();
        for (var i = 0; i < sg.Count; i++)
        {
            var e = sg.Entries[i];
            var dma = MapPage(e.Phys, e.Length, dir, attrs, cpu);
            if (dma == DmaApi.MappingError)
            {
                for (var j = 0; j < i; j++)
                    UnmapPage(sg.Entries[j].DmaAddress, sg.Entries[j].DmaLength, dir, attrs | DmaAttrs.SkipCpuSync, cpu);
                sg.ResetDma();
                return -EIO;
            }

            e.DmaAddress = dma;
            e.DmaLength = e.Length;
        }

        return sg.Count;
    }

    public void UnmapSg(Scatterlist sg, DmaDirection dir, DmaAttrs attrs = DmaAttrs.None, int cpu = 0)
    {
        foreach (var e in sg.Entries)
            if (e.DmaLength != 0)
                UnmapPage(e.DmaAddress, e.DmaLength, dir, attrs, cpu);
        sg.ResetDma();
    }

    /// <summary>dma_direct_alloc: whole pages below min_not_zero(coherent mask, bus limit), zeroed.</summary>
    public CoherentBuffer? AllocCoherent(ulong size, DmaAttrs attrs = DmaAttrs.None, int cpu = 0)
    {
        size = Bits.AlignUp(size, DmaApi.PageSize);
        var limit = DmaRangeMap.DmaToPhys(Device, DmaApi.MinNotZero(Device.CoherentDmaMask, Device.BusDmaLimit));
        var phys = _mem.AllocPages(size, DmaApi.PageSize, limit);
        if (phys is null)
            return null;
        _mem.Fill(phys.Value, size, 0);
        if (!Device.Coherent)
            Stats.CoherentPreps++; // arch_dma_prep_coherent before the uncached remap
        return new CoherentBuffer(DmaRangeMap.PhysToDma(Device, phys.Value), size, new[] { new PhysSegment(phys.Value, size) }, true);
    }

    public void FreeCoherent(CoherentBuffer buffer, int cpu = 0) => _mem.FreePages(buffer.CpuPhys);

    /// <summary>dma_direct_sync_single_for_cpu.</summary>
    public void SyncSingleForCpu(ulong dmaAddr, ulong size, DmaDirection dir)
    {
        var phys = DmaRangeMap.DmaToPhys(Device, dmaAddr);
        if (!Device.Coherent && dir != DmaDirection.ToDevice)
            Stats.CacheInvalidates++;
        if (_swiotlb is not null && _swiotlb.IsSwiotlbBuffer(phys))
            _swiotlb.SyncForCpu(phys, size, dir, Stats);
    }

    /// <summary>dma_direct_sync_single_for_device.</summary>
    public void SyncSingleForDevice(ulong dmaAddr, ulong size, DmaDirection dir)
    {
        var phys = DmaRangeMap.DmaToPhys(Device, dmaAddr);
        if (_swiotlb is not null && _swiotlb.IsSwiotlbBuffer(phys))
            _swiotlb.SyncForDevice(phys, size, dir, Stats);
        SyncForDevice(phys, dir, DmaAttrs.None);
    }

    /// <summary>Without an IOMMU the bus address reaches dma_to_phys(address) directly.</summary>
    public DeviceAccessResult DeviceAccess(ulong dmaAddr, ulong length, bool write)
    {
        var phys = DmaRangeMap.DmaToPhys(Device, dmaAddr);
        return new DeviceAccessResult(DmaAccessFault.None, 0, new[] { new DmaAccessChunk(dmaAddr, phys, length, false, false) });
    }

    // swiotlb_map
    private ulong SwiotlbMap(ulong phys, ulong size, DmaDirection dir, DmaAttrs attrs)
    {
        if (_swiotlb is null)
        {
            Stats.MapErrors++;
            return DmaApi.MappingError;
        }

        var tlb = _swiotlb.MapSingle(Device, phys, size, 0, dir, attrs, _log, Stats);
        if (tlb == DmaApi.MappingError)
        {
            Stats.MapErrors++;
            return DmaApi.MappingError;
        }

        var dma = DmaRangeMap.PhysToDma(Device, tlb);
        if (!DmaRangeMap.Capable(Device, dma, size))
        {
            _swiotlb.UnmapSingle(Device, tlb, size, dir, attrs | DmaAttrs.SkipCpuSync, Stats);
            if (_once.First("swiotlb-overflow"))
            {
                _log.Log(DmaLogLevel.Warning, $"{Device.Prefix}swiotlb addr {KFmt.Pa(dma)}+{size} overflow (mask {KFmt.Llx(Device.DmaMask)}, bus limit {KFmt.Llx(Device.BusDmaLimit)}).");
                _log.Log(DmaLogLevel.Warning, KFmt.Warning("kernel/dma/swiotlb.c", "swiotlb_map"));
            }

            Stats.MapErrors++;
            return DmaApi.MappingError;
        }

        SyncForDevice(tlb, dir, attrs);
        return dma;
    }

    // arch_sync_dma_for_device on a non-coherent device (arm64 cleans to PoC whatever the direction)
    private void SyncForDevice(ulong phys, DmaDirection dir, DmaAttrs attrs)
    {
        if (!Device.Coherent && (attrs & DmaAttrs.SkipCpuSync) == 0)
            Stats.CacheCleans++;
    }
}
