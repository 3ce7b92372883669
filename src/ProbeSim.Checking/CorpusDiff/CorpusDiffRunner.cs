using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;

namespace ProbeSim.Checking.CorpusDiff;

/// <summary>
/// Runs a <see cref="CorpusDiffPlan"/>: each board is one work item, on as many threads as asked. A worker loads the
/// board (once when both sides share the board list), boots it under side a, then side b, compares the two results and,
/// for the devices that differ, finds the causes while both kernels are alive; then it drops both kernels, so memory
/// holds two kernels per worker, never the corpus.
/// </summary>
public static class CorpusDiffRunner
{
    /// <summary>Runs the plan; <paramref name="boardDone"/> is called (from worker threads) after each board.</summary>
    public static CorpusDiffResult Run(CorpusDiffPlan plan, int jobs, Action? boardDone = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var shareTrees = ReferenceEquals(plan.A.Boards, plan.B.Boards);
        // bus notifier events are not compared: not recording them saves time and memory
        var optionsA = plan.A.Options with { RecordNotifiers = false };
        var optionsB = plan.B.Options with { RecordNotifiers = false };
        var results = new BoardDiff[plan.Pairs.Count];
        Parallel.For(0, plan.Pairs.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs) }, i =>
        {
            var (a, b) = plan.Pairs[i];
            results[i] = DiffBoard(a, b, shareTrees, optionsA, optionsB);
            boardDone?.Invoke();
        });
        return new CorpusDiffResult
        {
            A = plan.A.Info,
            B = plan.B.Info,
            Shard = plan.Shard,
            Boards = plan.Pairs.Count,
            Devices = results.Sum(r => r.Devices),
            Changes = CorpusDiffResult.Sorted(results.SelectMany(r => r.Changes)),
            Failures = CorpusDiffResult.Sorted(results.Where(r => r.Failure is not null).Select(r => r.Failure!)),
            OnlyInA = plan.OnlyInA,
            OnlyInB = plan.OnlyInB,
        };
    }

    private sealed record BoardDiff(int Devices, IReadOnlyList<DiffChange> Changes, DiffFailure? Failure);

    private static BoardDiff DiffBoard(CorpusBoard a, CorpusBoard b, bool shareTree, BootOptions optionsA, BootOptions optionsB)
    {
        var (treeA, errorA) = Load(a);
        var (treeB, errorB) = shareTree ? (treeA, errorA) : Load(b);
        if (treeA is null || treeB is null)
        {
            var side = treeA is null && treeB is null ? "a+b" : treeA is null ? "a" : "b";
            var error = errorA is not null && errorB is not null && errorA != errorB ? $"a: {errorA}; b: {errorB}" : (errorA ?? errorB)!;
            return new BoardDiff(0, [], new DiffFailure(a.Name, side, error));
        }
        ProbeSim.Kernel.Boot.Kernel kernelA, kernelB;
        var failing = "a";
        try
        {
            kernelA = optionsA.CreateKernel(treeA, a.Name);
            failing = "b";
            kernelB = optionsB.CreateKernel(treeB, b.Name);
        }
        catch (Exception e) when (e is ProbeSim.Kernel.Drivers.ScenarioException or ProbeSim.Kernel.Pci.PciTopologyException)
        {
            // the side's scenario or PCI hierarchy does not fit this board (a node, device or host bridge it lacks)
            return new BoardDiff(0, [], new DiffFailure(a.Name, failing, e.Message));
        }
        var resultA = kernelA.Boot();
        var resultB = kernelB.Boot();
        var (compared, deltas) = DeviceComparer.Compare(resultA, resultB);
        if (deltas.Count == 0) return new BoardDiff(compared, [], null);
        var causes = ChangeCauses.Find(resultA, resultB, deltas);
        var changes = deltas.SelectMany(d => d.Fields.Select(f => new DiffChange(a.Name, d.Device, f.Field, f.Before, f.After, causes[d]))).ToList();
        return new BoardDiff(compared, changes, null);
    }

    private static (DtTree? Tree, string? Error) Load(CorpusBoard board)
    {
        try
        {
            return (board.Load(), null);
        }
        catch (DeviceTreeException e)
        {
            return (null, string.Join("; ", e.Diagnostics.Select(d => d.ToString())));
        }
    }
}
