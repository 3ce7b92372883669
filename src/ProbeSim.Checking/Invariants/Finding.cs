using ProbeSim.Checking.Explain;

namespace ProbeSim.Checking.Invariants;

/// <summary>What a broken invariant found, typed; the words are made in ProbeSim.Reports.</summary>
public abstract record Finding;

/// <summary>
/// deferred-forever: the suppliers that will never come (<paramref name="Gone"/>), or none (every supplier is bound:
/// a trigger was lost or nothing retries the device).
/// </summary>
public sealed record DeferredForeverFinding(IReadOnlyList<GoneSupplier> Gone) : Finding
{
    public bool Equals(DeferredForeverFinding? other) => other is not null && Gone.SequenceEqual(other.Gone);
    public override int GetHashCode() => Gone.Aggregate(Gone.Count, (h, g) => h * 31 + g.GetHashCode());
}

/// <summary>A supplier a deferred device waits on that will never come: its relation, the supplier (null: the reference
/// cannot be resolved) and why it is not there.</summary>
public sealed record GoneSupplier(string Relation, string? Subject, ExplainDetail? Detail);

/// <summary>What a device without a driver still holds of its IOMMU DMA state (iommu-state-leak).</summary>
public enum LeakedDmaState
{
    /// <summary>The dma_iommu_mapping arm32's arch_setup_dma_ops made for it.</summary>
    ArmIommuMapping,
    /// <summary>IOMMU dma_ops (arm-iommu or iommu-dma, <see cref="StateLeakFinding.Ops"/>).</summary>
    IommuDmaOps,
    /// <summary>A private arch DMA domain.</summary>
    PrivateDomain,
}

/// <summary>iommu-state-leak: a device left without a driver keeps <paramref name="State"/>.</summary>
public sealed record StateLeakFinding(LeakedDmaState State, ProbeSim.Kernel.Dma.DmaOpsKind Ops) : Finding;

/// <summary>iommu-ops-without-domain: bound with IOMMU dma_ops (<paramref name="Ops"/>) but no domain or mapping behind them.</summary>
public sealed record OpsWithoutDomainFinding(ProbeSim.Kernel.Dma.DmaOpsKind Ops) : Finding;

/// <summary>no-dma-path: bound, but its stream is blocked (<paramref name="Blocked"/>) or its DMA was never configured.</summary>
public sealed record NoDmaPathFinding(bool Blocked) : Finding;

/// <summary>shared-dma-owner: bound to <paramref name="Driver"/> (DMA API) in a group user space owns (<paramref name="Owner"/>; null: a VFIO container before v5.19).</summary>
public sealed record SharedOwnerFinding(string Driver, int Group, string? Owner) : Finding;

/// <summary>dma-access-fault: an access to a mapped IOVA faulted; <paramref name="Result"/> is the data plane's result.</summary>
public sealed record AccessFaultFinding(ulong? Iova, ulong Size, string Result) : Finding;

/// <summary>
/// supplier-unbound: the device stayed bound to <paramref name="Driver"/> while <paramref name="Supplier"/> was unbound:
/// seen at the unbind (<paramref name="Relation"/> null), or in the end state through that supplier relation.
/// </summary>
public sealed record SupplierUnboundFinding(string? Driver, string Supplier, string? Relation) : Finding;

/// <summary>kernel-crash: the kernel died; <paramref name="Text"/> is what it printed (BUG, oops).</summary>
public sealed record KernelCrashFinding(string Text) : Finding;

/// <summary>order-dependent: the device ends as <paramref name="After"/> under this order and as <paramref name="Before"/> under the default one (null: absent).</summary>
public sealed record OrderDependentFinding(ProbeSim.Checking.Exploration.DeviceSignature? Before, ProbeSim.Checking.Exploration.DeviceSignature? After) : Finding;
