namespace ProbeSim.Kernel.Dma;

/// <summary>
/// What dma_direct_supported() needs about the machine: the end of RAM (max_pfn) and the DMA zones. A mask is
/// refused (dma_set_mask -> -EIO) when it cannot reach the lowest allocatable zone.
/// </summary>
public sealed record DmaDirectPlatform
{
    /// <summary>End of RAM, exclusive (max_pfn &lt;&lt; PAGE_SHIFT).</summary>
    public required ulong MaxPhys { get; init; }

    /// <summary>zone_dma_limit with CONFIG_ZONE_DMA (arm64: 4 GiB, or 1 GiB on e.g. BCM2711), null without ZONE_DMA.</summary>
    public ulong? ZoneDmaLimit { get; init; } = 0xFFFF_FFFF;

    /// <summary>CONFIG_ZONE_DMA32, consulted when there is no ZONE_DMA.</summary>
    public bool ZoneDma32 { get; init; } = true;

    public static DmaDirectPlatform For(PhysMemory mem, ulong? zoneDmaLimit = 0xFFFF_FFFF) => new() { MaxPhys = mem.MaxPhys, ZoneDmaLimit = zoneDmaLimit };

    /// <summary>dma_direct_supported.</summary>
    public bool Supported(DmaDevice dev, ulong mask)
    {
        // 32-bit masks are so common that every architecture must satisfy them
        if (mask >= DmaApi.BitMask(32))
            return true;
        var minMask = MaxPhys - DmaApi.PageSize; // (max_pfn - 1) << PAGE_SHIFT
        if (ZoneDmaLimit is { } zone)
            minMask = Math.Min(minMask, zone);
        else if (ZoneDma32)
            minMask = Math.Min(minMask, DmaApi.BitMask(32));
        return mask >= DmaRangeMap.PhysToDma(dev, minMask);
    }
}

/// <summary>dma-ranges translation (include/linux/dma-direct.h translate_phys_to_dma / translate_dma_to_phys).</summary>
public static class DmaRangeMap
{
    /// <summary>phys_to_dma: through the first region containing the address; DMA_MAPPING_ERROR if none does.</summary>
    public static ulong PhysToDma(DmaDevice dev, ulong phys)
    {
        if (dev.DmaRanges.Count == 0)
            return phys;
        foreach (var m in dev.DmaRanges)
            if (phys >= m.CpuStart && phys - m.CpuStart < m.Size)
                return phys - m.CpuStart + m.DmaStart;
        return DmaApi.MappingError;
    }

    /// <summary>dma_to_phys: (phys_addr_t)-1 if no region holds the address.</summary>
    public static ulong DmaToPhys(DmaDevice dev, ulong dma)
    {
        if (dev.DmaRanges.Count == 0)
            return dma;
        foreach (var m in dev.DmaRanges)
            if (dma >= m.DmaStart && dma - m.DmaStart < m.Size)
                return dma - m.DmaStart + m.CpuStart;
        return ulong.MaxValue;
    }

    /// <summary>dma_capable: the last byte within min_not_zero(dma_mask, bus_dma_limit).</summary>
    public static bool Capable(DmaDevice dev, ulong dma, ulong size)
    {
        if (dma == DmaApi.MappingError)
            return false;
        var end = dma + size - 1;
        return end >= dma && end <= DmaApi.MinNotZero(dev.DmaMask, dev.BusDmaLimit);
    }
}
