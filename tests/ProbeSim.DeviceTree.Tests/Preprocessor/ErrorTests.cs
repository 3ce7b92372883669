using ProbeSim.DeviceTree.Preprocessor;

namespace ProbeSim.DeviceTree.Tests.Preprocessor;

/// <summary>Every error is a DeviceTreeException located at the original file, line and column (as cpp reports it).</summary>
public class ErrorTests
{
    [Fact]
    public void Missing_include_names_the_including_file_and_the_header_position()
    {
        var d = Pp.Error("/dts-v1/;\n  #include \"nope.h\"\n");
        Assert.Equal("nope.h: No such file or directory", d.Message);
        Assert.Equal("t.dts:2:12", Pp.Where(d));
        Assert.Equal("t.dts:1:10", Pp.Where(Pp.Error("#include <dt-bindings/none.h>\n")));
    }

    [Fact]
    public void Missing_include_inside_an_included_file_names_that_file()
    {
        using var t = new TempTree();
        t.Write("a.dtsi", "\n\n#include \"gone.h\"\n");
        var main = t.Write("m.dts", "#include \"a.dtsi\"\n");
        var e = Assert.Throws<ProbeSim.DeviceTree.Model.DeviceTreeException>(() => new CPreprocessor(new PreprocessorOptions()).Preprocess(main));
        Assert.Equal($"{t.Root}/a.dtsi:3:10", e.Diagnostics.Single().Location.ToString());
    }

    [Fact]
    public void Error_directive()
    {
        var d = Pp.Error("\n#error hello  world\n");
        Assert.Equal("#error hello world", d.Message);
        Assert.Equal("t.dts:2:2", Pp.Where(d));
    }

    [Fact]
    public void Warning_directive_goes_to_warnings()
    {
        var r = Pp.Run("#warning  ww  x\nok\n");
        var w = Assert.Single(r.Warnings);
        Assert.Equal("#warning ww x", w.Message);
        Assert.Equal("t.dts:1:2", w.Location.ToString());
        Assert.Equal(new[] { "ok" }, Pp.OutputLines(r.Text));
    }

    [Theory]
    [InlineData("#if 1\n#else\n#else\n#endif\n", "#else after #else", "t.dts:3:2")]
    [InlineData("#if 1\n#else\n#elif 1\n#endif\n", "#elif after #else", "t.dts:3:2")]
    [InlineData("\n  #endif\n", "#endif without #if", "t.dts:2:4")]
    [InlineData("#elif 1\n", "#elif without #if", "t.dts:1:2")]
    [InlineData("#else\n", "#else without #if", "t.dts:1:2")]
    [InlineData("a\n#if 0\n", "unterminated #if", "t.dts:2:2")]
    [InlineData("#ifdef X\n#if 1\n#endif\n", "unterminated #ifdef", "t.dts:1:2")]
    [InlineData("#if 1/0\n#endif\n", "division by zero in #if", "t.dts:1:6")]
    [InlineData("#if 1 % 0\n#endif\n", "division by zero in #if", "t.dts:1:7")]
    [InlineData("#if 1 +\n#endif\n", "operator '+' has no right operand", "t.dts:1:8")]
    [InlineData("#if\n#endif\n", "#if with no expression", "t.dts:1:4")]
    [InlineData("#if 1 2\n#endif\n", "missing binary operator before token \"2\"", "t.dts:1:7")]
    [InlineData("#if (1\n#endif\n", "missing ')' in expression", "t.dts:1:7")]
    [InlineData("#if \"s\"\n#endif\n", "token \"\"s\"\" is not valid in preprocessor expressions", "t.dts:1:5")]
    [InlineData("#if 1.0\n#endif\n", "floating constant in preprocessor expression", "t.dts:1:5")]
    [InlineData("#if defined\n#endif\n", "operator \"defined\" requires an identifier", "t.dts:1:12")]
    [InlineData("#define F(a,b) a\nF(1)\n", "macro \"F\" requires 2 arguments, but only 1 given", "t.dts:2:4")]
    [InlineData("#define F(a) a\n\nF(1,\n2)\n", "macro \"F\" passed 2 arguments, but takes just 1", "t.dts:4:2")]
    [InlineData("#define F(a) a\nF(1,\n", "unterminated argument list invoking macro \"F\"", "t.dts:2:5")]
    [InlineData("#define B ## x\n", "'##' cannot appear at either end of a macro expansion", "t.dts:1:9")]
    [InlineData("#define C x ##\n", "'##' cannot appear at either end of a macro expansion", "t.dts:1:9")]
    [InlineData("#define\n", "no macro name given in #define directive", "t.dts:1:8")]
    [InlineData("#define 3 x\n", "macro names must be identifiers", "t.dts:1:9")]
    [InlineData("#define defined\n", "\"defined\" cannot be used as a macro name", "t.dts:1:9")]
    [InlineData("#define F(a,a) a\n", "duplicate macro parameter \"a\"", "t.dts:1:13")]
    [InlineData("#include\n", "#include expects \"FILENAME\" or <FILENAME>", "t.dts:1:9")]
    [InlineData("#line x\n", "\"x\" after #line is not a positive integer", "t.dts:1:7")]
    public void Errors_are_located(string text, string message, string where)
    {
        var d = Pp.Error(text);
        Assert.Equal(message, d.Message);
        Assert.Equal(where, Pp.Where(d));
    }

    [Fact]
    public void Hash_not_before_a_parameter_is_an_error_outside_assembler_mode()
    {
        var o = new PreprocessorOptions { AssemblerMode = false };
        var e = Assert.Throws<ProbeSim.DeviceTree.Model.DeviceTreeException>(() => new CPreprocessor(o).PreprocessText("#define A(x) #y\n", "t.c"));
        var d = e.Diagnostics.Single();
        Assert.Equal("'#' is not followed by a macro parameter", d.Message);
        Assert.Equal("t.c:1:14", d.Location.ToString());
    }

    [Fact]
    public void Unknown_directive_is_an_error_outside_assembler_mode()
    {
        var o = new PreprocessorOptions { AssemblerMode = false };
        var e = Assert.Throws<ProbeSim.DeviceTree.Model.DeviceTreeException>(() => new CPreprocessor(o).PreprocessText("\n#address-cells = <1>;\n", "t.c"));
        Assert.Equal("t.c:2:2", e.Diagnostics.Single().Location.ToString());
    }

    [Fact]
    public void Error_position_honours_line_directive()
    {
        Assert.Equal("x.c:50:2", Pp.Where(Pp.Error("#line 50 \"x.c\"\n#error stop\n")));
    }

    [Fact]
    public void Missing_main_file_is_a_diagnostic()
    {
        var e = Assert.Throws<ProbeSim.DeviceTree.Model.DeviceTreeException>(() => new CPreprocessor(new PreprocessorOptions()).Preprocess("/nonexistent/x.dts"));
        Assert.Contains("No such file or directory", e.Message);
    }

    [Theory]
    [InlineData("#if ((((((((((((((((((((((((((((((((((((((((")]
    [InlineData("#define F(x) F(x\nF(F(F(F(")]
    [InlineData("\"unterminated\n'x\n#if '\n#endif")]
    [InlineData("#define A(x,...) __VA_OPT__(\n")]
    [InlineData("#line 0\n#line 99999999999\n")]
    [InlineData("#if 0x\n#endif\n")]
    [InlineData("#if 'abcdefghij' || '\\x' \n#endif\n")]
    [InlineData("#define E(...) __VA_ARGS__ ## ## x\nE()\n")]
    [InlineData("#include_next <x.h>\n#import\n")]
    [InlineData("\\\n\\\n#\\\ndefine X 1\nX\n")]
    public void Hostile_input_gives_output_or_a_diagnostic_never_a_crash(string text)
    {
        try
        {
            Pp.Run(text);
        }
        catch (ProbeSim.DeviceTree.Model.DeviceTreeException e)
        {
            Assert.NotEmpty(e.Diagnostics);
            Assert.All(e.Diagnostics, d => Assert.NotNull(d.Location));
        }
    }

    [Fact]
    public void Deeply_nested_expression_is_a_diagnostic_not_a_stack_overflow()
    {
        var text = "#if " + new string('(', 100_000) + "1" + new string(')', 100_000) + "\n#endif\n";
        Assert.Throws<ProbeSim.DeviceTree.Model.DeviceTreeException>(() => Pp.Run(text));
        var nested = "#define F(x) x\n" + string.Concat(Enumerable.Repeat("F(", 5000)) + "1" + new string(')', 5000) + "\n";
        try { Pp.Run(nested); } catch (ProbeSim.DeviceTree.Model.DeviceTreeException) { }
    }
}
