using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ProbeSim.DeviceTree.Corpus;
using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Benchmarks;

/// <summary>
/// Issue 4: the cost of the IOMMU/DMA model on a whole corpus boot (1526 arm64 boards, Debian 6.1 driver set, profile v6.1,
/// trees already loaded). Baseline = the boot with DMA configuration and the IOMMU model off; the Ratio column of the
/// other row is the cost with the model on.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class CorpusIommuBenchmark
{
    private readonly List<(string Name, DtTree Tree)> _trees = new();
    private BootOptions _on = new(), _off = new();

    [GlobalSetup]
    public void Setup()
    {
        var root = BenchPaths.Corpus("v7.1");
        var kernel = new KernelDriverTables(Path.Combine(BenchPaths.Shared, "kernels", "debian-bookworm-arm64"));
        _on = new BootOptions { Profile = "v6.1", Drivers = kernel, RecordNotifiers = false };
        _off = _on with { DmaModel = false };
        var dtbDir = Path.Combine(root, "dtb", "arm64");
        foreach (var b in KernelDtsTree.Boards(root, "arm64", includeOverlays: false))
        {
            var rel = b.OutputRelativePath;
            _trees.Add((rel, ProbeSim.DeviceTree.Binary.FdtReader.Read(File.ReadAllBytes(Path.Combine(dtbDir, rel)), rel)));
        }
    }

    private int Run(BootOptions options)
    {
        var devices = 0;
        Parallel.ForEach(_trees, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            t => Interlocked.Add(ref devices, options.Boot(t.Tree, t.Name).Devices.Count));
        return devices;
    }

    [Benchmark(Baseline = true, Description = "corpus boot, IOMMU/DMA model off")]
    public int Off() => Run(_off);

    [Benchmark(Description = "corpus boot, IOMMU/DMA model on")]
    public int On() => Run(_on);
}
