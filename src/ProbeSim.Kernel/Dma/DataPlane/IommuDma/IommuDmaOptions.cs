namespace ProbeSim.Kernel.Dma;

/// <summary>How iommu-dma invalidates the IOTLB on unmap: DMA (strict) or DMA_FQ (lazy, flush queue).</summary>
public enum DmaFlushMode
{
    Strict,
    FlushQueue,
}

/// <summary>The iommu-dma knobs that differ between kernels and command lines.</summary>
public sealed record IommuDmaOptions
{
    public DmaFlushMode Mode { get; init; } = DmaFlushMode.Strict;

    /// <summary>iommu.forcedac=1: no 32-bit-first try for PCI devices.</summary>
    public bool ForceDac { get; init; }

    /// <summary>
    /// v6.6 behaviour: the first failed 32-bit try prints "Using &lt;n&gt;-bit DMA addresses" and turns the try off for
    /// that device. Off = v5.x: every allocation tries below 4 GiB first, silently.
    /// </summary>
    public bool StickyDac { get; init; } = true;

    /// <summary>IOVA_MAG_SIZE: 128 up to v5.19, 127 from v6.0.</summary>
    public int MagazineSize { get; init; } = IovaRcache.MagazineSizeV66;

    /// <summary>MAX_GLOBAL_MAGS (32) before the depot became a list; null = unbounded.</summary>
    public int? DepotLimit { get; init; }

    /// <summary>Possible CPUs (per-CPU range caches and flush queues).</summary>
    public int Cpus { get; init; } = 1;

    /// <summary>IOVA_DEFAULT_FQ_SIZE: entries per per-CPU ring (one slot stays empty, so 255 fit).</summary>
    public int FqSize { get; init; } = 256;

    /// <summary>IOVA_DEFAULT_FQ_TIMEOUT, 10 ms (msecs_to_jiffies rounds up to whole ticks in the kernel).</summary>
    public ulong FqTimeoutUs { get; init; } = 10_000;

    /// <summary>IOMMU_CAP_DEFERRED_FLUSH: without it a DMA_FQ domain is demoted to strict DMA at init.</summary>
    public bool DeferredFlushCapable { get; init; } = true;

    /// <summary>CONFIG_DMA_BOUNCE_UNALIGNED_KMALLOC (arm64 v6.5+): non-coherent small buffers bounce.</summary>
    public bool KmallocBounce { get; init; }

    /// <summary>dma_get_cache_alignment() (ARCH_DMA_MINALIGN, 128 on arm64).</summary>
    public ulong DmaCacheAlignment { get; init; } = 128;

    /// <summary>v5.19-era behaviour: 128-entry magazines, 32-magazine depot, no sticky DAC.</summary>
    public static IommuDmaOptions V519 => new() { StickyDac = false, MagazineSize = IovaRcache.MagazineSizeV519, DepotLimit = IovaRcache.DepotLimitV519 };

    /// <summary>v6.6-era behaviour (the defaults).</summary>
    public static IommuDmaOptions V66 => new();
}

/// <summary>enum iommu_resv_type.</summary>
public enum IommuResvType
{
    Direct,
    DirectRelaxable,
    Reserved,
    Msi,
    SwMsi,
}

/// <summary>struct iommu_resv_region.</summary>
public sealed record IommuResvRegion(ulong Start, ulong Length, IommuResvType Type, IommuProt Prot = IommuProt.Read | IommuProt.Write)
{
    /// <summary>arm-smmu's software MSI window: MSI_IOVA_BASE 0x8000000, MSI_IOVA_LENGTH 0x100000.</summary>
    public static IommuResvRegion ArmSmmuSwMsi => new(0x800_0000, 0x10_0000, IommuResvType.SwMsi, IommuProt.Write | IommuProt.Noexec | IommuProt.Mmio);
}

/// <summary>A PCI host bridge's memory windows and dma-ranges, as bus addresses [Start, End].</summary>
public sealed record PciHostBridgeWindows(IReadOnlyList<(ulong Start, ulong End)> MemWindows, IReadOnlyList<(ulong Start, ulong End)> DmaRanges);
