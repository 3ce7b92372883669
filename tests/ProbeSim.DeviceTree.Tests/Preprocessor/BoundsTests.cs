using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Tests.Preprocessor;

/// <summary>
/// No source makes the preprocessor allocate, loop or recurse without bound: macro bombs, pasting and stringizing that
/// double a token, deep invocations and deep #if expressions each end in one located error (a watchdog fails a hang).
/// </summary>
public class BoundsTests
{
    private static string Repeat(string s, int n) => string.Concat(Enumerable.Repeat(s, n));

    private static Diagnostic ErrorOf(string text) =>
        Assert.Single(OnThread.Fails(() => Pp.Run(text)).Diagnostics);

    [Fact]
    public void An_exponential_macro_stops_at_the_expansion_budget()
    {
        var text = string.Concat(Enumerable.Range(1, 60).Select(i => $"#define a{i} a{i - 1} a{i - 1}\n")) + "#define a0 x\na60\n";
        var d = ErrorOf(text);
        Assert.Equal($"t.dts:62:1: error: macro expansion too large (more than {DeviceTreeLimits.MaxExpandedTokens} tokens for one file)", d.ToString());
    }

    [Fact]
    public void An_exponential_function_like_macro_stops_at_the_expansion_budget()
    {
        var text = "#define F(a,b) a b\n#define G(x) F(x,x)\n" + string.Concat(Enumerable.Range(1, 40).Select(i => $"#define L{i} G(L{i - 1})\n")) + "#define L0 z\nL40\n";
        Assert.Contains("macro expansion too large", ErrorOf(text).Message);
    }

    [Fact]
    public void An_exponential_if_stops_at_the_directive_limit()
    {
        var text = "#define a0 1\n" + string.Concat(Enumerable.Range(1, 60).Select(i => $"#define a{i} (a{i - 1} + a{i - 1})\n")) + "#if a60\n#endif\n";
        Assert.Equal($"t.dts:62:2: error: #if expands to more than {DeviceTreeLimits.MaxDirectiveTokens} tokens", ErrorOf(text).ToString());
    }

    [Fact]
    public void Pasting_that_doubles_a_token_stops_at_the_token_limit()
    {
        var text = "#define P(x) x##x\n#define Q(x) P(x)\n" + Repeat("Q(", 60) + "a" + Repeat(")", 60) + "\n";
        Assert.Equal($"## makes a token longer than {DeviceTreeLimits.MaxMadeTokenChars} characters", ErrorOf(text).Message);
    }

    [Fact]
    public void Stringizing_that_doubles_a_string_stops_at_the_token_limit()
    {
        var text = "#define S(x) #x\n#define X(x) S(x)\n" + Repeat("X(", 60) + "\"a\"" + Repeat(")", 60) + "\n";
        Assert.Equal($"# makes a string longer than {DeviceTreeLimits.MaxMadeTokenChars} characters", ErrorOf(text).Message);
    }

    [Fact]
    public void Output_stops_at_the_source_limit()
    {
        // one token of a million characters, printed 10000 times
        var text = "#define A " + new string('a', 1_000_000) + "\n" + Repeat("A ", 10_000) + "\n";
        Assert.Equal($"t.dts:2:1: error: preprocessed output larger than {DeviceTreeLimits.MaxSourceChars} characters, the limit for one source", ErrorOf(text).ToString());
    }

    [Fact]
    public void Invocations_nested_in_arguments_a_hundred_thousand_deep_end_quickly()
    {
        var text = "#define f(x) x\n" + Repeat("f(", 100_000) + "1" + Repeat(")", 100_000) + "\n";
        Assert.Contains("macro", ErrorOf(text).Message);
    }

    [Fact]
    public void A_long_chain_of_macros_expands_in_linear_time()
    {
        // each macro names the next: 200000 contexts on the stack, each name checked against the active ones
        const int n = 200_000;
        var text = string.Concat(Enumerable.Range(0, n).Select(i => $"#define m{i} m{i + 1}\n")) + "m0\n";
        var output = OnThread.Run(() => Pp.Run(text)).Text;
        Assert.Contains($"\nm{n}\n", output);
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("- ", "")]
    [InlineData("! ", "")]
    [InlineData("1 ? 1 : ", "")]
    public void An_if_expression_nested_past_the_limit_is_an_error(string open, string close)
    {
        var depth = DeviceTreeLimits.MaxIfExpressionDepth + 10;
        var text = "#if " + Repeat(open, depth) + "1" + Repeat(close, depth) + "\n#endif\n";
        Assert.Equal("#if expression nested too deeply", ErrorOf(text).Message);
    }

    [Fact]
    public void An_if_expression_within_the_limit_is_evaluated()
    {
        var depth = DeviceTreeLimits.MaxIfExpressionDepth - 10;
        var text = "#if " + Repeat("(", depth) + "1" + Repeat(")", depth) + "\nyes\n#endif\n";
        Assert.Equal("yes", Pp.Body(text));
    }

    [Fact]
    public void Warnings_are_kept_up_to_the_limit()
    {
        var text = Repeat("#define A 1\n#define A 2\n", 5_000);
        Assert.Equal(DeviceTreeLimits.MaxDiagnostics, Pp.Run(text).Warnings.Count);
    }
}
