using ProbeSim.Kernel.Dma;

namespace ProbeSim.Kernel.DriverCore;

/// <summary>One devres entry a modelled probe step acquired: what it is and, for a managed DMA buffer, the ops that allocated it.</summary>
public sealed record DevresEntry(string Resource, DmaOpsKind? AllocatedWith = null);

/// <summary>A step of really_probe's failure unwind, in the order the profile's kernel runs them.</summary>
public enum UnwindStep { DmaDeconfigure, DriverNotBound, DmaCleanup, DevresReleaseAll }

/// <summary>
/// A managed DMA buffer that devres_release_all freed through other ops than the ones that allocated it (arch_teardown_dma_ops
/// ran first, before v5.2): its IOMMU mapping and IOVA are never unmapped.
/// </summary>
public sealed record DevresLeak(string Resource, DmaOpsKind AllocatedWith, DmaOpsKind FreedWith);

/// <summary>One failed really_probe's unwind: its steps in order, the devres entries released (newest first) and what leaked.</summary>
public sealed record ProbeUnwind(long TimeUs, string Device, string Driver, IReadOnlyList<UnwindStep> Steps,
    IReadOnlyList<string> Released, IReadOnlyList<DevresLeak> Leaks);
