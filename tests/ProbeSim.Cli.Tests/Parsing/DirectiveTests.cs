namespace ProbeSim.Cli.Tests.Parsing;

/// <summary>A directive given twice (found by the fuzzing harness, 1:698255: <c>probesim '[suggest:4]' '[suggest:4]'</c>
/// ended in exit 70, "Sequence contains more than one element" inside System.CommandLine) is one line and exit 1.</summary>
public class DirectiveTests
{
    [Fact]
    public void A_repeated_directive_is_one_line_and_exit_1()
    {
        var r = CliRunner.Run("[suggest:4]", "[suggest:4]");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("probesim: the directive [suggest] is given more than once", r.Err.Trim());
    }

    [Fact]
    public void One_suggest_directive_still_completes()
    {
        var r = CliRunner.Run("[suggest:10]", "probesim b");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("boot", r.Out);
    }
}
