namespace ProbeSim.Kernel.Dma;

/// <summary>enum dma_data_direction (include/linux/dma-direction.h), same numeric values.</summary>
public enum DmaDirection
{
    Bidirectional = 0,
    ToDevice = 1,
    FromDevice = 2,
    None = 3,
}

/// <summary>DMA_ATTR_* bits (include/linux/dma-mapping.h), same bit positions.</summary>
[Flags]
public enum DmaAttrs : ulong
{
    None = 0,
    WeakOrdering = 1UL << 1,
    WriteCombine = 1UL << 2,
    NoKernelMapping = 1UL << 4,
    SkipCpuSync = 1UL << 5,
    ForceContiguous = 1UL << 6,
    AllocSinglePages = 1UL << 7,
    NoWarn = 1UL << 8,
    Privileged = 1UL << 9,
}

/// <summary>Constants and the DMA_BIT_MASK helper of the DMA API.</summary>
public static class DmaApi
{
    /// <summary>DMA_MAPPING_ERROR: (dma_addr_t)~0.</summary>
    public const ulong MappingError = ulong.MaxValue;

    /// <summary>CPU page size the model assumes (arm64 4K pages).</summary>
    public const ulong PageSize = 4096;

    /// <summary>PAGE_SHIFT for <see cref="PageSize"/>.</summary>
    public const int PageShift = 12;

    /// <summary>DMA_BIT_MASK(n).</summary>
    public static ulong BitMask(int n) => n >= 64 ? ulong.MaxValue : (1UL << n) - 1;

    /// <summary>min_not_zero(a, b).</summary>
    public static ulong MinNotZero(ulong a, ulong b) => a == 0 ? b : b == 0 ? a : Math.Min(a, b);
}

