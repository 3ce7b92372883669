namespace ProbeSim.Cli.Tests.Parsing;

/// <summary><c>check --replay</c> on the command line: a string the run cannot follow is exit 1 and one line, never the default schedule.</summary>
public class ReplayOptionTests
{
    static string Sample => CliRunner.Repo("samples", "boards", "probesim-demo.dts");

    [Fact]
    public void The_replay_of_the_issue_is_past_the_end_of_the_sample_s_schedule()
    {
        var r = CliRunner.Run("check", Sample, "--replay", "99999:5");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("", r.Out);
        var lines = r.Err.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("probesim: --replay: position 99999 is past the end of the schedule (this run has ", lines[0]);
    }

    [Fact]
    public void An_option_out_of_range_names_the_choice_point()
    {
        var r = CliRunner.Run("check", Sample, "--replay", "0:9999");
        Assert.Equal(1, r.ExitCode);
        Assert.Matches(@"^probesim: --replay: option 9999 of choice point 0 \([a-z ]+\) is out of range \(\d+ options: 0 to \d+\)\n$", r.Err.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_replay_says_it_replayed_one_schedule_not_that_a_search_stopped()
    {
        var r = CliRunner.Run("check", Sample, "--replay", "default");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("explored 1 schedule(s) (replay default)", r.Out);
        Assert.Contains("no invariant broken in the replayed schedule", r.Out);
        Assert.DoesNotContain("stopped by the budget", r.Out);
    }
}
