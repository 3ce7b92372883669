using ProbeSim.Checking.Invariants;
using ProbeSim.Kernel.Boot;

namespace ProbeSim.Checking.Exploration;

/// <summary>
/// Shrinks a violating schedule to the fewest non-default choices (orderings and fired faults) that still break the
/// same invariant on the same device: delta debugging over the non-default positions (whole chunks reset to the
/// default first, then halves, down to single choices), each candidate checked by a full replay.
/// </summary>
internal sealed class Shrinker(PreparedBoot boot, ExplorationOptions options, IReadOnlyList<Invariant> invariants, Dictionary<string, DeviceSignature>? baseline)
{
    private const int MaxReplays = 4000;
    private int _replays;

    public List<int> Minimize(Violation v, List<int> choices)
    {
        var current = Trim(choices);
        if (!Breaks(v, current, out var recorded)) return current;
        current = Trim(recorded);
        int chunks = 2;
        while (_replays < MaxReplays)
        {
            var nonDefault = Enumerable.Range(0, current.Count).Where(i => current[i] != 0).ToList();
            if (nonDefault.Count == 0) break;
            chunks = Math.Min(chunks, nonDefault.Count);
            bool reduced = false;
            int size = (nonDefault.Count + chunks - 1) / chunks;
            for (int c = 0; c < chunks && !reduced; c++)
            {
                var candidate = new List<int>(current);
                foreach (var i in nonDefault.Skip(c * size).Take(size)) candidate[i] = 0;
                if (Breaks(v, candidate, out var rec) && Trim(rec).Count(x => x != 0) < nonDefault.Count)
                {
                    current = Trim(rec);
                    chunks = Math.Max(chunks - 1, 2);
                    reduced = true;
                }
            }
            if (reduced) continue;
            if (chunks >= nonDefault.Count) break;
            chunks = Math.Min(nonDefault.Count, chunks * 2);
        }
        return current;
    }

    private static List<int> Trim(List<int> values)
    {
        int n = values.Count;
        while (n > 0 && values[n - 1] == 0) n--;
        return values.Take(n).ToList();
    }

    private bool Breaks(Violation v, List<int> candidate, out List<int> recorded)
    {
        _replays++;
        var run = ScheduleRun.Execute(boot, new ExplorationSchedule(candidate, PickMode.Default, options.Faults, kinds: options.Choices), invariants);
        recorded = run.ChoiceValues;
        if (v.Invariant == InvariantTable.OrderDependent)
        {
            if (baseline is null || !run.OrderingOnly) return false;
            var sig = OutcomeSignature.Of(run.State);
            return OutcomeSignature.Get(sig, v.Device) != OutcomeSignature.Get(baseline, v.Device);
        }
        return run.Violations.Any(x => x.Invariant == v.Invariant && x.Device == v.Device);
    }
}
