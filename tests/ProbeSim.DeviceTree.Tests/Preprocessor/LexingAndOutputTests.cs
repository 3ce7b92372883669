namespace ProbeSim.DeviceTree.Tests.Preprocessor;

/// <summary>Comments, continuations, assembler-mode text, verbatim copying and GCC-style spacing.</summary>
public class LexingAndOutputTests
{
    [Fact]
    public void First_line_is_a_marker_for_the_main_file()
    {
        var r = Pp.RunAs("/dts-v1/;\n", "boards/x.dts", null);
        Assert.StartsWith("# 1 \"boards/x.dts\"\n", r.Text);
    }

    [Fact]
    public void Lines_without_macros_are_copied_verbatim_with_their_whitespace()
    {
        var text = "/ {\n\tnode@0 {\t\treg = <0x0  0x1>;\n\t};\n};\n";
        var r = Pp.Run(text);
        Assert.Equal("# 1 \"t.dts\"\n" + text, r.Text);
    }

    [Fact]
    public void Comments_are_removed_and_become_one_space()
    {
        Assert.Equal(new[] { "a b;", "c d", "e" }, Pp.Lines("a/* x */b; // tail\n/* whole */\nc/*\n multi\n line */d\ne\n"));
    }

    [Fact]
    public void Comment_spanning_lines_keeps_following_lines_in_place()
    {
        var r = Pp.Run("a /* 1\n2\n3 */ b\nc\n");
        Assert.Equal(1, LineMap.Find(r.Text, "a").Line);
        Assert.Equal(4, LineMap.Find(r.Text, "c").Line);
    }

    [Fact]
    public void Backslash_newline_joins_lines_and_positions_still_map()
    {
        var r = Pp.Run("#define X 1 \\\n + 2\nv = <X>;\nw = <3>;\n");
        Assert.Equal(3, LineMap.Find(r.Text, "v = <1 + 2>;").Line);
        Assert.Equal(4, LineMap.Find(r.Text, "w = <3>;").Line);
    }

    [Fact]
    public void Continuation_inside_a_line_comment_continues_the_comment()
    {
        Assert.Equal(new[] { "foo", "bar" }, Pp.Lines("foo // c \\\nstill comment\nbar\n"));
    }

    [Fact]
    public void Unterminated_comment_is_an_error()
    {
        Assert.Equal("t.dts:2:3", Pp.Where(Pp.Error("a\nb /* x\n\n")));
        Assert.Equal("unterminated comment", Pp.Error("/*").Message);
    }

    [Fact]
    public void Hash_lines_that_are_no_directive_pass_through_in_assembler_mode()
    {
        Assert.Equal(new[] { "#address-cells = <1>;", "#size-cells = <0>;", "#interrupt-cells = <3>;" },
            Pp.Lines("#define THREE 3\n#address-cells = <1>;\n#size-cells = <0>;\n#interrupt-cells = <THREE>;\n"));
    }

    [Fact]
    public void Non_directive_hash_line_is_macro_expanded()
    {
        Assert.Equal(new[] { "#foo 2" }, Pp.Lines("#define N 2\n#foo N\n"));
    }

    [Fact]
    public void Unterminated_apostrophe_is_text_to_the_end_of_the_line()
    {
        // cpp (assembler): the quote and the rest of its line are one token; no macro expansion there
        Assert.Equal(new[] { "don't b /* c */ b", "B" }, Pp.Lines("#define b B\ndon't b /* c */ b\nb\n"));
    }

    [Fact]
    public void Strings_and_character_constants_are_not_expanded()
    {
        Assert.Equal(new[] { "\"X y\" 'X' 1" }, Pp.Lines("#define X 1\n\"X y\" 'X' X\n"));
    }

    [Fact]
    public void Strings_are_output_exactly_as_in_the_source()
    {
        Assert.Equal(new[] { "s = \"a  b\\n\\\"\", \"/* no comment */\", 1;" },
            Pp.Lines("#define ONE 1\ns = \"a  b\\n\\\"\", \"/* no comment */\", ONE;\n"));
    }

    [Fact]
    public void Expansion_inside_unit_address_and_cells_adds_no_space()
    {
        Assert.Equal(new[] { "cpu@1000 {", "reg = <0x10 0x1000>;", "&gpio1 { };", "lbl: node@0x10 { };" },
            Pp.Lines("#define ADDR 1000\n#define R 0x10\n#define L lbl\n#define G gpio1\ncpu@ADDR {\nreg = <R 0x1000>;\n&G { };\nL: node@R { };\n"));
    }

    [Fact]
    public void Expanded_line_keeps_the_indentation_of_its_first_token()
    {
        var r = Pp.Run("#define ONE 1\n\t\treg = < ONE  2>;\n");
        Assert.Contains("\n\t\treg = < 1 2>;\n", r.Text);
    }

    [Theory]
    [InlineData("#define E\n-E-\n", "- -")]
    [InlineData("#define E\n+E+\n", "+ +")]
    [InlineData("#define E\n&E&\n", "& &")]
    [InlineData("#define E\n|E|\n", "| |")]
    [InlineData("#define E\n<E<\n", "< <")]
    [InlineData("#define E\n>E>\n", "> >")]
    [InlineData("#define E\n:E:\n", ": :")]
    [InlineData("#define E\n/E/\n", "/ /")]
    [InlineData("#define E\n/E*\n", "/ *")]
    [InlineData("#define E\n<E=\n", "< =")]
    [InlineData("#define E\n!E=\n", "! =")]
    [InlineData("#define E\n#E#\n", "# #")]
    [InlineData("#define E\nxE y\n", "xE y")]
    [InlineData("#define N n\na N\n", "a n")]
    [InlineData("#define F(x) x\nF(a)b\n", "a b")]
    [InlineData("#define F(x) x\nF(1)2\n", "1 2")]
    [InlineData("#define F(x) x\nF(1).\n", "1 .")]
    [InlineData("#define F(x) x\nF(1)+\n", "1 +")]
    [InlineData("#define F(x) x\nF(1);\n", "1;")]
    [InlineData("#define F(x) x\n<F(1)>\n", "<1>")]
    [InlineData("#define F(x) x\nF(-)-\n", "- -")]
    [InlineData("#define F(x) -x-\nF(-)\n", "- - -")]
    public void Avoid_paste_spacing_as_gcc(string text, string expected)
    {
        Assert.Equal(expected, Pp.Lines(text)[0]);
    }

    [Fact]
    public void Pp_numbers_absorb_exponent_signs()
    {
        Assert.Equal(new[] { ".5e+b 0x1p-b 1e+b B" }, Pp.Lines("#define b B\n.5e+b 0x1p-b 1e+b b\n"));
    }

    [Fact]
    public void Crlf_line_ends_are_accepted()
    {
        Assert.Equal(new[] { "a 1", "b" }, Pp.Lines("#define X 1\r\na X\r\nb\r\n"));
    }
}
