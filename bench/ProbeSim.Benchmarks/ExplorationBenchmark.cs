using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ProbeSim.Checking.Exploration;
using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Benchmarks;

/// <summary>
/// Issue 5: complete boot schedules explored per second on one core, on the median-size arm64 board of Linux v7.1
/// (by node count, about 350 nodes), Debian 6.1 driver set, profile v6.1, every invariant checked after each schedule.
/// One operation = 100 random schedules (plus the default one) on one thread; schedules/s = 101 / mean time. Baseline:
/// one plain boot of the same board (the Ratio column shows how many plain boots an exploration costs). A schedule's own
/// cost is the quiet boot of the prepared board (shared tables, no log) plus the invariants.
/// </summary>
// steady state: an exploration runs thousands of schedules, so the JIT's tiers are warm (a cold run measured the JIT)
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class ExplorationBenchmark
{
    private PreparedBoot? _boot;
    private BootOptions _options = new();
    private DtTree? _tree;
    public string Board { get; private set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var dtbDir = Path.Combine(BenchPaths.Corpus("v7.1"), "dtb", "arm64");
        var boards = Directory.EnumerateFiles(dtbDir, "*.dtb", SearchOption.AllDirectories)
            .Select(p => (Path: p, Tree: ProbeSim.DeviceTree.Binary.FdtReader.Read(File.ReadAllBytes(p), p)))
            .Select(b => (b.Path, b.Tree, Nodes: b.Tree.AllNodes.Count()))
            .OrderBy(b => b.Nodes).ThenBy(b => b.Path, StringComparer.Ordinal).ToList();
        var median = boards[boards.Count / 2];
        Board = $"{Path.GetRelativePath(dtbDir, median.Path)} ({median.Nodes} nodes)";
        Console.WriteLine($"// median board: {Board}");
        _tree = median.Tree;
        _options = new BootOptions { Profile = "v6.1", Drivers = new KernelDriverTables(Path.Combine(BenchPaths.Shared, "kernels", "debian-bookworm-arm64")) };
        _boot = _options.Prepare(_tree, Board);
        _booted = _boot.NewKernel(quiet: true);
        _booted.Boot();
    }

    private ProbeSim.Kernel.Boot.Kernel? _booted;

    [Benchmark(Baseline = true, Description = "one plain boot")]
    public int PlainBoot() => _options.Boot(_tree!, Board).Devices.Count;

    [Benchmark(Description = "one boot of the prepared board, log off (a schedule without its checks)")]
    public int PreparedQuietBoot()
    {
        var k = _boot!.NewKernel(quiet: true);
        k.Boot();
        return k.Devices.Count;
    }

    [Benchmark(Description = "101 random schedules, all invariants, one thread")]
    public int RandomSchedules() => new Explorer(_boot!, new ExplorationOptions { Strategy = Strategy.Random, Budget = 101, Shrink = false }).Run().Schedules;

    // the state digest runs at every new choice point of an exhaustive search (random and PCT schedules never hash)
    [Benchmark(Description = "exhaustive search, first 101 schedules, all invariants, one thread")]
    public int ExhaustiveSchedules() => new Explorer(_boot!, new ExplorationOptions { Strategy = Strategy.Exhaustive, Budget = 101, Shrink = false }).Run().States;

    [Benchmark(Description = "the state digest of the booted board (Kernel.StateHash)")]
    public ulong StateHashOfBootedBoard() => _booted!.StateHash();
}
