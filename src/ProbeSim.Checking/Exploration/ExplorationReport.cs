using ProbeSim.Checking.Invariants;
using ProbeSim.Kernel.Boot;

namespace ProbeSim.Checking.Exploration;

/// <summary>One step of a violation trace: a non-default choice, an injected fault, or the broken invariant.</summary>
public sealed record TraceStep(int Step, long TimeUs, string Kind, string Text)
{
    /// <summary>The broken invariant, on the trace's last step (<see cref="Text"/> is then empty: Reports words it).</summary>
    public Violation? Violation { get; init; }
}

/// <summary>A broken invariant with the minimal schedule that breaks it, as steps and the kernel's log lines.</summary>
public sealed record ViolationReport
{
    public required Violation Violation { get; init; }
    /// <summary>The minimal schedule as a replay string (<c>--replay</c>): non-default choices as POSITION:OPTION.</summary>
    public required string Replay { get; init; }
    /// <summary>Non-default choices and faults of the schedule first found, before shrinking.</summary>
    public int FoundWithSteps { get; init; }
    public IReadOnlyList<TraceStep> Trace { get; init; } = Array.Empty<TraceStep>();
    /// <summary>The log lines of the devices the trace names (info level and above, plus the violating device's debug lines).</summary>
    public IReadOnlyList<LogLine> Log { get; init; } = Array.Empty<LogLine>();
}

/// <summary>What a check explored and what it found.</summary>
public sealed record ExplorationReport
{
    public required string Board { get; init; }
    public required string Profile { get; init; }
    public required string DriverSet { get; init; }
    public required Strategy Strategy { get; init; }
    public int Seed { get; init; }
    /// <summary>The replay string run instead of a search (<c>--replay</c>), or null.</summary>
    public string? Replay { get; init; }
    public string Faults { get; init; } = "";
    /// <summary>Complete schedules run (pruned ones not counted).</summary>
    public int Schedules { get; init; }
    /// <summary>Schedules abandoned because they reached an explored state.</summary>
    public int Pruned { get; init; }
    /// <summary>Distinct states seen at choice points (exhaustive).</summary>
    public int States { get; init; }
    /// <summary>Exhaustive search finished: every schedule up to state equivalence was covered.</summary>
    public bool Complete { get; init; }
    public TimeSpan Elapsed { get; init; }
    public IReadOnlyList<string> Invariants { get; init; } = Array.Empty<string>();
    public IReadOnlyList<ViolationReport> Violations { get; init; } = Array.Empty<ViolationReport>();

    public bool HasErrors => Violations.Any(v => v.Violation.Severity == Severity.Error);
}
