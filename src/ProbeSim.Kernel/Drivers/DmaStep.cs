namespace ProbeSim.Kernel.Drivers;

/// <summary>What a scripted driver does with the DMA API after its probe succeeded.</summary>
public enum DmaStepKind
{
    /// <summary>dma_map_single of a kmalloc buffer of Size bytes.</summary>
    Map,
    /// <summary>dma_map_sg of a list of Sizes.</summary>
    MapSg,
    /// <summary>dma_alloc_coherent of Size bytes.</summary>
    AllocCoherent,
    /// <summary>The device reads and writes every live mapping (or only the last).</summary>
    Access,
    /// <summary>dma_unmap_* / dma_free_coherent of the last (or every) live mapping.</summary>
    Unmap,
    /// <summary>Time passes (the flush-queue timer may run).</summary>
    Wait,
}

/// <summary>One step of a driver's DMA script.</summary>
public sealed record DmaStep(DmaStepKind Kind, ulong Size = 0, IReadOnlyList<ulong>? Sizes = null, bool All = false, string Direction = "bidirectional", long WaitUs = 0);
