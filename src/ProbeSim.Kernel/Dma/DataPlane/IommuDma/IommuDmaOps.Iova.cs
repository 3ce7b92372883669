namespace ProbeSim.Kernel.Dma;

public sealed partial class IommuDmaOps
{
    /// <summary>
    /// iommu_dma_alloc_iova: the limit is min_not_zero(mask, bus_dma_limit), capped at the aperture end when forced;
    /// PCI devices try below 4 GiB first (v6.6: until the first failure, announced once per device). Returns the IOVA
    /// or 0.
    /// </summary>
    internal ulong AllocIova(ulong size, ulong dmaLimit, int cpu)
    {
        var iovad = Iovad;
        var shift = iovad.Shift;
        var iovaLen = size >> shift;
        dmaLimit = DmaApi.MinNotZero(dmaLimit, Device.BusDmaLimit);
        if (Domain.ForceAperture)
            dmaLimit = Math.Min(dmaLimit, Domain.ApertureEnd);

        ulong iova = 0;
        if (Cookie.Options.StickyDac)
        {
            if (dmaLimit > DmaApi.BitMask(32) && Pci32BitWorkaround)
            {
                iova = iovad.AllocIovaFast(iovaLen, DmaApi.BitMask(32) >> shift, false, cpu);
                if (iova != 0)
                    return iova << shift;
                Pci32BitWorkaround = false;
                Log.Log(DmaLogLevel.Notice, $"{Device.Prefix}Using {Bits.BitsPer(dmaLimit)}-bit DMA addresses");
            }
        }
        else if (dmaLimit > DmaApi.BitMask(32) && Pci32BitWorkaround)
        {
            // v5.x: try to get PCI devices a SAC address on every allocation
            iova = iovad.AllocIovaFast(iovaLen, DmaApi.BitMask(32) >> shift, false, cpu);
        }

        if (iova == 0)
            iova = iovad.AllocIovaFast(iovaLen, dmaLimit >> shift, true, cpu);
        return iova << shift;
    }

    /// <summary>
    /// __iommu_dma_map: size grows by the offset into the first granule and is rounded to granules; the IOVA is
    /// freed again if iommu_map fails. Returns IOVA + offset or DMA_MAPPING_ERROR.
    /// </summary>
    internal ulong MapRaw(ulong phys, ulong size, IommuProt prot, ulong dmaMask, int cpu)
    {
        var iovad = Iovad;
        var iovaOff = phys & (iovad.Granule - 1);

        // If anyone ever wants this we'd need support in the IOVA allocator
        if (Device.MinAlignMask > iovad.Granule - 1)
        {
            if (_once.First("align"))
                Log.Log(DmaLogLevel.Warning, $"{Device.Prefix}Unsupported alignment constraint");
            return DmaApi.MappingError;
        }

        size = Bits.AlignUp(size + iovaOff, iovad.Granule);
        var iova = AllocIova(size, dmaMask, cpu);
        if (iova == 0)
            return DmaApi.MappingError;
        if (Domain.Map(iova, phys - iovaOff, size, prot) != 0)
        {
            Cookie.FreeIova(iova, size, null, cpu);
            return DmaApi.MappingError;
        }

        return iova + iovaOff;
    }
}
