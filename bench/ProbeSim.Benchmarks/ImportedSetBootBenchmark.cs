using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Benchmarks;

/// <summary>
/// Issue 13: booting Debian 12's own 577 blobs (../shared/corpus/debian-6.1-arm64/dtb, trees already loaded, profile
/// debian-6.1, 2 threads) with the driver set imported from Debian's source and package (kernels/debian-6.1-arm64:
/// probe plans, children, early inits) costs at most 1.2× the boot with the old binary-derived tables
/// (../shared/kernels/debian-bookworm-arm64, generic probe). Baseline = the old tables; the Ratio column of the
/// imported row is the figure the issue bounds.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ImportedSetBootBenchmark
{
    private readonly List<(string Name, DtTree Tree)> _trees = new();
    private BootOptions _tables = new();
    private BootOptions _imported = new();

    [GlobalSetup]
    public void Setup()
    {
        var dir = Path.Combine(BenchPaths.Shared, "corpus", "debian-6.1-arm64", "dtb");
        foreach (var path in Directory.EnumerateFiles(dir, "*.dtb", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var rel = Path.GetRelativePath(dir, path);
            _trees.Add((rel, ProbeSim.DeviceTree.Binary.FdtReader.Read(File.ReadAllBytes(path), rel)));
        }
        var old = new KernelDriverTables(Path.Combine(BenchPaths.Shared, "kernels", "debian-bookworm-arm64"));
        var imported = new KernelDriverTables(Path.Combine(BenchPaths.RepoRoot, "kernels", "debian-6.1-arm64"));
        _tables = new BootOptions { Profile = "debian-6.1", Drivers = old, RecordNotifiers = false };
        _imported = new BootOptions { Profile = "debian-6.1", Drivers = imported, RecordNotifiers = false };
    }

    [Benchmark(Baseline = true, Description = "577 Debian 12 blobs, old binary tables (generic probe)")]
    public int Tables() => BootAll(_tables);

    [Benchmark(Description = "577 Debian 12 blobs, imported set (probe plans)")]
    public int Imported() => BootAll(_imported);

    private int BootAll(BootOptions options)
    {
        var devices = 0;
        Parallel.ForEach(_trees, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            t => Interlocked.Add(ref devices, options.Boot(t.Tree, t.Name).Devices.Count));
        return devices;
    }
}
