using ProbeSim.Cli.Completion;

namespace ProbeSim.Cli.Tests;

/// <summary>The <c>[suggest:POSITION]</c> directive the completion scripts call, and the scripts themselves.</summary>
public class CompletionTests
{
    private static IReadOnlyList<string> Suggest(string line) =>
        CliRunner.Run($"[suggest:{line.Length}]", line).Out.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void A_command_name_is_completed()
    {
        Assert.Contains("boot", Suggest("probesim bo"));
        Assert.DoesNotContain("dtc", Suggest("probesim bo"));
        Assert.Contains("completion", Suggest("probesim comp"));
    }

    [Fact]
    public void Options_of_the_command_and_the_global_ones_are_completed()
    {
        var s = Suggest("probesim boot --");
        foreach (var o in new[] { "--tree", "--dot", "--json", "--profile", "--quiet", "--verbose" }) Assert.Contains(o, s);
    }

    [Fact]
    public void Subcommands_of_corpus_and_shells_of_completion_are_completed()
    {
        Assert.Equal(["boot", "build"], Suggest("probesim corpus b").Where(x => !x.StartsWith('-')));
        Assert.Contains("bash", Suggest("probesim completion "));
        Assert.Contains("powershell", Suggest("probesim completion "));
    }

    [Fact]
    public void Option_values_with_a_fixed_set_are_completed()
    {
        var profiles = Suggest("probesim boot --profile v6.1");
        Assert.Contains("v6.1", profiles);
        Assert.Contains("v6.12", profiles);
        Assert.Contains("v6.18", profiles);
        Assert.DoesNotContain("v5.10", profiles);
        Assert.Equal(["debug", "err", "info", "notice", "warn"], Suggest("probesim boot --log-level "));
        Assert.Equal(["arm", "arm64", "x86_64"], Suggest("probesim boot --arch "));
    }

    [Fact]
    public void The_cursor_position_picks_the_word()
    {
        // cursor after "probesim bo" in a longer line
        var r = CliRunner.Run("[suggest:11]", "probesim bo --tree");
        Assert.Contains("boot", r.Out.ReplaceLineEndings("\n").Split('\n'));
    }

    [Theory]
    [InlineData("bash", "complete -o default -F _probesim_complete probesim")]
    [InlineData("zsh", "compdef _probesim probesim")]
    [InlineData("fish", "complete -c probesim -f -a '(__probesim_complete)'")]
    [InlineData("powershell", "Register-ArgumentCompleter -Native -CommandName probesim")]
    public void Every_shell_gets_a_script_that_asks_the_suggest_directive(string shell, string registration)
    {
        var r = CliRunner.Run("completion", shell);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains(registration, r.Out);
        Assert.Contains("[suggest:", r.Out);
        Assert.DoesNotContain('\r', r.Out);
        Assert.EndsWith("\n", r.Out);
        Assert.Equal(CompletionScripts.For(shell)!.ReplaceLineEndings("\n"), r.Out);
    }

    [Fact]
    public void An_unknown_shell_is_a_usage_error()
    {
        var r = CliRunner.Run("completion", "tcsh");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("tcsh", r.Err);
    }
}
