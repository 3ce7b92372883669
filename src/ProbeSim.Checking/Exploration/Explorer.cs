using System.Diagnostics;
using ProbeSim.Checking.Invariants;
using ProbeSim.Kernel.Boot;

namespace ProbeSim.Checking.Exploration;

/// <summary>
/// Explores the schedules of one board's boot (docs/checking.md): the default boot first, then every schedule
/// (exhaustive, depth-first with state hashing), random ones or PCT ones; checks the invariants after each; shrinks and
/// traces what broke.
/// </summary>
public sealed class Explorer
{
    private readonly PreparedBoot _boot;
    private readonly ExplorationOptions _o;
    private readonly List<Invariant> _perBoot;
    private readonly bool _orderCheck;
    private readonly Dictionary<(string, string), (Violation V, List<int> Choices, int Steps)> _found = new();
    private Dictionary<string, DeviceSignature>? _baseline;

    public Explorer(PreparedBoot boot, ExplorationOptions options)
    {
        _boot = boot;
        _o = options;
        _perBoot = options.Invariants.Where(i => !i.AcrossSchedules).ToList();
        _orderCheck = options.Invariants.Any(i => i.Name == InvariantTable.OrderDependent);
    }

    /// <summary>Schedules of the last <see cref="Run"/> started from a snapshot instead of a fresh boot (tests, the benchmark).</summary>
    internal int Forked { get; private set; }

    /// <summary>Progress callback: schedules run so far.</summary>
    public Action<int>? Progress { get; init; }

    public ExplorationReport Run()
    {
        var clock = Stopwatch.StartNew();
        Forked = 0;
        int schedules = 0, pruned = 0;
        bool complete = false;
        var visited = _o.Strategy == Strategy.Exhaustive && _o.Replay is null ? new HashSet<ulong>() : null;
        int budget = _o.Budget ?? (_o.Strategy == Strategy.Exhaustive ? int.MaxValue : 1000);
        bool OutOfTime() => _o.TimeLimit is { } t && clock.Elapsed > t;

        // forking (docs/checking.md): the exhaustive search keeps snapshots along its path; random and PCT schedules all
        // start from one snapshot taken at the last boundary before the default boot's first choice
        bool fork = _o.Fork && _o.Replay is null;
        var path = fork && _o.Strategy == Strategy.Exhaustive ? new SnapshotPath() : null;
        BootSnapshot? start = null;
        var firstSchedule = new ExplorationSchedule(_o.Replay ?? Array.Empty<int>(), PickMode.Default, _o.Faults, visited: visited, kinds: _o.Choices);
        if (path is not null) firstSchedule.OnBoundary = path.AtBoundary;
        else if (fork)
            firstSchedule.OnBoundary = (k, s) =>
            {
                if (s.Choices.Count == 0) start = BootSnapshot.Take(k, s);
            };

        // the default boot: the kernel's own ordering, and the baseline for order-dependence
        var first = ScheduleRun.Execute(_boot, firstSchedule, _perBoot);
        schedules++;
        // a replay string names positions and options of the schedule it came from: one this run does not have is an error, not the default
        if (_o.Replay is not null)
        {
            ReplayCheck.Verify(_o.Replay, first.Schedule);
            // order-dependence compares with the default schedule: a replay runs it first, as the search does
            if (_orderCheck && _o.Replay.Any(c => c != 0))
                Record(ScheduleRun.Execute(_boot, new ExplorationSchedule(Array.Empty<int>(), PickMode.Default, _o.Faults, kinds: _o.Choices), Array.Empty<Invariant>()));
        }
        Record(first);
        if (_o.Replay is null)
        {
            if (_o.Strategy == Strategy.Exhaustive)
            {
                var prefix = Backtrack(first.ChoiceValues, first.Schedule.Choices);
                while (prefix is not null && schedules + pruned < budget && !OutOfTime())
                {
                    var schedule = new ExplorationSchedule(prefix, PickMode.Default, _o.Faults, visited: visited, kinds: _o.Choices);
                    if (path is not null) schedule.OnBoundary = path.AtBoundary;
                    var from = path?.For(prefix);
                    if (from is not null) Forked++;
                    var run = ScheduleRun.Execute(_boot, from, schedule, _perBoot);
                    if (run.Pruned) pruned++; else { schedules++; Record(run); }
                    Progress?.Invoke(schedules);
                    prefix = Backtrack(run.ChoiceValues, run.Schedule.Choices);
                }
                complete = prefix is null;
            }
            else
            {
                int expected = Math.Max(1, first.Schedule.Choices.Count);
                for (int i = 1; i < budget && !OutOfTime(); i++)
                {
                    int seed = MixSeed(_o.Seed, i);
                    var schedule = _o.Strategy == Strategy.Random
                        ? new ExplorationSchedule(Array.Empty<int>(), PickMode.Random, _o.Faults, seed, kinds: _o.Choices, expectedChoices: expected)
                        : new ExplorationSchedule(Array.Empty<int>(), PickMode.Pct, _o.Faults, seed, pct: new Pct(seed, _o.PctDepth, expected), kinds: _o.Choices, expectedChoices: expected);
                    if (start is not null) Forked++;
                    Record(ScheduleRun.Execute(_boot, start, schedule, _perBoot));
                    schedules++;
                    Progress?.Invoke(schedules);
                }
            }
        }
        var reports = _found.Values
            .OrderBy(f => f.V.Severity).ThenBy(f => f.V.Invariant, StringComparer.Ordinal).ThenBy(f => f.V.Device, StringComparer.Ordinal)
            .Select(f => Report(f.V, f.Choices, f.Steps)).ToList();
        return new ExplorationReport
        {
            Board = _boot.Board, Profile = _boot.ProfileName, DriverSet = _boot.DriverSetName,
            Strategy = _o.Strategy, Seed = _o.Seed, Faults = FaultText(), Replay = _o.Replay is null ? null : ReplayString.Format(_o.Replay),
            Schedules = schedules, Pruned = pruned, States = visited?.Count ?? 0, Complete = complete,
            Elapsed = clock.Elapsed, Invariants = _o.Invariants.Select(i => i.Name).ToList(), Violations = reports,
        };
    }

    private string FaultText() => _o.Faults == FaultSpec.None ? "none" : string.Join(", ", _o.Faults.Rules.Select(r => r.ToString())
        .Concat(_o.Faults.ContextBanks.Select(b => $"banks:{b.Key}={b.Value}")).Concat(_o.Faults.Unbind ? new[] { "unbind" } : Array.Empty<string>()));

    /// <summary>splitmix-style seed of schedule i: every schedule is replayable from (seed, i) and from its replay string.</summary>
    internal static int MixSeed(int seed, int i)
    {
        ulong z = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)i;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & 0x7fffffff);
    }

    // depth-first: the deepest choice with an untried option, everything before it replayed
    private static List<int>? Backtrack(List<int> values, List<Choice> choices)
    {
        for (int i = choices.Count - 1; i >= 0; i--)
            if (choices[i].Next > choices[i].Chosen)
            {
                var next = values.Take(i).ToList();
                next.Add(choices[i].Next);
                return next;
            }
        return null;
    }

    private void Record(ScheduleRun run)
    {
        if (run.Pruned) return;
        var values = run.ChoiceValues;
        int steps = values.Count(v => v != 0);
        foreach (var v in run.Violations)
            if (!_found.TryGetValue((v.Invariant, v.Device), out var prev) || steps < prev.Steps)
                _found[(v.Invariant, v.Device)] = (v, values, steps);
        if (!_orderCheck || !run.OrderingOnly) return;
        var sig = OutcomeSignature.Of(run.State);
        if (_baseline is null) { _baseline = sig; return; }
        var inv = InvariantTable.Find(InvariantTable.OrderDependent)!;
        foreach (var (dev, outcome) in sig)
        {
            var before = OutcomeSignature.Get(_baseline, dev);
            if (before == outcome) continue;
            var key = (inv.Name, dev);
            if (_found.TryGetValue(key, out var prev) && prev.Steps <= steps) continue;
            _found[key] = (new Violation(inv.Name, inv.Severity, dev, new OrderDependentFinding(before, outcome)), values, steps);
        }
    }

    private ViolationReport Report(Violation v, List<int> choices, int steps)
    {
        var minimal = _o.Shrink ? new Shrinker(_boot, _o, _perBoot, _baseline).Minimize(v, choices) : choices;
        return TraceBuilder.Build(_boot, _o, _perBoot, v, minimal, steps);
    }
}
