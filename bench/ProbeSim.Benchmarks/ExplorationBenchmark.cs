using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ProbeSim.Checking.Exploration;
using ProbeSim.Checking.Invariants;
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
        // a snapshot at the first registration boundary (where a random search forks every schedule from)
        var first = new FirstBoundary();
        _boot.NewKernel(first, quiet: true).Boot();
        _snapshot = first.Snapshot ?? throw new InvalidOperationException("the board has no registration boundary");
    }

    private ProbeSim.Kernel.Boot.Kernel? _snapshot;

    /// <summary>The default order, with a fork of the kernel at the first registration boundary.</summary>
    private sealed class FirstBoundary : IBootSchedule
    {
        public ProbeSim.Kernel.Boot.Kernel? Snapshot { get; private set; }
        public int Choose(ProbeSim.Kernel.Boot.Kernel kernel, ChoiceKind kind, int count, Func<int, string> label, Func<int, int, bool>? commute = null, Func<int, string>? actor = null) => 0;
        public int Fault(ProbeSim.Kernel.Boot.Kernel kernel, FaultSite site, ProbeSim.Kernel.DriverCore.Device dev, int attempt) => 0;
        public int? ContextBankLimit(ProbeSim.Kernel.Boot.Kernel kernel, ProbeSim.Kernel.DriverCore.Device iommu) => null;
        public bool Active => true;
        public bool LimitsContextBanks => false;
        public void AtBoundary(ProbeSim.Kernel.Boot.Kernel kernel) => Snapshot ??= kernel.Fork(this);
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
    public int RandomSchedules() => new Explorer(_boot!, new ExplorationOptions { Strategy = Strategy.Random, Budget = 101, Shrink = false, Fork = false }).Run().Schedules;

    // every schedule after the default one starts from a fork of the kernel at the first registration boundary
    [Benchmark(Description = "101 random schedules, forking, all invariants, one thread")]
    public int RandomSchedulesForking() => new Explorer(_boot!, new ExplorationOptions { Strategy = Strategy.Random, Budget = 101, Shrink = false, Fork = true }).Run().Schedules;

    // the state digest runs at every new choice point of an exhaustive search (random and PCT schedules never hash)
    [Benchmark(Description = "exhaustive search, first 101 schedules, all invariants, one thread")]
    public int ExhaustiveSchedules() => new Explorer(_boot!, new ExplorationOptions { Strategy = Strategy.Exhaustive, Budget = 101, Shrink = false, Fork = false }).Run().States;

    // each backtracked schedule starts from the deepest snapshot of the search path that its prefix begins with
    [Benchmark(Description = "exhaustive search, first 101 schedules, forking, all invariants, one thread")]
    public int ExhaustiveSchedulesForking() => new Explorer(_boot!, new ExplorationOptions { Strategy = Strategy.Exhaustive, Budget = 101, Shrink = false, Fork = true }).Run().States;

    [Benchmark(Description = "one Kernel.Fork at the first registration boundary")]
    public int OneFork() => _snapshot!.Fork(DefaultBootSchedule.Instance)!.Devices.Count;

    // what every schedule pays after its boot: the kernel's state published (BootState) and every invariant read from it
    [Benchmark(Description = "every invariant on the booted board (a schedule's checks)")]
    public int AllInvariants()
    {
        int n = 0;
        var state = _booted!.Publish();
        foreach (var inv in InvariantTable.All) n += inv.Evaluate(state).Count();
        return n;
    }

    [Benchmark(Description = "the state digest of the booted board (Kernel.StateHash)")]
    public ulong StateHashOfBootedBoard() => _booted!.StateHash();
}
