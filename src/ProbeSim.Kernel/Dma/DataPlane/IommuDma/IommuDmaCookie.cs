namespace ProbeSim.Kernel.Dma;

/// <summary>
/// struct iommu_dma_cookie: what a DMA domain carries for the DMA API, shared by every device attached to it:
/// the IOVA allocator, the flush queue and the options. Initialised by <see cref="InitDomain"/> per device.
/// </summary>
public sealed class IommuDmaCookie
{
    public IommuDmaCookie(IommuPagingDomain domain, PhysMemory memory, IommuDmaOptions? options = null, Swiotlb? swiotlb = null,
        IDmaLog? log = null, DmaClock? clock = null)
    {
        Domain = domain;
        Memory = memory;
        Options = options ?? new IommuDmaOptions();
        Swiotlb = swiotlb;
        Log = log ?? NullDmaLog.Instance;
        Clock = clock ?? new DmaClock();
    }

    public IommuPagingDomain Domain { get; }

    public PhysMemory Memory { get; }

    public IommuDmaOptions Options { get; }

    public Swiotlb? Swiotlb { get; }

    public IDmaLog Log { get; }

    public DmaClock Clock { get; }

    /// <summary>The allocator, once <see cref="InitDomain"/> has run.</summary>
    public IovaDomain? Iovad { get; private set; }

    /// <summary>The flush queue when the domain ended up DMA_FQ.</summary>
    public IovaFlushQueue? FlushQueue { get; private set; }

    /// <summary>Page-table pages handed back after their flush (drivers with deferred table freeing).</summary>
    public long TablePagesReleased { get; private set; }

    /// <summary>Moves simulated time (fires the flush-queue timer when due).</summary>
    public void Advance(ulong us) => Clock.Advance(us);

    /// <summary>
    /// iommu_dma_init_domain: granule = smallest page size, start pfn = max(1, aperture_start >> shift); a second
    /// device with a different granule or start gets -EFAULT; DMA_FQ set-up (or demotion to strict); then
    /// PCI host-bridge windows and every reserved region except SW_MSI are reserved. Direct regions are also mapped
    /// 1:1 as the core does when the device joins the group (iommu_create_device_direct_mappings).
    /// </summary>
    public int InitDomain(DmaDevice dev, IReadOnlyList<IommuResvRegion>? regions = null, PciHostBridgeWindows? bridge = null)
    {
        var order = Bits.Ffs(Domain.PgsizeBitmap);
        ulong basePfn = 1;

        // Check the domain allows at least some access to the device
        if (dev.DmaRanges.Count > 0)
        {
            var min = dev.DmaRanges.Min(r => r.DmaStart);
            var max = dev.DmaRanges.Max(r => r.DmaStart + r.Size - 1);
            if (min > Domain.ApertureEnd || max < Domain.ApertureStart)
            {
                Log.Log(DmaLogLevel.Warning, "specified DMA range outside IOMMU capability");
                return -EFAULT;
            }
        }

        basePfn = Math.Max(basePfn, Domain.ApertureStart >> order);

        // start_pfn is always nonzero for an already-initialised domain
        if (Iovad is not null)
        {
            if (1UL << order != Iovad.Granule || basePfn != Iovad.StartPfn)
            {
                Log.Log(DmaLogLevel.Warning, "Incompatible range for DMA domain");
                return -EFAULT;
            }

            return 0;
        }

        Iovad = new IovaDomain(1UL << order, basePfn, Options.Cpus, Options.MagazineSize, Options.DepotLimit);

        // If the FQ fails we can simply fall back to strict mode
        if (Options.Mode == DmaFlushMode.FlushQueue && Options.DeferredFlushCapable)
        {
            FlushQueue = new IovaFlushQueue(this, Options.Cpus, Options.FqSize, Options.FqTimeoutUs);
            Domain.Type = PagingDomainType.DmaFq;
        }
        else
            Domain.Type = PagingDomainType.Dma;

        return ReserveRegions(dev, regions ?? Array.Empty<IommuResvRegion>(), bridge);
    }

    // iova_reserve_iommu_regions (+ iova_reserve_pci_windows)
    private int ReserveRegions(DmaDevice dev, IReadOnlyList<IommuResvRegion> regions, PciHostBridgeWindows? bridge)
    {
        var iovad = Iovad!;
        if (dev.IsPci && bridge is not null)
        {
            foreach (var (s, e) in bridge.MemWindows)
                iovad.ReserveIova(s >> iovad.Shift, e >> iovad.Shift);

            // the holes between (sorted) dma-ranges, and everything above the last, are not DMA-able
            ulong start = 0;
            var ranges = bridge.DmaRanges.OrderBy(r => r.Start).ToList();
            for (var i = 0; i < ranges.Count; i++)
            {
                var end = ranges[i].Start;
                while (true)
                {
                    if (end > start)
                        iovad.ReserveIova(start >> iovad.Shift, end >> iovad.Shift);
                    else if (end < start)
                    {
                        Log.Log(DmaLogLevel.Err, $"{dev.Prefix}Failed to reserve IOVA [{KFmt.Pa(start)}-{KFmt.Pa(end)}]");
                        return -EINVAL;
                    }

                    start = ranges[i].End + 1;
                    if (i == ranges.Count - 1 && end != ulong.MaxValue && start != 0)
                    {
                        end = ulong.MaxValue;
                        continue;
                    }

                    break;
                }
            }
        }

        foreach (var region in regions)
        {
            // We ARE the software that manages these!
            if (region.Type == IommuResvType.SwMsi)
                continue;
            iovad.ReserveIova(region.Start >> iovad.Shift, (region.Start + region.Length - 1) >> iovad.Shift);
            if (region.Type is IommuResvType.Direct or IommuResvType.DirectRelaxable)
            {
                var g = iovad.Granule;
                var s = Bits.AlignDown(region.Start, g);
                var e = Bits.AlignUp(region.Start + region.Length, g);
                if (Domain.PageTable.IovaToPhys(s) == 0)
                    Domain.Map(s, s, e - s, region.Prot);
            }
        }

        return 0;
    }

    // __iommu_dma_unmap: granule-align, unmap with a gather, strict sync now, then free (or queue) the IOVA
    internal void Unmap(ulong dmaAddr, ulong size, int cpu)
    {
        var iovad = Iovad!;
        var off = dmaAddr & (iovad.Granule - 1);
        dmaAddr -= off;
        size = Bits.AlignUp(size + off, iovad.Granule);
        var gather = new IotlbGather { Queued = FlushQueue is not null };
        var unmapped = Domain.UnmapFast(dmaAddr, size, gather);
        if (unmapped != size)
            Log.Log(DmaLogLevel.Warning, KFmt.Warning("drivers/iommu/dma-iommu.c", "__iommu_dma_unmap"));
        if (!gather.Queued)
            Domain.IotlbSync(gather);
        FreeIova(dmaAddr, size, gather, cpu);
    }

    // iommu_dma_free_iova
    internal void FreeIova(ulong iova, ulong size, IotlbGather? gather, int cpu)
    {
        var iovad = Iovad!;
        if (gather is { Queued: true } && FlushQueue is not null)
            FlushQueue.Queue(iova >> iovad.Shift, size >> iovad.Shift, gather.FreedTablePages, cpu);
        else
            iovad.FreeIovaFast(iova >> iovad.Shift, size >> iovad.Shift, cpu);
    }

    internal void ReleaseTablePages(int pages) => TablePagesReleased += pages;
}
