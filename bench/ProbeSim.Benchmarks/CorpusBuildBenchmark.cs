using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ProbeSim.DeviceTree.Corpus;

namespace ProbeSim.Benchmarks;

/// <summary>
/// Issue 2's goal: building the whole arm64 corpus in process, against system cpp + dtc run board after board
/// (the kernel's own commands). The Ratio column is the in-process time over the cpp + dtc time.
/// Set PROBESIM_DTC to pick a dtc (default: dtc on PATH; Debian's 1.6.1 rejects the 8 boards that use &amp;{label/path}
/// and stops early on them, so with it the baseline does slightly less work than the in-process row).
/// Measured 2026-12-08 on the shared 2-core machine with Debian's dtc 1.6.1: Ratio 0.12 (8.3x; 10.98 s against 91.07 s,
/// load 28 to 18), the same ratio as before the front end's allocation changes (0.12; 8.07 s against 71.09 s, load 13
/// to 10); a last run gave 0.22 (14.60 s against 71.69 s with a 22.9 s deviation, load 16.5 to 7.9). Under that load the two threads of the in-process row get little more than one core, so the ratio is
/// about the CPU-time ratio; the 15x is not shown. Figures and profile: docs/performance.md.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class CorpusBuildBenchmark
{
    private IReadOnlyList<BoardSource> _boards = Array.Empty<BoardSource>();
    private string _root = "";

    [GlobalSetup]
    public void Setup()
    {
        _root = BenchPaths.Corpus("v7.1");
        _boards = KernelDtsTree.Boards(_root, "arm64", includeOverlays: false);
    }

    [Benchmark(Description = "ProbeSim in process, 2 threads")]
    public int InProcess()
    {
        // a fresh builder each time: header parsing is shared between boards, never between runs
        var failed = 0;
        new CorpusBuilder(_root).BuildAll(_boards, Environment.ProcessorCount, consume: r => { if (!r.Succeeded) Interlocked.Increment(ref failed); });
        return failed;
    }

    [Benchmark(Baseline = true, Description = "cpp + dtc, one board after the other")]
    public int CppAndDtc()
    {
        var dtc = Environment.GetEnvironmentVariable("PROBESIM_DTC") ?? "dtc";
        var failed = 0;
        foreach (var b in _boards)
        {
            var dir = Path.GetDirectoryName(b.Path)!;
            var cmd = $"cpp -nostdinc -I '{_root}/include' -I '{dir}' -I '{_root}/src' -undef -D__DTS__ -x assembler-with-cpp '{b.Path}' | '{dtc}' -q -O dtb -b 0 -i '{dir}' -o /dev/null -";
            using var p = Process.Start(new ProcessStartInfo("sh", new[] { "-c", cmd }) { RedirectStandardError = true })!;
            p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) failed++;
        }
        return failed;
    }
}
