using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ProbeSim.Checking.CorpusDiff;
using ProbeSim.Kernel.Boot;

namespace ProbeSim.Benchmarks;

/// <summary>
/// Issue 5: a full corpus diff, v4.12-rc1 against v4.12 over the 1526 arm64 boards of Linux v7.1 compiled from source in
/// process (default driver set), as <c>probesim diff ROOT --arch arm64 --a v4.12-rc1 --b v4.12</c> runs it: each board
/// compiled once, booted under both profiles, compared, causes found for the changed devices. Baseline = one plain
/// <c>probesim corpus boot ROOT --arch arm64 --profile v4.12</c> of the same corpus (compile and boot once); the Ratio
/// column of the diff row is the diff's time over it. Both start from a cold source cache, as a command does.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class CorpusDiffBenchmark
{
    private string _root = "";

    [GlobalSetup]
    public void Setup() => _root = BenchPaths.Corpus("v7.1");

    private static BootOptions Options(string profile) => new() { Profile = profile, RecordNotifiers = false };

    [Benchmark(Baseline = true, Description = "corpus boot v4.12: compile + boot every arm64 board, 2 threads")]
    public int CorpusBoot()
    {
        var devices = 0;
        ProbeSim.Kernel.Boot.CorpusBoot.Run(ProbeSim.Kernel.Boot.CorpusBoot.FromKernelTree(_root, "arm64"), Options("v4.12"), Environment.ProcessorCount,
            (_, r) => Interlocked.Add(ref devices, r.Devices.Count), (_, _) => { });
        return devices;
    }

    [Benchmark(Description = "diff v4.12-rc1 vs v4.12: compile once, boot twice, compare, 2 threads")]
    public int Diff()
    {
        var boards = ProbeSim.Kernel.Boot.CorpusBoot.FromKernelTree(_root, "arm64");
        DiffSide Side(string name, string profile) => new(name, new DiffSideInfo(profile, profile, "default", null, "", _root + " (arm64)"), Options(profile), boards);
        var result = CorpusDiffRunner.Run(CorpusDiffPlan.Make(Side("a", "v4.12-rc1"), Side("b", "v4.12"), Shard.Whole), Environment.ProcessorCount);
        return result.ChangedDevices;
    }
}
