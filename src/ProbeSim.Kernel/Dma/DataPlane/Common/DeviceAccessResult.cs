namespace ProbeSim.Kernel.Dma;

/// <summary>Why a device transaction did not reach memory.</summary>
public enum DmaAccessFault
{
    None,

    /// <summary>No valid translation (unmapped IOVA): an IOMMU translation fault.</summary>
    Translation,

    /// <summary>A write through a read-only translation.</summary>
    Permission,

    /// <summary>The domain translates nothing (blocking domain).</summary>
    Blocked,
}

/// <summary>One translated piece of a device access.</summary>
public readonly record struct DmaAccessChunk(ulong DmaAddress, ulong Phys, ulong Length, bool FromIotlb, bool Stale);

/// <summary>
/// Result of a simulated bus-master access: the physical pieces reached, or the first fault. <see cref="Stale"/> is set
/// when a piece was served by an IOTLB entry whose page-table entry is already gone (the DMA_FQ window).
/// </summary>
public sealed record DeviceAccessResult(DmaAccessFault Fault, ulong FaultAddress, IReadOnlyList<DmaAccessChunk> Chunks)
{
    public bool Ok => Fault == DmaAccessFault.None;

    public bool Stale => Chunks.Any(c => c.Stale);

    /// <summary>Physical address of the first byte (only meaningful when some chunk was reached).</summary>
    public ulong Phys => Chunks.Count > 0 ? Chunks[0].Phys : DmaApi.MappingError;

    internal static DeviceAccessResult Faulted(DmaAccessFault fault, ulong at, List<DmaAccessChunk> done) => new(fault, at, done);
}
