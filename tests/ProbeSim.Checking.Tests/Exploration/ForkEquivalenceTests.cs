using System.Text;
using ProbeSim.Checking.Exploration;
using ProbeSim.Checking.Invariants;
using ProbeSim.Kernel.Boot;

namespace ProbeSim.Checking.Tests.Exploration;

/// <summary>
/// A kernel forked at a registration boundary goes on exactly as a fresh boot with the same choices would
/// (docs/architecture.md, "Forking at a registration boundary"): random schedules are run fresh and again from a
/// snapshot taken in another run at a random boundary of the same prefix, with the log on; devices, drivers, reasons,
/// waits, DMA, groups and domains, links, broken invariants, the log, the notifier events and the final digest agree.
/// The snapshot itself is left as it was, and the run it was taken from ends as the fresh boot.
/// </summary>
public class ForkEquivalenceTests
{
    private const int Runs = 25;

    [Theory]
    [InlineData("story-c-v4.12-rc1-async-defer")]
    [InlineData("story-c-v4.12-async")]
    [InlineData("sample-initcalls-async")]
    [InlineData("pci-smmuv3-dma")]
    [InlineData("arm-smmu-banks")]
    [InlineData("late-module-timeout")]
    public void A_fork_goes_on_as_a_fresh_boot(string name)
    {
        var board = StateDigestPropertyTests.Make(name);
        var invariants = InvariantTable.All.Where(i => !i.AcrossSchedules).ToList();
        var rng = new Random(20261207);
        int forked = 0;
        for (int run = 0; run < Runs; run++)
        {
            // a random schedule, fresh
            var a = new ExplorationSchedule(Array.Empty<int>(), PickMode.Random, board.Faults, seed: 500 + run, kinds: board.Kinds);
            var runA = ScheduleRun.Execute(board.Boot, a, invariants, quiet: false);
            var values = a.Choices.Select(c => c.Chosen).ToArray();

            // its choices replayed, with a snapshot at a random boundary
            int boundaries = CountBoundaries(board, values);
            if (boundaries == 0) continue;
            int at = rng.Next(boundaries), seen = 0;
            BootSnapshot? snap = null;
            var b = new ExplorationSchedule(values, PickMode.Default, board.Faults, kinds: board.Kinds)
            {
                OnBoundary = (k, s) => { if (seen++ == at) snap = BootSnapshot.Take(k, s); },
            };
            var runB = ScheduleRun.Execute(board.Boot, b, invariants, quiet: false);
            Assert.Equal(Outcome(runA), Outcome(runB));
            if (snap is null) continue;
            forked++;
            ulong before = snap.Kernel.StateHash();

            // the same choices from the snapshot
            var c = new ExplorationSchedule(values, PickMode.Default, board.Faults, kinds: board.Kinds);
            var runC = ScheduleRun.Execute(board.Boot, snap, c, invariants, quiet: false);
            AssertSame(name, $"run {run}, fork at boundary {at} ({snap.Consumed} choices)", runA, runC);
            Assert.Equal(a.Choices.Select(x => (x.Kind, x.Count, x.Chosen)), c.Choices.Select(x => (x.Kind, x.Count, x.Chosen)));

            // another continuation of the snapshot's prefix: fresh and forked
            var prefix = values[..snap.Consumed];
            var fresh = new ExplorationSchedule(prefix, PickMode.Random, board.Faults, seed: 9000 + run, kinds: board.Kinds);
            var fork = new ExplorationSchedule(prefix, PickMode.Random, board.Faults, seed: 9000 + run, kinds: board.Kinds);
            var runFresh = ScheduleRun.Execute(board.Boot, fresh, invariants, quiet: false);
            var runFork = ScheduleRun.Execute(board.Boot, snap, fork, invariants, quiet: false);
            AssertSame(name, $"run {run}, continuation from boundary {at}", runFresh, runFork);

            // running forks left the snapshot as it was
            Assert.Equal(before, snap.Kernel.StateHash());
        }
        // the late-module board registers one built-in driver per level: no registration boundary, every schedule re-boots
        if (name == "late-module-timeout") Assert.Equal(0, forked);
        else Assert.True(forked > Runs / 2, $"{name}: only {forked} of {Runs} runs forked");
    }

    private static int CountBoundaries(StateDigestPropertyTests.Board board, int[] values)
    {
        int n = 0;
        var s = new ExplorationSchedule(values, PickMode.Default, board.Faults, kinds: board.Kinds) { OnBoundary = (_, _) => n++ };
        ScheduleRun.Execute(board.Boot, s, Array.Empty<Invariant>());
        return n;
    }

    private static void AssertSame(string board, string what, ScheduleRun expected, ScheduleRun actual)
    {
        var x = Outcome(expected);
        var y = Outcome(actual);
        if (x == y) return;
        var la = x.Split('\n');
        var lb = y.Split('\n');
        var sb = new StringBuilder($"{board}: {what}: the fork ends apart from the fresh boot:\n");
        int shown = 0;
        for (int i = 0; i < Math.Max(la.Length, lb.Length) && shown < 20; i++)
        {
            var p = i < la.Length ? la[i] : "";
            var q = i < lb.Length ? lb[i] : "";
            if (p != q) { sb.AppendLine($"  fresh: {p}\n  fork:  {q}"); shown++; }
        }
        Assert.Fail(sb.ToString());
    }

    /// <summary>What the checks and reports read, the log and notifier events, the choices and the faults fired.</summary>
    internal static string Outcome(ScheduleRun run)
    {
        var sb = new StringBuilder(StateDigestPropertyTests.Outcome(run));
        var k = run.Kernel;
        foreach (var c in run.Schedule.Choices) sb.Append($"{c.Kind}:{c.Chosen}/{c.Count}@{c.TimeUs} ");
        sb.AppendLine();
        foreach (var f in run.Schedule.Fired) sb.AppendLine($"fired {f.TimeUs} {f.Text}");
        foreach (var l in k.Log) sb.AppendLine($"log {l.TimeUs} {l.Level} {l.Device} {l.Text}");
        foreach (var n in k.Notifiers) sb.AppendLine($"notify {n.TimeUs} {n.Event} {n.Device} {n.Driver}");
        foreach (var d in k.Devices) sb.AppendLine($"dev {d.Name} bound-at {d.BoundAtUs} sysfs {d.SysfsPath} of-iommu {d.Iommu.OfIommuRule} {d.Iommu.OfIommuAtUs}");
        foreach (var i in k.Iommus) sb.AppendLine($"iommu {i.SysfsName} {i.Registered} {i.RegisteredAtUs} banks {i.ContextBanksInUse} clients {string.Join(",", i.Clients)}");
        return sb.ToString();
    }
}
