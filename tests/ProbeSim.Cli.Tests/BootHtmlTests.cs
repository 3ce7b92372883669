using ProbeSim.DeviceTree.Tests;

namespace ProbeSim.Cli.Tests;

/// <summary><c>probesim boot --html FILE</c>: the self-contained report (docs/html-report.md).</summary>
public class BootHtmlTests
{
    static string Sample => Path.Combine(TestPaths.RepoRoot, "samples", "boards", "probesim-demo.dts");

    [Fact]
    public void Writes_the_report_and_still_prints_the_table()
    {
        var file = Path.Combine(TestPaths.NewTempDir(), "report.html");
        var r = CliRunner.Run("boot", Sample, "--html", file);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("12000000.iommu", r.Out);
        var html = File.ReadAllText(file);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<title>probesim-demo.dts: boot under v6.6</title>", html);
        Assert.Contains("\"explained\":true", html);
    }

    [Fact]
    public void Same_board_same_bytes()
    {
        var dir = TestPaths.NewTempDir();
        string a = Path.Combine(dir, "a.html"), b = Path.Combine(dir, "b.html");
        Assert.Equal(0, CliRunner.Run("boot", Sample, "--html", a).ExitCode);
        Assert.Equal(0, CliRunner.Run("boot", Sample, "--html", b).ExitCode);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }
}
