using ProbeSim.Reports.Graph;

namespace ProbeSim.Reports.Tests.Graph;

public class DotSyntaxTests
{
    [Theory]
    [InlineData("platform:soc", "\"platform:soc\"")]
    [InlineData("a\"b", "\"a\\\"b\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("\\N", "\"\\\\N\"")]
    [InlineData("two\nlines\ttab", "\"two lines tab\"")]
    [InlineData("", "\"\"")]
    [InlineData("node", "\"node\"")]
    public void Quote_escapes_what_would_end_the_string_or_start_an_escape(string text, string expected) =>
        Assert.Equal(expected, DotSyntax.Quote(text));

    [Fact]
    public void Lines_are_joined_with_dot_newlines_and_left_lines_end_in_backslash_l()
    {
        Assert.Equal("\"a\\nb\\\"c\"", DotSyntax.Lines(["a", "b\"c"]));
        Assert.Equal("\"a\\lb\\l\"", DotSyntax.LeftLines(["a", "b"]));
    }
}
