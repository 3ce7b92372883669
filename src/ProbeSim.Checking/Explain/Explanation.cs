using ProbeSim.Kernel.Boot;

namespace ProbeSim.Checking.Explain;

/// <summary>One step of a supplier chain: what the device (or the supplier above it) waits on, and that supplier's own state.</summary>
/// <param name="Depth">0 for a direct supplier of the explained device, 1 for a supplier of that supplier, ...</param>
/// <param name="Subject">Device name when the supplier is a device (<c>e6150000.clock-controller</c>), else the DT path of its node.</param>
/// <param name="Relation">How the consumer refers to it: <c>clocks[0]</c>, <c>iommus[0]</c>, <c>device link</c>, <c>parent</c>, ...</param>
/// <param name="State">bound, deferred, failed, no-driver, module-not-loaded, not-probed, disabled, no-device, registered-early, cycle.</param>
/// <param name="Detail">Why the supplier is in that state (words: ProbeSim.Reports).</param>
/// <param name="RootCause">True when this step is where the chain ends (nothing further explains it).</param>
public sealed record ExplainStep(int Depth, string Subject, string Relation, string State, ExplainDetail Detail, bool RootCause);

/// <summary>What of_iommu_configure decided for the device and which rule of the profile applied.</summary>
/// <param name="Rule">The rule of the profile's of_iommu_configure that applied.</param>
/// <param name="Outcome">iommu, defer, none.</param>
public sealed record IommuDecision(ProbeSim.Kernel.Of.OfIommuRule Rule, string Outcome, string? Iommu, int? Group, string? DomainType, string? DmaOps, string? Dma,
    ProbeSim.Kernel.Dma.DmaNote? Note)
{
    /// <summary>v4.4 arm64: the attach waited on iommu_dma_masters for a BUS_NOTIFY_ADD_DEVICE (story A); null when it did not.</summary>
    public ProbeSim.Kernel.Dma.Arm64QueuedAttach? QueuedAttach { get; init; }
    /// <summary>When of_iommu_configure ran for the device (µs), and the IOMMU its DMA goes through if that registered later.</summary>
    public long? ConfiguredAtUs { get; init; }
    public LateIommu? RegisteredLater { get; init; }
}

/// <summary>The IOMMU a device's stream goes through, registered after the device's DMA was configured without it.</summary>
public sealed record LateIommu(string Device, string SysfsName, long RegisteredAtUs, bool BlocksStream);

/// <summary>Why one device ended as it did: its state, the chain of suppliers down to the root causes, the IOMMU decision, its log lines.</summary>
public sealed record Explanation
{
    public required string Device { get; init; }
    public string? OfNode { get; init; }
    /// <summary>bound, deferred, failed, no-driver, not-present (as the JSON reports it).</summary>
    public required string State { get; init; }
    public string? Driver { get; init; }
    /// <summary>What happened (the summary's head; its words add the first root cause).</summary>
    public required ExplainSummary Summary { get; init; }
    public IReadOnlyList<ExplainStep> Chain { get; init; } = Array.Empty<ExplainStep>();
    /// <summary>The distinct root causes (empty when the device is bound and nothing is missing).</summary>
    public IReadOnlyList<RootCause> RootCauses { get; init; } = Array.Empty<RootCause>();
    public IommuDecision? Iommu { get; init; }
    /// <summary>What the device's own outcome rests on (its driver's plan, a partial plan, the generic probe's guess).</summary>
    public OutcomeBasis Basis { get; init; }
    /// <summary>The facts the answer rests on: a guess for the device and every device of the chain whose outcome is a
    /// guess, a partial plan for plans with unread steps, else one modelled line.</summary>
    public IReadOnlyList<BasisLine> BasisLines { get; init; } = Array.Empty<BasisLine>();
    /// <summary>The bus notifier events of this device, in order (BUS_NOTIFY_ADD_DEVICE, BIND_DRIVER, DRIVER_NOT_BOUND, ...).</summary>
    public IReadOnlyList<NotifierEvent> Notifiers { get; init; } = Array.Empty<NotifierEvent>();
    /// <summary>The log lines about this device.</summary>
    public IReadOnlyList<LogLine> Log { get; init; } = Array.Empty<LogLine>();
    /// <summary>The user actions on this device that the kernel refused, with why (their refusals name group members and drivers).</summary>
    public IReadOnlyList<ActionOutcome> RefusedActions { get; init; } = Array.Empty<ActionOutcome>();
    /// <summary>Refused user actions on other devices whose refusal names this device as a cause (a group-mate bound to a kernel driver).</summary>
    public IReadOnlyList<ActionOutcome> BlockedActions { get; init; } = Array.Empty<ActionOutcome>();
}
