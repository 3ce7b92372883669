using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Source;

namespace ProbeSim.DeviceTree.Tests.Source;

/// <summary>Bad DTS gives file:line:column errors (positions as dtc 1.8.1 reports them), never a crash.</summary>
public class DtsErrorTests
{
    private static string Dir => Path.Combine(TestPaths.RepoRoot, "tests", "ProbeSim.DeviceTree.Tests", "Source", "Errors");

    private static Diagnostic FirstError(string name)
    {
        var path = Path.Combine(Dir, name);
        var e = Assert.Throws<DeviceTreeException>(() => DtsCompiler.Compile(File.ReadAllText(path), path, new DtsCompileOptions()));
        var d = e.Diagnostics.First(x => x.Severity == Severity.Error);
        Assert.Equal(path, d.Location!.Value.File);
        return d;
    }

    [Theory]
    // file, line, column, text the message contains (dtc's position; dtc's wording where it has one)
    [InlineData("syntax.dts", 3, 12, "syntax error")]
    [InlineData("unknown-label.dts", 3, 2, "Reference to non-existent node or label \"nolabel\"")]
    [InlineData("duplicate-label.dts", 5, 5, "Duplicate label 'a'")]
    [InlineData("missing-ref-node.dts", 4, 1, "Label or path missing not found")]
    [InlineData("div-zero.dts", 3, 10, "Division by zero")]
    [InlineData("unterminated-string.dts", 3, 6, "unterminated string")]
    [InlineData("unterminated-comment.dts", 3, 11, "unterminated comment")]
    [InlineData("missing-include.dts", 2, 1, "Couldn't open \"nowhere.dtsi\"")]
    [InlineData("unexpected-identifier.dts", 3, 7, "Unexpected 'FOO'")]
    [InlineData("literal-range.dts", 3, 7, "Integer literal '99999999999999999999999' out of range")]
    [InlineData("no-header.dts", 1, 1, "/dts-v1/")]
    [InlineData("duplicate-node.dts", 5, 2, "Duplicate node name")]
    [InlineData("duplicate-property.dts", 4, 2, "Duplicate property name")]
    [InlineData("missing-path-ref.dts", 3, 2, "Reference to non-existent node or label \"/no/such\"")]
    [InlineData("bad-bits.dts", 3, 13, "Array elements must be 8, 16, 32 or 64-bits")]
    [InlineData("ref-in-16bit.dts", 3, 17, "References are only allowed in arrays with 32-bit elements.")]
    public void Reports_position_and_message(string file, int line, int column, string text)
    {
        var d = FirstError(file);
        Assert.Contains(text, d.Message);
        Assert.Equal((line, column), (d.Location!.Value.Line, d.Location!.Value.Column));
        Assert.StartsWith($"{Path.Combine(Dir, file)}:{line}:{column}: error: ", d.ToString());
    }

    [Fact]
    public void Line_markers_move_positions_to_the_original_file()
    {
        var text = "# 1 \"board.dts\"\n/dts-v1/;\n# 40 \"soc.dtsi\" 1\n/ {\n\tx = <&nope>;\n};\n";
        var e = Assert.Throws<DeviceTreeException>(() => DtsCompiler.Compile(text, "/tmp/board.dts.tmp", new DtsCompileOptions()));
        var loc = e.Diagnostics[0].Location!.Value;
        Assert.Equal(("soc.dtsi", 41, 2), (loc.File, loc.Line, loc.Column));
    }

    [Theory]
    [InlineData(100000)]
    [InlineData(300)]
    public void Deeply_nested_expressions_are_an_error_not_a_crash(int depth)
    {
        var text = "/dts-v1/;\n/ { x = <" + new string('(', depth) + "1" + new string(')', depth) + ">; };";
        var e = Assert.Throws<DeviceTreeException>(() => DtsCompiler.Compile(text, "deep.dts", new DtsCompileOptions()));
        Assert.Contains("expression nested too deeply", e.Diagnostics[0].Message);
    }

    [Fact]
    public void Parenthesised_expressions_within_the_limit_compile()
    {
        var text = "/dts-v1/;\n/ { x = <" + new string('(', 100) + "1" + new string(')', 100) + ">; };";
        Assert.Equal(1u, DtsCompiler.Compile(text, "ok.dts", new DtsCompileOptions()).Tree.Root.GetU32("x"));
    }

    [Fact]
    public void Deeply_nested_nodes_are_an_error_not_a_crash()
    {
        var text = "/dts-v1/;\n/ {" + string.Concat(Enumerable.Repeat(" a {", 100000)) + string.Concat(Enumerable.Repeat(" };", 100000)) + " };";
        var e = Assert.Throws<DeviceTreeException>(() => DtsCompiler.Compile(text, "deep.dts", new DtsCompileOptions()));
        Assert.Contains("nested more than 1000 deep", e.Diagnostics[0].Message);
    }
}
