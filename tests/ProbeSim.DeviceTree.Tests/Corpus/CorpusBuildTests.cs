using ProbeSim.DeviceTree.Binary;
using ProbeSim.DeviceTree.Corpus;
using ProbeSim.DeviceTree.Source;
using ProbeSim.DeviceTree.Source.Writer;
using Xunit.Abstractions;

namespace ProbeSim.DeviceTree.Tests.Corpus;

/// <summary>The real kernel trees in ../shared/corpus: what dtc 1.8.1 made, we make.</summary>
public class CorpusBuildTests
{
    private readonly ITestOutputHelper _out;

    public CorpusBuildTests(ITestOutputHelper output) => _out = output;

    private static string V71 => TestPaths.Corpus("v7.1");

    [Fact]
    public void Every_arm64_board_of_v7_1_is_byte_identical_to_dtc_1_8_1()
    {
        var boards = KernelDtsTree.Boards(V71, "arm64", includeOverlays: false);
        Assert.Equal(1526, boards.Count);
        var builder = new CorpusBuilder(V71);
        var mismatches = new System.Collections.Concurrent.ConcurrentBag<string>();
        builder.BuildAll(boards, Environment.ProcessorCount, consume: r =>
        {
            if (r.Blob is null)
            {
                mismatches.Add($"{r.Board.RelativePath}: {string.Join("; ", r.Diagnostics)}");
                return;
            }
            var expected = File.ReadAllBytes(Path.Combine(V71, "dtb", "arm64", r.Board.OutputRelativePath));
            if (!expected.AsSpan().SequenceEqual(r.Blob)) mismatches.Add(r.Board.RelativePath + ": bytes differ");
        });
        Assert.Empty(mismatches.OrderBy(m => m, StringComparer.Ordinal).Take(20));
    }

    [Theory]
    [InlineData("v7.1", "arm64")] // the 229 overlays (.dtso, built with -@)
    [InlineData("v7.1", "arm")]
    [InlineData("v7.1", "riscv")]
    [InlineData("v4.12", "arm64")]
    [InlineData("v4.12", "arm")]
    public void Every_source_builds_without_error(string version, string arch)
    {
        var root = TestPaths.Corpus(version);
        var sources = KernelDtsTree.Boards(root, arch);
        if (arch == "arm64" && version == "v7.1") sources = sources.Where(s => s.IsOverlay).ToList();
        var results = new CorpusBuilder(root).BuildAll(sources, Environment.ProcessorCount, consume: _ => { });
        var failed = results.Where(r => !r.Succeeded).Select(r => $"{r.Board.RelativePath}: {string.Join("; ", r.Diagnostics)}").ToList();
        _out.WriteLine($"{version} {arch}: {sources.Count} sources, {failed.Count} failed");
        Assert.NotEmpty(sources);
        Assert.Empty(failed.Take(20));
    }

    [Fact]
    public void Every_arm64_blob_round_trips_through_dts()
    {
        var dtbs = Directory.GetFiles(Path.Combine(V71, "dtb", "arm64"), "*.dtb", SearchOption.AllDirectories);
        Assert.Equal(1526, dtbs.Length);
        var bad = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.ForEach(dtbs, f =>
        {
            var blob = File.ReadAllBytes(f);
            var tree = DtbSourceRecovery.Recover(FdtReader.Read(blob, f));
            var dts = DtsWriter.Write(tree);
            // the boot CPU lives in the blob header, not in the DTS: give it back as dtc -b would
            var back = DtsCompiler.Compile(dts, f + ".dts", new DtsCompileOptions { BootCpuId = tree.BootCpuIdPhys });
            if (!FdtWriter.Write(back.Tree).AsSpan().SequenceEqual(blob)) bad.Add(f);
        });
        Assert.Empty(bad.Take(20));
    }
}
