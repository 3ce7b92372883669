using ProbeSim.Checking.Invariants;
using ProbeSim.Kernel.Boot;

namespace ProbeSim.Checking.Exploration;

/// <summary>One boot under one schedule: its choices, the faults that fired, the broken invariants, the outcome signature.</summary>
internal sealed class ScheduleRun
{
    public required ExplorationSchedule Schedule { get; init; }
    public required ProbeSim.Kernel.Boot.Kernel Kernel { get; init; }
    /// <summary>The kernel's state at the end of the schedule, as the invariants and the outcome signature read it.</summary>
    public required ProbeSim.Kernel.Result.BootState State { get; init; }
    public bool Pruned { get; init; }
    public IReadOnlyList<Violation> Violations { get; init; } = Array.Empty<Violation>();

    public List<int> ChoiceValues => Schedule.Choices.Select(c => c.Chosen).ToList();

    /// <summary>No fault fired and no unbind: the run differs from the default boot only by ordering.</summary>
    public bool OrderingOnly => Schedule.Fired.Count == 0 && !Schedule.Choices.Any(c => c.Kind == ChoiceKind.Unbind && c.Chosen != 0);

    public static ScheduleRun Execute(PreparedBoot boot, ExplorationSchedule schedule, IReadOnlyList<Invariant> invariants, bool quiet = true) =>
        Execute(boot, null, schedule, invariants, quiet);

    /// <summary>
    /// The schedule's boot from <paramref name="from"/> (a fork of the snapshot resumed at its registration boundary, the
    /// schedule started from the snapshot's state), or a fresh boot when null.
    /// </summary>
    public static ScheduleRun Execute(PreparedBoot boot, BootSnapshot? from, ExplorationSchedule schedule, IReadOnlyList<Invariant> invariants, bool quiet = true)
    {
        var k = from is null ? boot.NewKernel(schedule, quiet) : from.Start(schedule);
        try { if (from is null) k.Boot(); else k.Resume(); }
        catch (PruneException) { return new ScheduleRun { Schedule = schedule, Kernel = k, State = k.Publish(), Pruned = true }; }
        var state = k.Publish();
        var violations = new List<Violation>();
        foreach (var inv in invariants) violations.AddRange(inv.Evaluate(state));
        return new ScheduleRun { Schedule = schedule, Kernel = k, State = state, Violations = violations };
    }
}
