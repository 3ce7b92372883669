using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Benchmarks;

/// <summary>
/// Loading a real kernel's driver tables (<c>--kernel ../shared/kernels/debian-bookworm-arm64</c>), which every boot
/// with <c>--kernel</c> pays once. The baseline reads the same files' bytes without parsing them, so the Ratio column
/// is what parsing and indexing cost on top of the I/O (this replaced a timed unit test).
/// </summary>
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 2, iterationCount: 5)]
[MemoryDiagnoser]
public class KernelTablesLoadBenchmark
{
    private string _dir = null!;
    private string[] _files = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(BenchPaths.Shared, "kernels", "debian-bookworm-arm64");
        _files = Directory.GetFiles(_dir, "*", SearchOption.AllDirectories);
    }

    [Benchmark(Baseline = true, Description = "read the table files")]
    public long ReadFiles()
    {
        long n = 0;
        foreach (var f in _files) n += File.ReadAllBytes(f).Length;
        return n;
    }

    [Benchmark(Description = "KernelDriverTables")]
    public int Load() => new KernelDriverTables(_dir).Drivers.Count;

    /// <summary>The imported Debian 6.1 set (kernels/debian-6.1-arm64: drivers, matches, plans, early inits), which
    /// <c>--kernel debian-6.1</c> loads instead of the binary tables.</summary>
    [Benchmark(Description = "KernelDriverTables, imported set")]
    public int LoadImported() => new KernelDriverTables(Path.Combine(BenchPaths.RepoRoot, "kernels", "debian-6.1-arm64")).Drivers.Count;
}
