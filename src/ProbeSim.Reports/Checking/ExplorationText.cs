using ProbeSim.Checking.Exploration;
using ProbeSim.Checking.Invariants;
using ProbeSim.Reports.Log;

namespace ProbeSim.Reports.Checking;

/// <summary>A check's findings as plain text: what was explored, then each violation with its minimal trace and log lines.</summary>
public static class ExplorationText
{
    public static void Write(TextWriter w, ExplorationReport r, string? replayCommand = null)
    {
        // a replay runs the one schedule it names: no search was stopped early
        var scope = r.Replay is not null ? $"replay {r.Replay}"
            : r.Strategy == Strategy.Exhaustive
            ? (r.Complete ? "exhaustive, complete" : "exhaustive, stopped by the budget or time limit")
            : $"{r.Strategy.ToString().ToLowerInvariant()}, seed {r.Seed}";
        w.WriteLine($"{r.Board}: profile {r.Profile}, drivers {r.DriverSet}, faults {r.Faults}");
        w.WriteLine($"explored {r.Schedules} schedule(s) ({scope}); {r.Pruned} pruned at explored states, {r.States} distinct states; {r.Elapsed.TotalSeconds:F2} s");
        if (r.Violations.Count == 0)
        {
            w.WriteLine(r.Complete
                ? $"no invariant broken in any schedule ({string.Join(", ", r.Invariants)})"
                : r.Replay is not null ? $"no invariant broken in the replayed schedule ({string.Join(", ", r.Invariants)})"
                : $"no invariant broken in the schedules explored ({string.Join(", ", r.Invariants)})");
            return;
        }
        int errors = r.Violations.Count(v => v.Violation.Severity == Severity.Error);
        w.WriteLine($"{r.Violations.Count} violation(s): {errors} error(s), {r.Violations.Count - errors} warning(s)");
        foreach (var v in r.Violations)
        {
            w.WriteLine();
            w.WriteLine(ViolationWords.Line(v.Violation));
            int choices = v.Trace.Count - 1;
            w.WriteLine($"  minimal trace: {choices} step(s) (found with {v.FoundWithSteps}); replay: --replay {v.Replay}" + (replayCommand is null ? "" : $"  ({replayCommand})"));
            foreach (var s in v.Trace)
                w.WriteLine($"  {s.Step,3}. {DmesgFormatter.Timestamp(s.TimeUs)} {s.Kind}: {ViolationWords.Text(s)}");
            if (v.Log.Count > 0)
            {
                w.WriteLine("  log:");
                foreach (var l in v.Log) w.WriteLine("    " + DmesgFormatter.FormatLine(l));
            }
        }
    }
}
