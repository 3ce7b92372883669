using ProbeSim.DeviceTree.Tests;

namespace ProbeSim.Cli.Tests;

public class CorpusAndOverlayCommandTests
{
    private static string MakeTree(bool withBroken)
    {
        var root = TestPaths.NewTempDir();
        var board = Path.Combine(root, "src", "arm64", "vendor");
        Directory.CreateDirectory(board);
        Directory.CreateDirectory(Path.Combine(root, "include", "dt-bindings"));
        File.WriteAllText(Path.Combine(root, "include", "dt-bindings", "irq.h"), "#define IRQ_HIGH 4\n");
        File.WriteAllText(Path.Combine(board, "soc.dtsi"), "/ { soc: soc { irq = <IRQ_HIGH>; }; };\n");
        File.WriteAllText(Path.Combine(board, "good.dts"), "/dts-v1/;\n#include <dt-bindings/irq.h>\n#include \"soc.dtsi\"\n&soc { status = \"okay\"; };\n");
        File.WriteAllText(Path.Combine(board, "good-extra.dtso"), "/dts-v1/;\n/plugin/;\n&soc { extra; };\n");
        if (withBroken) File.WriteAllText(Path.Combine(board, "broken.dts"), "/dts-v1/;\n/ { x = <&nowhere>; };\n");
        return root;
    }

    [Fact]
    public void Corpus_build_writes_every_blob_and_a_summary()
    {
        var root = MakeTree(withBroken: false);
        var outDir = Path.Combine(root, "out");
        var r = CliRunner.Run("corpus", "build", root, "--arch", "arm64", "-o", outDir, "--jobs", "2");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("1 boards, 1 overlays, 0 failed", r.Out);
        Assert.True(File.Exists(Path.Combine(outDir, "vendor", "good.dtb")));
        Assert.True(File.Exists(Path.Combine(outDir, "vendor", "good-extra.dtbo")));
    }

    [Fact]
    public void Corpus_build_reports_each_failure_and_exits_non_zero()
    {
        var root = MakeTree(withBroken: true);
        var r = CliRunner.Run("corpus", "build", root, "--arch", "arm64", "-o", Path.Combine(root, "out"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("2 boards, 1 overlays, 1 failed", r.Out);
        Assert.Contains("FAILED vendor/broken.dts", r.Err);
        Assert.Contains("broken.dts:2:5: error: Reference to non-existent node or label \"nowhere\"", r.Err);
    }

    [Fact]
    public void Fdtoverlay_applies_a_compiled_overlay()
    {
        var (root, baseDts, overlay) = OverlayFixture();
        var merged = Path.Combine(root, "merged.dtb");
        var r = CliRunner.Run("fdtoverlay", "-i", baseDts, "-o", merged, overlay);
        Assert.Equal(0, r.ExitCode);
        var dts = CliRunner.Run("dtc", merged).Out;
        Assert.Contains("extra;", dts);
    }

    // dtc util.c utilfdt_write_err: the name "-" means standard output (fd 1), not a file named "-"
    [Fact]
    public void Fdtoverlay_output_dash_is_standard_output()
    {
        var (_, baseDts, overlay) = OverlayFixture();
        var cwd = Directory.GetCurrentDirectory();
        var r = CliRunner.Run("fdtoverlay", "-i", baseDts, "-o", "-", overlay);
        Assert.Equal(0, r.ExitCode);
        Assert.False(File.Exists(Path.Combine(cwd, "-")));
        var bytes = System.Text.Encoding.Latin1.GetBytes(r.Out);
        Assert.Equal(new byte[] { 0xd0, 0x0d, 0xfe, 0xed }, bytes[..4]);
        Assert.Equal(bytes.Length, (bytes[4] << 24) | (bytes[5] << 16) | (bytes[6] << 8) | bytes[7]);
    }

    // a base tree and the overlay corpus build compiles from the vendor tree
    private static (string Root, string BaseDts, string Overlay) OverlayFixture()
    {
        var root = MakeTree(withBroken: false);
        var outDir = Path.Combine(root, "out");
        Assert.Equal(0, CliRunner.Run("corpus", "build", root, "--arch", "arm64", "-o", outDir).ExitCode);
        var baseDts = Path.Combine(root, "base.dts");
        File.WriteAllText(baseDts, "/dts-v1/;\n/ { soc: soc { }; };\n");
        return (root, baseDts, Path.Combine(outDir, "vendor", "good-extra.dtbo"));
    }
}
