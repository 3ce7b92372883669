using ProbeSim.Checking.Invariants;

namespace ProbeSim.Checking.Exploration;

/// <summary>How schedules are picked: every one (with state hashing and partial-order reduction), random, or PCT.</summary>
public enum Strategy { Exhaustive, Random, Pct }

/// <summary>What a check explores and for how long.</summary>
public sealed record ExplorationOptions
{
    public Strategy Strategy { get; init; } = Strategy.Exhaustive;
    /// <summary>The kinds of choice point explored (default all); the others keep the kernel's own order.</summary>
    public IReadOnlySet<ProbeSim.Kernel.Boot.ChoiceKind> Choices { get; init; } = AllChoices;

    public static readonly IReadOnlySet<ProbeSim.Kernel.Boot.ChoiceKind> AllChoices = Enum.GetValues<ProbeSim.Kernel.Boot.ChoiceKind>().ToHashSet();

    /// <summary>Parses <c>--choices</c>: order, async, window, modules, faults, unbind (comma-separated).</summary>
    public static IReadOnlySet<ProbeSim.Kernel.Boot.ChoiceKind> ParseChoices(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return AllChoices;
        var set = new HashSet<ProbeSim.Kernel.Boot.ChoiceKind>();
        foreach (var n in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            set.Add(n switch
            {
                "order" => ProbeSim.Kernel.Boot.ChoiceKind.RegisterOrder,
                "async" => ProbeSim.Kernel.Boot.ChoiceKind.AsyncOrder,
                "window" => ProbeSim.Kernel.Boot.ChoiceKind.ProbeWindow,
                "modules" => ProbeSim.Kernel.Boot.ChoiceKind.ModuleOrder,
                "faults" => ProbeSim.Kernel.Boot.ChoiceKind.Fault,
                "unbind" => ProbeSim.Kernel.Boot.ChoiceKind.Unbind,
                _ => throw new ArgumentException($"--choices: unknown choice point '{n}' (order, async, window, modules, faults, unbind)"),
            });
        return set;
    }
    /// <summary>At most this many schedules (null: exhaustive runs to completion, random and PCT run 1000).</summary>
    public int? Budget { get; init; }
    /// <summary>Stop after this long (wall clock), whatever the budget.</summary>
    public TimeSpan? TimeLimit { get; init; }
    public int Seed { get; init; } = 1;
    /// <summary>PCT depth (number of priority change points + 1).</summary>
    public int PctDepth { get; init; } = 3;
    public FaultSpec Faults { get; init; } = FaultSpec.None;
    public IReadOnlyList<Invariant> Invariants { get; init; } = InvariantTable.All;
    /// <summary>Shrink each violation's schedule to the fewest non-default choices that still break it.</summary>
    public bool Shrink { get; init; } = true;
    /// <summary>
    /// Start schedules from kernels forked at a registration boundary instead of a fresh boot (docs/checking.md); off: every
    /// schedule re-boots (the baseline the forking explorer must agree with).
    /// </summary>
    public bool Fork { get; init; } = true;
    /// <summary>Run exactly this schedule (from a report's replay string) instead of exploring.</summary>
    public IReadOnlyList<int>? Replay { get; init; }
}
