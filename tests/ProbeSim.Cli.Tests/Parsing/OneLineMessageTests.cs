namespace ProbeSim.Cli.Tests.Parsing;

/// <summary>
/// Issue 15: every error is one line. Found by the fuzzing harness (docs/fuzzing.md): a value holding a newline was
/// echoed into the message, and diff merge's reader errors had no <c>error:</c> and ran on over System.Text.Json's text.
/// </summary>
public class OneLineMessageTests
{
    [Fact]
    public void A_newline_in_a_quoted_value_is_written_as_an_escape()
    {
        var r = CliRunner.Run("boot", "--dot", "a\nb.json", "--dot", "a\nb.json");
        Assert.Equal(1, r.ExitCode);
        var lines = r.Err.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("probesim: boot: --dot is given more than once ('a\\nb.json'", lines[0]);
        Assert.Equal("see 'probesim boot --help'", lines[1]);
    }

    [Theory]
    [InlineData("a\tb", "a\\tb")]
    [InlineData("x\r\ny", "x\\r\\ny")]
    [InlineData("esc\u001b[31m", "esc\\x1b[31m")]
    [InlineData("plain: text", "plain: text")]
    public void Control_characters_become_c_escapes(string text, string expected) => Assert.Equal(expected, OneLine.Of(text));

    [Fact]
    public void Diff_merge_of_a_file_that_is_not_json_names_file_line_and_column()
    {
        var dir = Directory.CreateTempSubdirectory("probesim-merge-");
        try
        {
            var empty = Path.Combine(dir.FullName, "empty.json");
            File.WriteAllText(empty, "");
            var r = CliRunner.Run("diff", "merge", empty);
            Assert.Equal(2, r.ExitCode);
            var line = Assert.Single(r.Err.TrimEnd('\n').Split('\n'));
            Assert.StartsWith(empty + ":1:1: error: not JSON: ", line);
            Assert.DoesNotContain("LineNumber", line);

            var open = Path.Combine(dir.FullName, "open.json");
            File.WriteAllText(open, "{\n  \"schema\": ");
            r = CliRunner.Run("diff", "merge", open);
            Assert.Equal(2, r.ExitCode);
            Assert.Matches(@"^" + System.Text.RegularExpressions.Regex.Escape(open) + @":2:\d+: error: not JSON: \S", r.Err.TrimEnd('\n'));
        }
        finally { dir.Delete(true); }
    }
}

/// <summary>Found by the fuzzing harness: a global flag given twice with values next to --help was an internal error.</summary>
public class GlobalFlagTwiceTests
{
    [Fact]
    public void Help_with_a_global_flag_given_twice_is_not_an_internal_error()
    {
        var r = CliRunner.Run("diff", "-h", "--verbose", "false", "--verbose", "false");
        Assert.NotEqual(70, r.ExitCode);
        Assert.DoesNotContain("internal error", r.Err);
    }

    [Fact]
    public void A_global_flag_given_twice_is_one_usage_line()
    {
        var r = CliRunner.Run("profiles", "--verbose", "false", "--verbose", "true");
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("probesim: ", r.Err);
        Assert.DoesNotContain("internal error", r.Err);
    }
}
