namespace ProbeSim.Kernel.Dma;

/// <summary>
/// What the data plane needs to know about a struct device: bus (PCI or not), pci_dev->untrusted,
/// dev->dma_coherent, the masks, bus_dma_limit, dma_parms and dma_range_map. Masks are mutable because
/// dma_set_mask() writes them.
/// </summary>
public sealed record DmaDevice
{
    public required string Name { get; init; }

    /// <summary>dev_driver_string(): the bound driver (or bus) name printed before dev_name by dev_* messages.</summary>
    public string? Driver { get; init; }

    public bool IsPci { get; init; }

    /// <summary>pci_dev->untrusted (external-facing port): iommu-dma bounces granule-unaligned buffers.</summary>
    public bool Untrusted { get; init; }

    /// <summary>dev_is_dma_coherent(): from firmware ("dma-coherent"), not from the IOMMU.</summary>
    public bool Coherent { get; init; }

    /// <summary>*dev->dma_mask (the platform default before a driver calls dma_set_mask is 32 bits).</summary>
    public ulong DmaMask { get; set; } = DmaApi.BitMask(32);

    public ulong CoherentDmaMask { get; set; } = DmaApi.BitMask(32);

    /// <summary>dev->bus_dma_limit, 0 = none.</summary>
    public ulong BusDmaLimit { get; init; }

    /// <summary>dma_get_seg_boundary(): PCI devices get 0xffffffff from pci_setup_device, others ULONG_MAX.</summary>
    public ulong? SegmentBoundaryMask { get; init; }

    /// <summary>dma_get_max_seg_size(): 64 KiB unless the driver raised it.</summary>
    public ulong MaxSegmentSize { get; init; } = 64 * 1024;

    /// <summary>dma_get_min_align_mask() (NVMe sets 4K-1), used by swiotlb.</summary>
    public ulong MinAlignMask { get; init; }

    /// <summary>dev->dma_range_map (dma-ranges); empty = DMA address equals physical address.</summary>
    public IReadOnlyList<BusDmaRegion> DmaRanges { get; init; } = Array.Empty<BusDmaRegion>();

    /// <summary>A restricted DMA pool or swiotlb=force: every dma-direct mapping bounces.</summary>
    public bool ForceBounce { get; init; }

    public ulong SegmentBoundary => SegmentBoundaryMask ?? (IsPci ? DmaApi.BitMask(32) : ulong.MaxValue);

    /// <summary>The "driver device: " prefix dev_* printk helpers put in front of the message.</summary>
    public string Prefix => Driver is null ? Name + ": " : Driver + " " + Name + ": ";
}

/// <summary>struct bus_dma_region: one dma-ranges entry.</summary>
public sealed record BusDmaRegion(ulong CpuStart, ulong DmaStart, ulong Size);
