namespace ProbeSim.DeviceTree.Tests.Preprocessor;

/// <summary>Predefined macros and -D/-U options.</summary>
public class PredefinedAndOptionsTests
{
    [Fact]
    public void Assembler_mode_predefines_and_nothing_from_gcc()
    {
        Assert.Equal("1 1 __GNUC__ linux unix __DTS__ __STDC_VERSION__",
            Pp.Body("__ASSEMBLER__ __STDC__ __GNUC__ linux unix __DTS__ __STDC_VERSION__\n"));
    }

    [Fact]
    public void Dts_is_defined_only_when_passed()
    {
        Assert.Equal("yes", Pp.Body("#ifdef __DTS__\nyes\n#else\nno\n#endif\n", "__DTS__"));
        Assert.Equal("1", Pp.Body("__DTS__\n", "__DTS__"));
    }

    [Fact]
    public void File_line_counter_include_level()
    {
        Assert.Equal("\"t.dts\" 2 0 0 1\n5", Pp.Body("\n__FILE__ __LINE__ __INCLUDE_LEVEL__ __COUNTER__ __COUNTER__\n\n\n__LINE__\n"));
    }

    [Fact]
    public void Line_directive_changes_presumed_line_and_file()
    {
        var r = Pp.Run("a\n#line 100 \"other.c\"\nb __LINE__ __FILE__\nlast\n");
        var b = LineMap.Find(r.Text, "b 100");
        Assert.Equal(("other.c", 100), (b.File, b.Line));
        Assert.Contains("b 100 \"other.c\"", r.Text);
        Assert.Equal(101, LineMap.Find(r.Text, "last").Line);
    }

    [Fact]
    public void Defines_are_applied_in_order()
    {
        Assert.Equal("2 B 3 +4 X", Pp.Body("A B C(3) X\n", "A=1", "A=2", "B", "-B", "C(x)=x+4", "X", "-X"));
    }

    [Fact]
    public void Define_without_value_is_one()
    {
        Assert.Equal("1", Pp.Body("FOO\n", "FOO"));
    }
}
