using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Tests.Preprocessor;

/// <summary>Object-like and function-like macros with the C99/C11 rules and GNU extensions.</summary>
public class MacroExpansionTests
{
    [Fact]
    public void Object_like_macro_and_rescanning()
    {
        Assert.Equal("interrupts = <0 12 4>;", Pp.Body("#define GIC_SPI 0\n#define IRQ IRQ_TYPE\n#define IRQ_TYPE 4\ninterrupts = <GIC_SPI 12 IRQ>;\n"));
    }

    [Fact]
    public void Function_like_macro_with_arguments()
    {
        Assert.Equal("pinmux = <((0x40 << 8) | 3)>;", Pp.Body("#define PIN(a, b) ((a << 8) | b)\npinmux = <PIN(0x40, 3)>;\n"));
    }

    [Fact]
    public void Function_like_macro_name_without_parenthesis_is_not_expanded()
    {
        // cpp: a function-like macro name not followed by '(' is not expanded
        Assert.Equal("F x;\nF = 1;", Pp.Body("#define F(a) [a]\nF x;\nF = 1;\n"));
    }

    [Fact]
    public void Parenthesis_may_be_on_a_later_line_and_arguments_may_span_lines()
    {
        var r = Pp.Run("#define F(a, b) [a b]\nF\n(1,\n 2) z\nnext\n");
        Assert.Equal(new[] { "[1 2] z", "next" }, Pp.OutputLines(r.Text));
        Assert.Equal(2, LineMap.Find(r.Text, "[1 2] z").Line);
        Assert.Equal(5, LineMap.Find(r.Text, "next").Line);
    }

    [Fact]
    public void Name_followed_by_another_line_without_parenthesis_stays_on_its_line()
    {
        var r = Pp.Run("#define F(a) [a]\n#define G 1\nF\nG y\n");
        Assert.Equal(3, LineMap.Find(r.Text, "F").Line);
        Assert.Equal(4, LineMap.Find(r.Text, "1 y").Line);
    }

    [Fact]
    public void Arguments_are_pre_expanded_except_with_hash_or_paste()
    {
        Assert.Equal("\"1000\" \"ADDR\" ADDR_X 1000", Pp.Body(
            "#define ADDR 1000\n#define str(x) #x\n#define xstr(x) str(x)\n#define CAT(a,b) a##b\n#define ID(x) x\nxstr(ADDR) str(ADDR) CAT(ADDR,_X) ID(ADDR)\n"));
    }

    [Fact]
    public void Painted_blue_self_reference_is_not_re_expanded()
    {
        Assert.Equal("SELF + 1 G(G(1)) AA BB", Pp.Body(
            "#define SELF SELF + 1\n#define G(x) G(x)\n#define AA BB\n#define BB AA\nSELF G(G(1)) AA BB\n"));
    }

    [Fact]
    public void Macro_name_at_end_of_its_own_expansion_stays_painted()
    {
        Assert.Equal("1 f(2)", Pp.Body("#define f(x) x f\nf(1)(2)\n"));
    }

    [Fact]
    public void Invocation_formed_by_rescanning_with_following_text()
    {
        Assert.Equal("[1]", Pp.Body("#define F(x) [x]\n#define G F\nG(1)\n"));
    }

    [Fact]
    public void Stringification_escapes_literals_and_collapses_whitespace()
    {
        Assert.Equal("\"\\\"a\\\\n\\\" 'q' x y\" \"\\\"\\\\\\\\\\\"\" \"'\\\"'\" \"\" \"a\\b\"", Pp.Body(
            "#define X(a) #a\nX( \"a\\n\"  'q'  x   y ) X(\"\\\\\") X('\"') X(  ) X(a\\b)\n"));
    }

    [Fact]
    public void Token_pasting_with_placemarkers()
    {
        Assert.Equal("x y 12 -- += 0x10 a bc d", Pp.Body(
            "#define P(a,b) a##b\nP(,)P(x,) P(,y) P(1,2) P(-,-) P(+,=) P(0x,10) P(a b, c d)\n"));
    }

    [Fact]
    public void Invalid_paste_leaves_both_tokens_in_assembler_mode()
    {
        Assert.Equal(". .", Pp.Body("#define P(a,b) a##b\nP(., .)\n"));
    }

    [Fact]
    public void Pasted_identifier_is_rescanned()
    {
        Assert.Equal("42", Pp.Body("#define VAL_A 42\n#define CAT(a,b) a##b\nCAT(VAL_, A)\n"));
    }

    [Fact]
    public void Variadic_macros()
    {
        Assert.Equal("g(0, 1, 2) h(1 , 2) \"1 , 2\"", Pp.Body(
            "#define V(f,...) f(0, __VA_ARGS__)\n#define N(args...) h(args) #args\nV(g,1, 2) N(1 ,  2)\n"));
    }

    [Fact]
    public void Gnu_comma_swallowing()
    {
        // cpp: ", ## __VA_ARGS__" drops the comma when the variable arguments are left out
        Assert.Equal("g(0) g(0,1,2) g(0,) g(0) \"\" g(0, 1 , 2) \"1 , 2\"", Pp.Body(
            "#define V(f,...) f(0, ## __VA_ARGS__)\n#define W(f,a...) f(0, ##a) #a\nV(g) V(g,1,2) V(g,) W(g) W(g, 1 ,  2)\n"));
    }

    [Fact]
    public void Va_opt()
    {
        Assert.Equal("1 1 + 2", Pp.Body("#define O(x,...) x __VA_OPT__(+ __VA_ARGS__)\nO(1) O(1,2)\n"));
    }

    [Fact]
    public void Empty_arguments_and_zero_parameter_macros()
    {
        Assert.Equal("[] < > 5", Pp.Body("#define F(x) [x]\n#define G(a,b) <a b>\n#define Z() 5\nF() G(,) Z()\n"));
    }

    [Fact]
    public void Nested_parentheses_protect_commas()
    {
        Assert.Equal("[(1, 2)]", Pp.Body("#define F(x) [x]\nF((1, 2))\n"));
    }

    [Fact]
    public void Identical_redefinition_is_silent_and_different_one_warns_and_wins()
    {
        var same = Pp.Run("#define A 1 + 2\n#define A 1 + 2\nA\n");
        Assert.Empty(same.Warnings);
        var diff = Pp.Run("#define A 1\n#define A 2\nA\n");
        var w = Assert.Single(diff.Warnings);
        Assert.Equal(Severity.Warning, w.Severity);
        Assert.Equal("\"A\" redefined", w.Message);
        Assert.Equal("t.dts:2:9", w.Location.ToString());
        Assert.Equal(new[] { "2" }, Pp.OutputLines(diff.Text));
    }

    [Fact]
    public void Whitespace_difference_in_redefinition_warns()
    {
        Assert.Single(Pp.Run("#define A 1+2\n#define A 1 + 2\n").Warnings);
        Assert.Empty(Pp.Run("#define A 1 +  2 /* c */\n#define A 1 + 2\n").Warnings);
    }

    [Fact]
    public void Undef_removes_a_macro()
    {
        Assert.Equal("1\nA", Pp.Body("#define A 1\nA\n#undef A\nA\n"));
    }

    [Fact]
    public void Hash_in_function_like_macro_not_before_a_parameter_is_kept_in_assembler_mode()
    {
        Assert.Equal("n { #address-cells = <1>; };", Pp.Body("#define NODE(c) n { #address-cells = <c>; };\nNODE(1)\n"));
    }

    [Fact]
    public void Expansion_with_macro_arguments_from_outer_expansion()
    {
        Assert.Equal("((1) + (2))", Pp.Body("#define ADD(a,b) ((a) + (b))\n#define ONE 1\n#define TWO 2\n#define APPLY(f, x, y) f(x, y)\nAPPLY(ADD, ONE, TWO)\n"));
    }

    [Fact]
    public void Exponential_expansion_is_stopped_with_an_error_not_a_hang()
    {
        var sb = new System.Text.StringBuilder("#define A0 x x\n");
        for (int i = 1; i < 40; i++) sb.Append($"#define A{i} A{i - 1} A{i - 1}\n");
        sb.Append("A39\n");
        var d = Pp.Error(sb.ToString());
        Assert.Contains("too large", d.Message);
    }
}
