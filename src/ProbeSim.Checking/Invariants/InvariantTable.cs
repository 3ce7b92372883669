namespace ProbeSim.Checking.Invariants;

/// <summary>Every invariant ProbeSim checks, in the order <c>probesim invariants</c> lists them.</summary>
public static class InvariantTable
{
    public const string OrderDependent = "order-dependent";

    public static IReadOnlyList<Invariant> All { get; } = new Invariant[]
    {
        new("deferred-forever",
            "A device stays deferred although every supplier is bound or permanently gone, and nothing left would retry or release it",
            "driver-core §3 (deferred probe, trigger count), §8.1 (disabled IOMMU, v4.12-rc1)", Severity.Error, DeferredForever.Check),
        new(OrderDependent,
            "A device ends differently (state, driver, DMA path, IOMMU group members) under another legal ordering of the same boot",
            "driver-core §2-§3 (link order, async probe, deferred retries)", Severity.Error, null),
        new("iommu-state-leak",
            "A device left without a driver still holds IOMMU DMA state: IOMMU dma_ops, an arm32 dma_iommu_mapping, or a domain of its own (group membership and fwspec are kept by every kernel and are not counted)",
            "driver-core §9 (arch teardown), iommu-core §4, §7", Severity.Error, Findings(DmaChecks.StateLeak)),
        new("iommu-ops-without-domain",
            "A bound device has IOMMU dma_ops but no domain (arm64) or no dma_iommu_mapping (arm32): its first DMA API call goes nowhere",
            "driver-core §9.2 (arm32 stale dma_ops, v4.12-rc1), iommu-core §9", Severity.Error, Findings(DmaChecks.OpsWithoutDomain)),
        new("no-dma-path",
            "A bound device that does DMA (iommus, iommu-map or a DMA script) has no working path to memory: its stream is blocked or DMA was never configured",
            "iommu-core §6-§7 (default domains, context banks)", Severity.Error, Findings(DmaChecks.NoDmaPath)),
        new("shared-dma-owner",
            "An IOMMU group has a user-space owner (VFIO, iommufd) while a device in it is bound to a kernel driver using the DMA API",
            "iommu-core §8 (DMA ownership)", Severity.Error, Findings(DmaChecks.SharedOwner)),
        new("dma-access-fault",
            "A device access to a buffer that is still mapped faults (translation fault, blocked stream)",
            "iommu-core §9 (DMA data plane)", Severity.Error, Findings(DmaChecks.AccessFault)),
        new("supplier-unbound",
            "A supplier is unbound while a consumer that uses it stays bound",
            "driver-core §5 (device links: consumers unbound first)", Severity.Error, Findings(SupplierUnbound.Check)),
        new("kernel-crash",
            "The kernel dies (BUG, NULL dereference)",
            "iommu-core §8 (v5.10 vfio BUG_ON), driver-core §9.2", Severity.Error, Findings(k => k.Crash is { } c ? new[] { ("kernel", (Finding)new KernelCrashFinding(c)) } : Array.Empty<(string, Finding)>())),
    };

    private static Func<ProbeSim.Kernel.Result.BootState, IEnumerable<(string, Finding)>> Findings(Func<ProbeSim.Kernel.Result.BootState, IEnumerable<(string, Finding)>> check) => check;

    public static Invariant? Find(string name) => All.FirstOrDefault(i => i.Name == name);

    /// <summary>The invariants named in a comma-separated list (all when null or empty).</summary>
    public static IReadOnlyList<Invariant> Select(string? names)
    {
        if (string.IsNullOrWhiteSpace(names)) return All;
        var list = new List<Invariant>();
        foreach (var n in names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            list.Add(Find(n) ?? throw new ArgumentException($"unknown invariant '{n}' (probesim invariants lists them)"));
        return list;
    }
}
