using ProbeSim.DeviceTree.Tests;

namespace ProbeSim.Cli.Tests;

public class GlobalOptionTests
{
    static string Sample => Path.Combine(TestPaths.RepoRoot, "samples", "boards", "probesim-demo.dts");

    [Fact]
    public void Version_is_the_package_version_of_the_project()
    {
        // ProbeSim.Cli.csproj: <Version>0.1.0</Version>, no informational version of its own
        var r = CliRunner.Run("--version");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("probesim 0.1.0\n", r.Out.ReplaceLineEndings("\n"));
        Assert.Equal("", r.Err);
    }

    [Theory]
    [InlineData("0.1.0", "0.1.0", "probesim 0.1.0")]
    [InlineData("0.1.0", "", "probesim 0.1.0")]
    [InlineData("0.2.0", "0.2.0-rc1+abc123", "probesim 0.2.0 (0.2.0-rc1+abc123)")]
    public void Version_text_adds_a_different_informational_version(string version, string informational, string expected) =>
        Assert.Equal(expected, VersionAction.Text(version, informational));

    [Fact]
    public void Quiet_boot_prints_the_table_without_the_heading_line()
    {
        var r = CliRunner.Run("boot", Sample, "--quiet");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("NAME ", r.Out);
        Assert.DoesNotContain("profile v6.6, drivers default", r.Out);
        Assert.DoesNotContain("--all lists them", r.Out);
        Assert.Equal("", r.Err);
    }

    [Fact]
    public void Verbose_boot_says_what_it_resolved_on_standard_error_only()
    {
        var plain = CliRunner.Run("boot", Sample, "--profile", "v6.1", "--set", "fw_devlink=permissive");
        var r = CliRunner.Run("boot", Sample, "--profile", "v6.1", "--set", "fw_devlink=permissive", "-v");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(plain.Out, r.Out);
        Assert.Contains("probesim: profile v6.1", r.Err);
        Assert.Contains("probesim: driver set default", r.Err);
        Assert.Contains("probesim:   fw_devlink = permissive   (--set)", r.Err);
        Assert.Contains("probesim: booted in ", r.Err);
    }

    [Fact]
    public void Global_options_go_anywhere_on_the_line()
    {
        Assert.Equal(CliRunner.Run("boot", Sample, "-q").Out, CliRunner.Run("-q", "boot", Sample).Out);
        Assert.Equal(0, CliRunner.Run("profiles", "--verbose").ExitCode);
    }

    [Fact]
    public void Quiet_and_verbose_together_are_a_usage_error()
    {
        var r = CliRunner.Run("boot", Sample, "-q", "-v");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("", r.Out);
        Assert.Contains("--quiet and --verbose cannot be used together", r.Err);
    }

    [Fact]
    public void Quiet_dtc_drops_warnings_but_not_errors()
    {
        var dir = TestPaths.NewTempDir();
        var warn = Path.Combine(dir, "warn.dts");
        File.WriteAllText(warn, "#warning careful\n/dts-v1/;\n/ { };\n");
        var loud = CliRunner.Run("dtc", "--preprocess", warn);
        Assert.Equal(0, loud.ExitCode);
        Assert.Contains("warning: #warning careful", loud.Err);
        var quiet = CliRunner.Run("dtc", "-q", "--preprocess", warn);
        Assert.Equal(0, quiet.ExitCode);
        Assert.Equal("", quiet.Err);
        Assert.Equal(loud.Out, quiet.Out);

        var broken = Path.Combine(dir, "broken.dts");
        File.WriteAllText(broken, "/dts-v1/;\n/ { x = <&nowhere>; };\n");
        var failed = CliRunner.Run("dtc", "-q", broken);
        Assert.Equal(2, failed.ExitCode);
        Assert.Contains("broken.dts:2:5: error: Reference to non-existent node or label \"nowhere\"", failed.Err);
    }

    [Fact]
    public void Corpus_build_summary_has_no_timing_and_quiet_drops_it()
    {
        var root = TestPaths.NewTempDir();
        var board = Path.Combine(root, "src", "arm64", "v");
        Directory.CreateDirectory(board);
        File.WriteAllText(Path.Combine(board, "b.dts"), "/dts-v1/;\n/ { };\n");
        var r = CliRunner.Run("corpus", "build", root, "--arch", "arm64", "-o", Path.Combine(root, "out"));
        Assert.Equal("1 boards, 0 overlays, 0 failed\n", r.Out.ReplaceLineEndings("\n"));
        var q = CliRunner.Run("corpus", "build", root, "--arch", "arm64", "-o", Path.Combine(root, "out"), "-q");
        Assert.Equal(0, q.ExitCode);
        Assert.Equal("", q.Out);
        var v = CliRunner.Run("corpus", "build", root, "--arch", "arm64", "-o", Path.Combine(root, "out"), "-v");
        Assert.Contains("probesim: 1 sources compiled in ", v.Err);
    }
}
