using ProbeSim.Checking.Invariants;
using ProbeSim.Kernel.Boot;

namespace ProbeSim.Checking.Exploration;

/// <summary>Replays a minimal schedule with labels and the full log, and writes its trace in the kernel's words.</summary>
internal static class TraceBuilder
{
    public static ViolationReport Build(PreparedBoot boot, ExplorationOptions options, IReadOnlyList<Invariant> invariants,
        Violation found, List<int> choices, int foundSteps)
    {
        var schedule = new ExplorationSchedule(choices, PickMode.Default, options.Faults, labels: true, kinds: options.Choices);
        var run = ScheduleRun.Execute(boot, schedule, invariants, quiet: false);
        var violation = run.Violations.FirstOrDefault(x => x.Invariant == found.Invariant && x.Device == found.Device) ?? found;

        var steps = new List<TraceStep>();
        var named = new HashSet<string>(StringComparer.Ordinal) { found.Device };
        var events = schedule.Choices.Where(c => c.Chosen != 0 && c.Kind != ChoiceKind.Fault)
            .Select(c => (c.TimeUs, Kind: KindWord(c.Kind), Text: c.Label ?? ""))
            .Concat(schedule.Fired.Select(f => (f.TimeUs, Kind: "fault", f.Text)))
            .OrderBy(e => e.TimeUs).ToList();
        foreach (var e in events)
        {
            steps.Add(new TraceStep(steps.Count + 1, e.TimeUs, e.Kind, e.Text));
            foreach (var d in run.State.Devices) if (e.Text.Contains(d.Name, StringComparison.Ordinal)) named.Add(d.Name);
        }
        steps.Add(new TraceStep(steps.Count + 1, run.Kernel.NowUs, "violation", "") { Violation = violation });
        var log = run.Kernel.Log.Where(l =>
            (l.Level <= LogLevel.Info || l.Device == found.Device || l.Text.Contains(found.Device, StringComparison.Ordinal))
            && named.Any(n => l.Device == n || l.Text.Contains(n, StringComparison.Ordinal))).ToList();
        return new ViolationReport
        {
            Violation = violation,
            Replay = ReplayString.Format(choices),
            FoundWithSteps = foundSteps,
            Trace = steps,
            Log = log,
        };
    }

    /// <summary>The word a trace and a message use for a kind of choice point.</summary>
    internal static string KindWord(ChoiceKind k) => k switch
    {
        ChoiceKind.RegisterOrder => "link order",
        ChoiceKind.AsyncOrder => "async probe",
        ChoiceKind.ProbeWindow => "concurrent",
        ChoiceKind.ModuleOrder => "module load",
        ChoiceKind.Unbind => "unbind",
        _ => "fault",
    };
}
