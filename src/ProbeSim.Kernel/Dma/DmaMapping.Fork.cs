using ProbeSim.Kernel.Boot;

namespace ProbeSim.Kernel.Dma;

// Kernel.Fork: DMA mapping's state, copied into a forked kernel's own DmaMapping
internal sealed partial class DmaMapping
{
    /// <summary>Why this DMA state is not copied, or null: the data plane (memory, IOVA allocators, page tables, IOTLBs) is not.</summary>
    internal string? ForkRefusal => _physMemory is not null ? "a DMA script ran: the DMA data plane is not forked" : null;

    /// <summary>The arm64 v4.4 attach queue through the fork's map, and the DMA history.</summary>
    internal void CopyFrom(DmaMapping from, ForkMap map)
    {
        foreach (var d in from._arm64IommuQueue) _arm64IommuQueue.Add(map.Dev(d));
        _dmaHistory = from._dmaHistory;
    }
}
