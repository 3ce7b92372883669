namespace ProbeSim.Kernel.Dma;

public sealed partial class IommuDmaOps
{
    /// <summary>MAX_PAGE_ORDER (arm64 4K pages): the largest buddy allocation.</summary>
    private const int MaxPageOrder = 10;

    /// <summary>
    /// iommu_dma_alloc: a blocking allocation gathers pages (largest IOMMU page size first, falling back to single
    /// pages) and maps them contiguously in IOVA space (iommu_dma_alloc_remap); DMA_ATTR_FORCE_CONTIGUOUS takes one
    /// physically contiguous block (iommu_dma_alloc_pages). Either way the IOVA is limited by the coherent mask and the
    /// memory is zeroed.
    /// </summary>
    public CoherentBuffer? AllocCoherent(ulong size, DmaAttrs attrs = DmaAttrs.None, int cpu = 0)
    {
        var iovad = Iovad;
        var prot = DmaInfoToProt(DmaDirection.Bidirectional, Device.Coherent, attrs);
        if ((attrs & DmaAttrs.ForceContiguous) != 0)
        {
            var allocSize = Bits.AlignUp(size, DmaApi.PageSize);
            var block = Cookie.Memory.AllocPages(allocSize);
            if (block is null)
                return null;
            Cookie.Memory.Fill(block.Value, allocSize, 0);
            if (!Device.Coherent)
                Stats.CoherentPreps++;
            var handle = MapRaw(block.Value, size, prot, Device.CoherentDmaMask, cpu);
            if (handle == DmaApi.MappingError)
            {
                Cookie.Memory.FreePages(block.Value);
                return null;
            }

            return new CoherentBuffer(handle, size, new[] { new PhysSegment(block.Value, allocSize) }, true);
        }

        // __iommu_dma_alloc_noncontiguous
        if (iovad.Granule >= DmaApi.PageSize)
            size = Bits.AlignUp(size, iovad.Granule);
        var count = Bits.AlignUp(size, DmaApi.PageSize) >> DmaApi.PageShift;
        var pages = AllocPages(count, (Domain.PgsizeBitmap >> DmaApi.PageShift) & Bits.GenMaskTo(MaxPageOrder));
        if (pages is null)
            return null;
        foreach (var p in pages)
            Cookie.Memory.Fill(p.Phys, p.Length, 0);
        if (!Device.Coherent)
            Stats.CoherentPreps += pages.Count;

        var iovaSize = Bits.AlignUp(size, iovad.Granule);
        var iova = AllocIova(iovaSize, Device.CoherentDmaMask, cpu);
        if (iova == 0)
        {
            FreePages(pages);
            return null;
        }

        var ret = Domain.MapSg(iova, pages, prot);
        if (ret < 0 || (ulong)ret < iovaSize)
        {
            Cookie.FreeIova(iova, iovaSize, null, cpu);
            FreePages(pages);
            return null;
        }

        return new CoherentBuffer(iova, size, pages, pages.Count == 1);
    }

    /// <summary>iommu_dma_free: unmap (strict or queued like any unmap), then free the pages.</summary>
    public void FreeCoherent(CoherentBuffer buffer, int cpu = 0)
    {
        Cookie.Unmap(buffer.DmaAddress, buffer.Size, cpu);
        FreePages(buffer.Pages);
    }

    // __iommu_dma_alloc_pages: high orders are a convenience, single pages the fallback
    private List<PhysSegment>? AllocPages(ulong count, ulong orderMask)
    {
        if (orderMask == 0)
            return null;
        var pages = new List<PhysSegment>();
        while (count > 0)
        {
            ulong got = 0;
            for (var mask = orderMask & Bits.GenMaskTo(Bits.Fls(count)); mask != 0;)
            {
                var order = Bits.Fls(mask);
                var bytes = DmaApi.PageSize << order;
                var block = Cookie.Memory.AllocPages(bytes, bytes);
                mask &= ~(1UL << order);
                if (block is null)
                    continue;
                // split_page: the block is used as individual pages
                pages.Add(new PhysSegment(block.Value, bytes));
                got = 1UL << order;
                break;
            }

            if (got == 0)
            {
                FreePages(pages);
                return null;
            }

            count -= got;
        }

        return pages;
    }

    private void FreePages(IEnumerable<PhysSegment> pages)
    {
        foreach (var p in pages)
            Cookie.Memory.FreePages(p.Phys);
    }
}
