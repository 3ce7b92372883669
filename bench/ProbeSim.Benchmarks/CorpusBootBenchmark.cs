using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ProbeSim.DeviceTree;
using ProbeSim.DeviceTree.Corpus;
using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Benchmarks;

/// <summary>
/// Issue 3's goal: simulating the boot of every arm64 board (Debian 6.1 driver set, profile v6.1, trees already loaded)
/// costs no more than building the same boards from source in process. Baseline = the corpus build; the Ratio column
/// of the boot row is boot time over build time. Issue 16's goal is the third row: the whole corpus from source
/// (preprocess, parse, write and read the blob, boot) at no more than 2.3 ms per board per core
/// (ms per board per core = mean time x threads / boards; the setup line prints the board count).
/// Measured 2026-12-08 on the shared 2-core machine at load 18 to 22: build 11.97 s, boot 5.29 s (Ratio 0.44),
/// from source 17.31 s (Ratio 1.45), i.e. 22.7 ms per board per core of wall time; the single-threaded CPU time of the
/// same work is about 6.2 ms per board (docs/performance.md). The 2.3 ms target is not met.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class CorpusBootBenchmark
{
    private IReadOnlyList<BoardSource> _boards = Array.Empty<BoardSource>();
    private readonly List<(string Name, DtTree Tree)> _trees = new();
    private string _root = "";
    private BootOptions _options = new();

    [GlobalSetup]
    public void Setup()
    {
        _root = BenchPaths.Corpus("v7.1");
        _boards = KernelDtsTree.Boards(_root, "arm64", includeOverlays: false);
        Console.WriteLine($"// boards: {_boards.Count}, threads: {Environment.ProcessorCount}");
        var kernel = new KernelDriverTables(Path.Combine(BenchPaths.Shared, "kernels", "debian-bookworm-arm64"));
        _options = new BootOptions { Profile = "v6.1", Drivers = kernel, RecordNotifiers = false };
        var dtbDir = Path.Combine(_root, "dtb", "arm64");
        foreach (var b in _boards)
        {
            var rel = b.OutputRelativePath;
            var path = Path.Combine(dtbDir, rel);
            _trees.Add((rel, ProbeSim.DeviceTree.Binary.FdtReader.Read(File.ReadAllBytes(path), rel)));
        }
    }

    [Benchmark(Baseline = true, Description = "corpus build: DTS -> DTB in process, 2 threads")]
    public int Build()
    {
        var failed = 0;
        new CorpusBuilder(_root).BuildAll(_boards, Environment.ProcessorCount, consume: r => { if (!r.Succeeded) Interlocked.Increment(ref failed); });
        return failed;
    }

    [Benchmark(Description = "corpus boot: simulate every board, 2 threads")]
    public int Boot()
    {
        var devices = 0;
        Parallel.ForEach(_trees, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            t => Interlocked.Add(ref devices, _options.Boot(t.Tree, t.Name).Devices.Count));
        return devices;
    }

    [Benchmark(Description = "corpus from source: preprocess, parse, boot every board, 2 threads")]
    public int FromSource()
    {
        var devices = 0;
        new CorpusBuilder(_root).BuildAll(_boards, Environment.ProcessorCount, consume: r =>
        {
            if (r.Blob is null) return;
            var tree = ProbeSim.DeviceTree.Binary.FdtReader.Read(r.Blob, r.Board.OutputRelativePath);
            Interlocked.Add(ref devices, _options.Boot(tree, r.Board.OutputRelativePath).Devices.Count);
        });
        return devices;
    }
}
