using ProbeSim.Fuzz.Core;

namespace ProbeSim.Fuzz.Tests;

/// <summary>
/// The harness sees every way an input can end badly: fake targets (<c>--target fake-NAME</c>) fail on inputs 2 and 7
/// (index 2 modulo 5) and succeed on the others; the run must report exactly those two, with the right outcome, and
/// still run all eight inputs (a dead or stopped worker is replaced after the input it died on).
/// </summary>
public class DetectionTests
{
    [Theory]
    [InlineData("fake-throw", "exception")]
    [InlineData("fake-internal", "internal-error")]
    [InlineData("fake-hang", "hang")]
    [InlineData("fake-block", "hang")]
    [InlineData("fake-abort", "crash")]
    [InlineData("fake-stackoverflow", "crash")]
    [InlineData("fake-alloc", "memory")]
    [InlineData("fake-rss", "memory")]
    [InlineData("fake-multiline", "unformatted-message")]
    [InlineData("fake-exit", "bad-exit")]
    [InlineData("fake-overwrite", "input-modified")]
    [InlineData("fake-silent", "silent-error")]
    public void EachFailureClass_IsReported_OnTheInputThatFailed(string target, string outcome)
    {
        var r = HarnessProcess.Run(TimeSpan.FromMinutes(3), "--inputs", "8", "--seed", "3", "--jobs", "1", "--target", target,
            "--timeout", "2", "--wall-timeout", "8", "--memory", "200");
        Assert.True(r.Summary is not null, r.Stderr);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal(8, r.Summary!.RootElement.GetProperty("inputs").GetInt64());
        Assert.Equal([("3:2", outcome), ("3:7", outcome)], r.Failures());
        Assert.Equal(6, r.Outcome("ok"));
    }

    [Fact]
    public void NothingFails_ExitZero()
    {
        var r = HarnessProcess.Run(TimeSpan.FromMinutes(2), "--inputs", "12", "--jobs", "2", "--target", "fake-ok");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(12, r.Outcome("ok"));
    }

    [Fact]
    public void Oracle_AcceptsCleanEnds()
    {
        var none = new Dictionary<string, string?>();
        Assert.Equal(Outcome.Ok, Oracle.Judge(["boot"], 0, "", 1, none, none).Outcome);
        Assert.Equal(Outcome.Ok, Oracle.Judge(["boot", "b.dts"], 2, "b.dts:3:5: error: syntax error\nb.dts:4:1: error: another\n", 1, none, none).Outcome);
        Assert.Equal(Outcome.Ok, Oracle.Judge(["boot", "b.dtb"], 2, "b.dtb: error: at byte offset 8 (0x8): bad magic\n", 1, none, none).Outcome);
        Assert.Equal(Outcome.Ok, Oracle.Judge(["boot"], 1, "probesim: --kernel: no such directory\n", 1, none, none).Outcome);
        Assert.Equal(Outcome.Ok, Oracle.Judge(["check"], 3, "", 1, none, none).Outcome);
    }

    [Fact]
    public void Oracle_RejectsUncleanEnds()
    {
        var none = new Dictionary<string, string?>();
        Assert.Equal(Outcome.InternalError, Oracle.Judge(["boot"], 70, "probesim: internal error: X: y\n", 1, none, none).Outcome);
        Assert.Equal(Outcome.BadExit, Oracle.Judge(["boot"], 134, "", 1, none, none).Outcome);
        Assert.Equal(Outcome.SilentError, Oracle.Judge(["boot"], 2, "\n", 1, none, none).Outcome);
        Assert.Equal(Outcome.Unformatted, Oracle.Judge(["boot"], 1, "Unrecognized command or argument 'x'.\n", 1, none, none).Outcome);
        Assert.Equal(Outcome.Unformatted, Oracle.Judge(["boot"], 2, "b.yaml:1:1: error: bad\n  continued here\n", 1, none, none).Outcome);
        var before = new Dictionary<string, string?> { ["b.dts"] = "AA" };
        var after = new Dictionary<string, string?> { ["b.dts"] = "BB" };
        Assert.Equal(Outcome.InputModified, Oracle.Judge(["boot"], 0, "", 1, before, after).Outcome);
    }

    [Fact]
    public void Signatures_GroupWhatVaries()
    {
        Assert.Equal(
            Signatures.Of(Outcome.InternalError, "boot", "probesim: internal error: X: bad value 12 at '/soc/a'"),
            Signatures.Of(Outcome.InternalError, "boot", "probesim: internal error: X: bad value 99 at '/b'"));
        Assert.Equal("corpus build", Signatures.Command(["-q", "corpus", "build", "x"]));
        Assert.Equal("(root)", Signatures.Command(["--nope"]));
    }
}
