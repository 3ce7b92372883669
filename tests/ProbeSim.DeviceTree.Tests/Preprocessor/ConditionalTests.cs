namespace ProbeSim.DeviceTree.Tests.Preprocessor;

/// <summary>#if, #ifdef, #ifndef, #elif, #else, #endif and the evaluation of controlling expressions.</summary>
public class ConditionalTests
{
    private static bool If(string expr, string prelude = "") =>
        Pp.Lines(prelude + "#if " + expr + "\nyes\n#else\nno\n#endif\n").Single() == "yes";

    [Fact]
    public void Ifdef_ifndef_else()
    {
        Assert.Equal("a\nd", Pp.Body("#define X\n#ifdef X\na\n#else\nb\n#endif\n#ifndef X\nc\n#else\nd\n#endif\n"));
    }

    [Fact]
    public void Elif_chain_takes_the_first_true_branch_only()
    {
        Assert.Equal("two", Pp.Body("#if 0\none\n#elif 1\ntwo\n#elif 1\nthree\n#else\nfour\n#endif\n"));
    }

    [Fact]
    public void Elif_after_taken_branch_is_not_evaluated()
    {
        Assert.Equal("one", Pp.Body("#if 1\none\n#elif 1/0\ntwo\n#endif\n"));
    }

    [Fact]
    public void Nested_conditionals_in_skipped_groups_are_only_counted()
    {
        Assert.Equal("end", Pp.Body("#if 0\n#if 1/0\n#else\n#error no\n#endif\n#else\n#endif\nend\n"));
    }

    [Fact]
    public void Comments_are_recognised_in_skipped_groups()
    {
        Assert.Equal("after", Pp.Body("#if 0\n/* #endif */\n// #endif\n#endif\nafter\n"));
        Assert.Equal("after", Pp.Body("#if 0\n/*\n#endif\n*/\n#endif\nafter\n"));
    }

    [Fact]
    public void Skipped_groups_ignore_other_directives_and_bad_text()
    {
        Assert.Equal("ok", Pp.Body("#if 0\n#include \"missing.h\"\n#error x\n#define 1\n don't\n#bogus\n#endif\nok\n"));
    }

    [Fact]
    public void Defined_operator_forms()
    {
        Assert.True(If("defined X && defined(X) && defined ( X )", "#define X 0\n"));
        Assert.False(If("defined Y"));
        Assert.True(If("!defined(Y)"));
    }

    [Fact]
    public void Defined_operand_is_not_expanded()
    {
        Assert.True(If("defined(A)", "#define A B\n"));
    }

    [Fact]
    public void Identifiers_that_are_not_macros_evaluate_to_zero()
    {
        Assert.True(If("FOO == 0 && !BAR"));
        Assert.True(If("F == 0", "#define F(x) x\n")); // cpp: a function-like name without '(' is 0
    }

    [Theory]
    [InlineData("1 + 2 * 3 == 7")]
    [InlineData("(1 + 2) * 3 == 9")]
    [InlineData("10 / 3 == 3 && 10 % 3 == 1")]
    [InlineData("-7 / 2 == -3 && -7 % 2 == -1")]
    [InlineData("1 << 4 == 16 && 256 >> 4 == 16")]
    [InlineData("(5 & 3) == 1 && (5 | 3) == 7 && (5 ^ 3) == 6")]
    [InlineData("~0 == -1")]
    [InlineData("!0 && !!5")]
    [InlineData("(1 ? 2 : 3) == 2 && (0 ? 2 : 3) == 3")]
    [InlineData("(0 ? 1 : 0 ? 2 : 3) == 3")]
    [InlineData("(1, 0) == 0")]
    [InlineData("0x10 == 16 && 010 == 8 && 0b101 == 5 && 0XfF == 255")]
    [InlineData("10u == 10 && 10UL == 10 && 10ll == 10 && 10ULL == 10 && 10lu == 10 && 10LLU == 10")]
    [InlineData("'a' == 97 && '\\n' == 10 && '\\0' == 0 && '\\x41' == 65 && '\\101' == 65")]
    [InlineData("'\\377' < 0")]
    [InlineData("'ab' == 24930")]
    [InlineData("-1 < 0")]
    [InlineData("!(-1 < 0u)")]
    [InlineData("-1 > 0u")]
    [InlineData("0xffffffffffffffff == -1")]
    [InlineData("0xffffffffffffffff > 0")]
    [InlineData("18446744073709551615 > 0")]
    [InlineData("9223372036854775807 > 0")]
    [InlineData("(-9223372036854775807 - 1) < 0")]
    [InlineData("-1 >> 1 == -1")]
    [InlineData("(0xffffffffffffffff >> 63) == 1")]
    [InlineData("(1 ? -1 : 0u) > 0")]
    [InlineData("0 && 1 / 0 || 1")]
    [InlineData("1 || 1 / 0")]
    [InlineData("0 ? 1 / 0 : 1")]
    [InlineData("1 ? 1 : 1 % 0")]
    [InlineData("2 >= 2 && 2 <= 2 && 3 > 2 && 2 < 3 && 2 != 3")]
    [InlineData("+3 == 3 && - - 3 == 3")]
    public void Integer_constant_expressions(string expr)
    {
        Assert.True(If(expr));
    }

    [Fact]
    public void Expressions_use_macros()
    {
        Assert.True(If("VER >= 3 && MASK(2) == 4", "#define VER 4\n#define MASK(n) (1 << (n))\n"));
    }

    [Fact]
    public void Has_include()
    {
        using var t = new TempTree();
        t.Write("inc/a.h", "");
        t.Write("b.h", "");
        var main = t.Write("m.dts", "#if __has_include(<a.h>) && __has_include(\"b.h\") && !__has_include(<b.h>) && !__has_include(\"nope.h\")\nyes\n#endif\n#ifdef __has_include\nalso\n#endif\n");
        var o = new ProbeSim.DeviceTree.Preprocessor.PreprocessorOptions();
        o.IncludeDirs.Add(t["inc"]);
        var r = new ProbeSim.DeviceTree.Preprocessor.CPreprocessor(o).Preprocess(main);
        Assert.Equal(new[] { "yes", "also" }, Pp.OutputLines(r.Text));
    }

    [Fact]
    public void Elifdef_and_elifndef()
    {
        Assert.Equal("b", Pp.Body("#define B\n#ifdef A\na\n#elifdef B\nb\n#elifndef C\nc\n#endif\n"));
    }
}
