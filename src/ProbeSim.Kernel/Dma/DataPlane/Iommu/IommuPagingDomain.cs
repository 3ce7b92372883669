namespace ProbeSim.Kernel.Dma;

/// <summary>
/// A struct iommu_domain with an io-pgtable behind it: pgsize_bitmap, geometry (aperture), the page table and the
/// IOMMU's TLB. Map/unmap follow iommu.c (iommu_map, __iommu_unmap, iommu_map_sg), <see cref="Access"/> is what a
/// device transaction sees: the IOTLB first, then a table walk that fills it.
/// </summary>
public sealed partial class IommuPagingDomain
{
    private readonly IDmaLog _log;

    public IommuPagingDomain(ArmLpaePageTable pageTable, ulong apertureStart = 0, ulong? apertureEnd = null, bool forceAperture = true,
        PagingDomainType type = PagingDomainType.Dma, IDmaLog? log = null)
    {
        PageTable = pageTable;
        _log = log ?? NullDmaLog.Instance;
        PgsizeBitmap = pageTable.PgsizeBitmap;
        ApertureStart = apertureStart;
        ApertureEnd = apertureEnd ?? DmaApi.BitMask(pageTable.Geometry.Ias);
        ForceAperture = forceAperture;
        Type = type;
        pageTable.FlushWalk = (iova, size) => Iotlb.InvalidateRange(iova, iova + size - 1);
    }

    /// <summary>An arm-smmu-like stage-1 domain: 4K granule, 48-bit input and output, aperture [0, 2^48-1].</summary>
    public static IommuPagingDomain CreateArmSmmuS1(IDmaLog? log = null, ulong granule = 4096, int ias = 48, int oas = 48)
        => new(new ArmLpaePageTable(ArmLpaeGeometry.Create(granule, ias, oas), log), 0, DmaApi.BitMask(ias), true, PagingDomainType.Dma, log);

    public ArmLpaePageTable PageTable { get; }

    public Iotlb Iotlb { get; } = new();

    public ulong PgsizeBitmap { get; }

    public ulong ApertureStart { get; }

    public ulong ApertureEnd { get; }

    public bool ForceAperture { get; }

    /// <summary>Changes between DMA and DMA_FQ happen in place (iommu_dma_init_fq).</summary>
    public PagingDomainType Type { get; set; }

    /// <summary>__IOMMU_DOMAIN_PAGING: UNMANAGED, DMA and DMA_FQ.</summary>
    public bool IsPaging => Type is PagingDomainType.Unmanaged or PagingDomainType.Dma or PagingDomainType.DmaFq;

    public ulong MinPageSize => 1UL << Bits.Ffs(PgsizeBitmap);

    /// <summary>iommu_map (then iotlb_sync_map, a no-op for arm-smmu): 0 or a negative errno, unwinding partial work.</summary>
    public int Map(ulong iova, ulong paddr, ulong size, IommuProt prot)
    {
        if (!IsPaging)
            return -EINVAL;
        var minPagesz = MinPageSize;
        if (((iova | paddr | size) & (minPagesz - 1)) != 0)
        {
            _log.Log(DmaLogLevel.Err, $"iommu: unaligned: iova {KFmt.Hex(iova)} pa {KFmt.Pa(paddr)} size {KFmt.Hex(size)} min_pagesz {KFmt.Hex(minPagesz)}");
            return -EINVAL;
        }

        ulong origIova = iova, origSize = size;
        var ret = 0;
        while (size != 0)
        {
            ulong mapped = 0;
            var pgsize = IommuPgsize.Choose(PgsizeBitmap, iova, paddr, size, out var count);
            ret = PageTable.Map(iova, paddr, pgsize, count, prot, ref mapped);
            // Some pages may have been mapped even if an error occurred
            size -= mapped;
            if (ret != 0 || mapped == 0) // mapped == 0 without error: a no-access prot (the kernel would spin)
                break;
            iova += mapped;
            paddr += mapped;
        }

        // unroll mapping in case something went wrong
        if (ret != 0)
            Unmap(origIova, origSize - size);
        return ret;
    }

    /// <summary>iommu_unmap: bytes unmapped, stopping at the first hole; the gathered range is synced.</summary>
    public ulong Unmap(ulong iova, ulong size)
    {
        var gather = new IotlbGather();
        var ret = UnmapFast(iova, size, gather);
        IotlbSync(gather);
        return ret;
    }

    /// <summary>iommu_unmap_fast / __iommu_unmap: unmaps without syncing; the caller owns <paramref name="gather"/>.</summary>
    public ulong UnmapFast(ulong iova, ulong size, IotlbGather gather)
    {
        if (!IsPaging)
            return 0;
        var minPagesz = MinPageSize;
        if (((iova | size) & (minPagesz - 1)) != 0)
        {
            _log.Log(DmaLogLevel.Err, $"iommu: unaligned: iova {KFmt.Hex(iova)} size {KFmt.Hex(size)} min_pagesz {KFmt.Hex(minPagesz)}");
            return 0;
        }

        ulong unmapped = 0;
        while (unmapped < size)
        {
            var pgsize = IommuPgsize.Choose(PgsizeBitmap, iova, iova, size - unmapped, out var count);
            var page = PageTable.Unmap(iova, pgsize, count, gather);
            if (page == 0)
                break;
            iova += page;
            unmapped += page;
        }

        return unmapped;
    }

    /// <summary>
    /// iommu_map_sg: maps segments back to back from <paramref name="iova"/>, one __iommu_map per physically
    /// contiguous run; bytes mapped, or a negative errno after unmapping what was done.
    /// </summary>
    public long MapSg(ulong iova, IReadOnlyList<PhysSegment> segments, IommuProt prot)
    {
        ulong mapped = 0, len = 0, start = 0;
        for (var i = 0; i <= segments.Count; i++)
        {
            var last = i == segments.Count;
            if (len != 0 && (last || segments[i].Phys != start + len))
            {
                var ret = Map(iova + mapped, start, len, prot);
                if (ret != 0)
                {
                    Unmap(iova, mapped);
                    return ret;
                }

                mapped += len;
                len = 0;
            }

            if (last)
                break;
            if (len != 0)
                len += segments[i].Length;
            else
            {
                len = segments[i].Length;
                start = segments[i].Phys;
            }
        }

        return (long)mapped;
    }

    /// <summary>iommu_iotlb_sync: invalidates what the gather collected and empties it.</summary>
    public void IotlbSync(IotlbGather gather)
    {
        foreach (var (s, e) in gather.Ranges)
            Iotlb.InvalidateRange(s, e);
        gather.Clear();
    }

    /// <summary>iommu_iotlb_sync on an explicit range.</summary>
    public void IotlbSync(ulong start, ulong size) => Iotlb.InvalidateRange(start, start + size - 1);

    /// <summary>flush_iotlb_all.</summary>
    public void FlushIotlbAll() => Iotlb.InvalidateAll();

    /// <summary>iommu_iova_to_phys: identity for IDENTITY, 0 when blocked or unmapped.</summary>
    public ulong IovaToPhys(ulong iova) => Type switch
    {
        PagingDomainType.Identity => iova,
        PagingDomainType.Blocked => 0,
        _ => PageTable.IovaToPhys(iova),
    };
}
