using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Providers;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Of;

namespace ProbeSim.Checking.Explain;

/// <summary>
/// Why one supplier (or the explained device itself) is in the state an explanation shows, as the values the walk saw.
/// The words are made in ProbeSim.Reports.
/// </summary>
public abstract record ExplainDetail
{
    /// <summary>The consumer's reference cannot be parsed; <paramref name="ParseError"/> is the parser's own message.</summary>
    public sealed record Unparsable(string? ParseError) : ExplainDetail;

    /// <summary>The supplier is already on the chain being walked: the suppliers wait on each other. <paramref name="SubjectIsNode"/>:
    /// the subject is the DT path of a node that is no device, not a device name.</summary>
    public sealed record OnChain(string Subject, bool SubjectIsNode) : ExplainDetail;

    /// <summary>An early table or its registration function registered the provider.</summary>
    public sealed record RegisteredEarly(ProviderReason Reason) : ExplainDetail;

    /// <summary>The node (or its <paramref name="Ancestor"/>, when not null) has this status.</summary>
    public sealed record Disabled(string? Ancestor, string Status) : ExplainDetail;

    /// <summary>An early table set the node up (no device needed).</summary>
    public sealed record SetUpEarly(NoDeviceReason Reason) : ExplainDetail;

    /// <summary>The node never became a device.</summary>
    public sealed record NoDevice(NoDeviceReason Reason) : ExplainDetail;

    /// <summary>The device is bound.</summary>
    public sealed record BoundTo(string? Driver) : ExplainDetail;

    /// <summary>A really_probe step failed.</summary>
    public sealed record Failed(ProbeFailure Failure) : ExplainDetail;

    /// <summary>The last probe failed with an errno and the model has no step for it.</summary>
    public sealed record FailedWith(string? Driver, int? Errno) : ExplainDetail;

    /// <summary>The probe deferred: the kernel's deferred_probe_reason when it recorded one, else what the model saw it wait for.</summary>
    public sealed record Deferred(string? DeferReason, WaitReason? Wait) : ExplainDetail;

    /// <summary>The device waits for this (the explained device when nothing it waits on explains it).</summary>
    public sealed record Waiting(WaitReason Wait) : ExplainDetail;

    /// <summary>Its driver is a module that was never loaded.</summary>
    public sealed record ModuleNeverLoaded : ExplainDetail;

    /// <summary>The driver's probe rejected the match (-ENODEV/-ENXIO): the device stays without a driver.</summary>
    public sealed record RejectsMatch(string Driver, int Errno) : ExplainDetail;

    /// <summary>No AMBA driver's id table took it: its periphid is read from its registers.</summary>
    public sealed record AmbaPeriphid : ExplainDetail;

    /// <summary>No driver of the set matches the node's compatible strings (empty without a node or compatible).</summary>
    public sealed record NoDriverMatches(IReadOnlyList<string> Compatible) : ExplainDetail
    {
        // by value: the two sides of a corpus diff compare root causes of their own trees
        public bool Equals(NoDriverMatches? other) => other is not null && Compatible.SequenceEqual(other.Compatible, StringComparer.Ordinal);
        public override int GetHashCode() => Compatible.Aggregate(17, (h, c) => h * 31 + StringComparer.Ordinal.GetHashCode(c));
    }

    /// <summary>A driver matched, and the device was not probed.</summary>
    public sealed record NotProbed : ExplainDetail;

    /// <summary>A node that never became a device, with the result's note.</summary>
    public sealed record NeverADevice(OutcomeNote? Note) : ExplainDetail;
}

/// <summary>A root cause: the device or node (<paramref name="Subject"/>) where a chain ends, and why. <paramref name="SubjectIsNode"/>:
/// the subject is the DT path of a node that is no device (else a device name, or the relation of an unparsable reference).</summary>
public sealed record RootCause(string Subject, ExplainDetail Detail, bool SubjectIsNode);

/// <summary>The head of an explanation's one-line summary, typed; the words are made in ProbeSim.Reports.</summary>
public abstract record ExplainSummary
{
    public sealed record NeverADevice(string Subject, OutcomeNote? Note) : ExplainSummary;
    public sealed record Bound(string Device, string? Driver) : ExplainSummary;
    public sealed record Deferred(string Device, string? DeferReason) : ExplainSummary;
    public sealed record Failed(string Device, ExplainDetail Detail) : ExplainSummary;
    public sealed record NoDriver(string Device, ExplainDetail Detail) : ExplainSummary;
}

/// <summary>One fact an explanation's answer rests on (the basis of the device or of a device in its chain).</summary>
public abstract record BasisLine
{
    /// <summary>A deferred device takes the basis of the supplier it waits for.</summary>
    public sealed record Inherited(string Device, string From, OutcomeBasis Basis) : BasisLine;
    /// <summary>The AMBA periphid is read from the registers (<paramref name="Of"/>: a chain device, null for the device itself).</summary>
    public sealed record AmbaPeriphid(string? Of) : BasisLine;
    /// <summary>A driver from the alias tables whose probe was not read.</summary>
    public sealed record ProbeUnread(string? Driver, string? Of) : BasisLine;
    /// <summary>shpchp's binding depends on firmware facts the machine's files do not carry.</summary>
    public sealed record AcpiHotplug(string? Of) : BasisLine;
    /// <summary>The driver has no probe plan: the generic probe's guess.</summary>
    public sealed record NoPlan(string? Driver, string? Of) : BasisLine;
    /// <summary>The driver's probe plan has steps the importer could not read.</summary>
    public sealed record PartialPlan(string? Driver, string? Of) : BasisLine;
    /// <summary>Modelled: the driver's plan (or no driver probe at all), and whether the chain's suppliers are modelled too.</summary>
    public sealed record Modelled(string? Driver, bool WithSuppliers) : BasisLine;
}
