namespace ProbeSim.Kernel.Dma;

/// <summary>
/// struct dma_map_ops as a device sees it: one implementation per DMA path (iommu-dma or dma-direct/swiotlb).
/// Addresses are ulong (phys_addr_t / dma_addr_t). <c>cpu</c> is the CPU the call runs on (per-CPU caches and queues).
/// </summary>
public interface IDmaOps
{
    /// <summary>"iommu-dma" or "dma-direct".</summary>
    string Name { get; }

    DmaDevice Device { get; }

    DmaStats Stats { get; }

    /// <summary>dma_set_mask(): 0 or -EIO.</summary>
    int SetMask(ulong mask);

    /// <summary>dma_set_coherent_mask(): 0 or -EIO.</summary>
    int SetCoherentMask(ulong mask);

    /// <summary>dma_map_page_attrs(): the DMA address or <see cref="DmaApi.MappingError"/>.</summary>
    ulong MapPage(ulong phys, ulong size, DmaDirection dir, DmaAttrs attrs = DmaAttrs.None, int cpu = 0);

    void UnmapPage(ulong dmaAddr, ulong size, DmaDirection dir, DmaAttrs attrs = DmaAttrs.None, int cpu = 0);

    /// <summary>dma_map_sg_attrs(): number of DMA segments written back into the list, or a negative errno.</summary>
    int MapSg(Scatterlist sg, DmaDirection dir, DmaAttrs attrs = DmaAttrs.None, int cpu = 0);

    void UnmapSg(Scatterlist sg, DmaDirection dir, DmaAttrs attrs = DmaAttrs.None, int cpu = 0);

    /// <summary>dma_alloc_attrs(): zeroed memory below the coherent mask, or null.</summary>
    CoherentBuffer? AllocCoherent(ulong size, DmaAttrs attrs = DmaAttrs.None, int cpu = 0);

    void FreeCoherent(CoherentBuffer buffer, int cpu = 0);

    void SyncSingleForCpu(ulong dmaAddr, ulong size, DmaDirection dir);

    void SyncSingleForDevice(ulong dmaAddr, ulong size, DmaDirection dir);

    /// <summary>What a bus-master transaction of <paramref name="length"/> bytes at <paramref name="dmaAddr"/> reaches.</summary>
    DeviceAccessResult DeviceAccess(ulong dmaAddr, ulong length, bool write);
}

/// <summary>One dma_alloc_coherent() buffer: its pages (one segment when contiguous) and DMA address.</summary>
public sealed record CoherentBuffer(ulong DmaAddress, ulong Size, IReadOnlyList<PhysSegment> Pages, bool Contiguous)
{
    /// <summary>Physical address of the first byte (the CPU side of a contiguous buffer).</summary>
    public ulong CpuPhys => Pages[0].Phys;
}

/// <summary>A physical range.</summary>
public readonly record struct PhysSegment(ulong Phys, ulong Length);

/// <summary>Counters for what a mapping cost besides the mapping itself (cache maintenance and bouncing).</summary>
public sealed class DmaStats
{
    public long Maps { get; internal set; }
    public long Unmaps { get; internal set; }
    public long MapErrors { get; internal set; }

    /// <summary>arch_sync_dma_for_device on a non-coherent device (arm64: clean to PoC).</summary>
    public long CacheCleans { get; internal set; }

    /// <summary>arch_sync_dma_for_cpu on a non-coherent device, except DMA_TO_DEVICE (arm64: invalidate).</summary>
    public long CacheInvalidates { get; internal set; }

    /// <summary>arch_dma_prep_coherent for coherent allocations on non-coherent devices.</summary>
    public long CoherentPreps { get; internal set; }

    public long Bounces { get; internal set; }
    public long BounceBytesToDevice { get; internal set; }
    public long BounceBytesFromDevice { get; internal set; }
}
