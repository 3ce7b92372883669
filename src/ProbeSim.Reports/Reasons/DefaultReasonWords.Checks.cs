using ProbeSim.Checking.Exploration;
using ProbeSim.Checking.Invariants;
using ProbeSim.Kernel.Dma;

namespace ProbeSim.Reports.Reasons;

public partial class DefaultReasonWords
{
    public virtual string Finding(Finding finding) => finding switch
    {
        DeferredForeverFinding { Gone.Count: 0 } => "deferred with every supplier bound: a trigger was lost or nothing retries it",
        DeferredForeverFinding f => "deferred forever on suppliers that will never come: " + string.Join("; ", f.Gone.Select(GoneSupplier)),
        StateLeakFinding { State: LeakedDmaState.ArmIommuMapping } => "not bound but still attached to the dma_iommu_mapping arch_setup_dma_ops made for it",
        StateLeakFinding { State: LeakedDmaState.IommuDmaOps } f => $"not bound but still has {(f.Ops == DmaOpsKind.ArmIommu ? "arm-iommu" : "iommu-dma")} dma_ops",
        StateLeakFinding { State: LeakedDmaState.PrivateDomain } => "not bound but still owns a private arch DMA domain",
        OpsWithoutDomainFinding f => f.Ops == DmaOpsKind.ArmIommu
            ? "bound with arm-iommu dma_ops but no dma_iommu_mapping (stale ops from an earlier probe)"
            : "bound with iommu-dma ops but its group has no DMA domain",
        NoDmaPathFinding f => f.Blocked
            ? "bound, but the IOMMU aborts its stream (no context bank or domain for it)"
            : "bound, but its DMA was never configured",
        SharedOwnerFinding f => $"bound to {f.Driver} (DMA API) in iommu group {f.Group}, which user space owns ({f.Owner ?? "a VFIO container"})",
        AccessFaultFinding f => $"access to mapped IOVA 0x{f.Iova:x} ({f.Size} bytes): {f.Result}",
        SupplierUnboundFinding { Relation: null } f => $"stayed bound to {f.Driver} while its supplier {f.Supplier} was unbound",
        SupplierUnboundFinding f => $"still bound to {f.Driver} while its supplier {f.Supplier} ({f.Relation}) was unbound",
        KernelCrashFinding f => f.Text,
        OrderDependentFinding f => $"default order: {Signature(f.Before)}; this order: {Signature(f.After)}",
        _ => finding.ToString(),
    };

    /// <summary>A device's outcome as order-dependent compares it, or "absent" for a device the boot did not make.</summary>
    protected virtual string Signature(DeviceSignature? s) =>
        s is { } v ? $"{v.State} driver={v.Driver} dma={v.Dma} group={v.Group} domain={v.Domain}" : "absent";

    private string GoneSupplier(GoneSupplier g) =>
        g.Subject is null ? $"{g.Relation} (unresolvable)" : $"{g.Relation} {g.Subject} ({(g.Detail is { } d ? ExplainDetail(d) : "")})";
}
