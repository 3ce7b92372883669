using ProbeSim.DeviceTree.Tests;

namespace ProbeSim.Cli.Tests;

/// <summary>Every command returns the documented exit codes (docs/exit-codes.md), with a message and never a stack trace.</summary>
public class ExitCodeTests
{
    static string Sample => Path.Combine(TestPaths.RepoRoot, "samples", "boards", "probesim-demo.dts");

    private static string BrokenDts()
    {
        var f = Path.Combine(TestPaths.NewTempDir(), "broken.dts");
        File.WriteAllText(f, "/dts-v1/;\n/ { x = <&nowhere>; };\n");
        return f;
    }

    private static void Check(int expected, params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.True(expected == r.ExitCode, $"probesim {string.Join(' ', args)}: exit {r.ExitCode}, expected {expected}\n{r.Err}");
        Assert.DoesNotContain("   at ", r.Err);
        Assert.DoesNotContain("Exception", r.Err);
        if (expected != 0) Assert.NotEqual("", r.Err.Trim());
    }

    [Fact]
    public void Success_is_zero()
    {
        Check(0, "boot", Sample);
        Check(0, "profiles");
        Check(0, "--version");
        Check(0, "--help");
        Check(0, "completion", "bash");
    }

    [Fact]
    public void Usage_errors_are_one()
    {
        Check(1);                                                  // no command
        Check(1, "nosuchcommand");
        Check(1, "boot", Sample, "--profile");                     // option without its value
        Check(1, "boot", Sample, "--profile", "v9.9");             // unknown profile
        Check(1, "boot", Sample, "--log-level", "loud");
        Check(1, "boot", Sample, "--set", "nonsense");
        Check(1, "dtc");                                           // INPUT missing
        Check(1, "dtc", "-I", "xml", Sample);
        Check(1, "fdtoverlay", "-i", Sample);                      // -o and OVERLAY missing
        Check(1, "corpus", "boot");                                // neither ROOT --arch nor --dtb-dir
        Check(1, "corpus", "build", "/tmp");                       // --arch and -o missing
        Check(1, "profiles", "v0.1");
        Check(1, "completion");
        Check(1, "-q", "-v", "profiles");
    }

    [Fact]
    public void Io_errors_are_one()
    {
        Check(1, "boot", "/nonexistent/board.dts");
        Check(1, "dtc", "/nonexistent/board.dts");
        Check(1, "fdtoverlay", "-i", "/nonexistent/base.dtb", "-o", Path.Combine(TestPaths.NewTempDir(), "o.dtb"), "/nonexistent/o.dtbo");
        Check(1, "corpus", "build", "/nonexistent", "--arch", "arm64", "-o", TestPaths.NewTempDir());
        Check(1, "corpus", "boot", "--dtb-dir", "/nonexistent");
        Check(1, "boot", Sample, "--drivers", "/nonexistent/s.yaml");
    }

    [Fact]
    public void Input_errors_are_two()
    {
        var broken = BrokenDts();
        Check(2, "boot", broken);
        Check(2, "dtc", broken);
        Check(2, "fdtoverlay", "-i", Sample, "-o", Path.Combine(TestPaths.NewTempDir(), "o.dtb"), broken);
        var dtbDir = TestPaths.NewTempDir();
        File.WriteAllBytes(Path.Combine(dtbDir, "bad.dtb"), [0xd0, 0x0d, 0xfe, 0xed, 0, 0, 0, 8]);
        Check(2, "corpus", "boot", "--dtb-dir", dtbDir);
    }

    [Fact]
    public void The_documented_values()
    {
        Assert.Equal(0, ExitCodes.Ok);
        Assert.Equal(1, ExitCodes.UsageOrIo);
        Assert.Equal(2, ExitCodes.InputErrors);
        Assert.Equal(3, ExitCodes.InvariantBroken);
        Assert.Equal(70, ExitCodes.InternalError);
    }

    [Fact]
    public void An_unexpected_exception_is_one_line_and_exit_70()
    {
        var err = new StringWriter();
        var code = InternalError.Report(err, new AggregateException(new InvalidOperationException("boom\nsecond line")));
        Assert.Equal(70, code);
        var lines = err.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal("probesim: internal error: InvalidOperationException: boom second line", lines[0]);
        Assert.Equal(2, lines.Length);
    }
}
