using System.Text;
using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Source;

namespace ProbeSim.DeviceTree.Tests.Source;

/// <summary>
/// No DTS makes the compiler allocate or recurse without bound: trees made deep by merging, long paths, references that
/// multiply paths, and floods of errors each end in one located error; many references compile in linear time.
/// </summary>
public class DtsBoundsTests
{
    private static DtsCompileResult Compile(string text, DtsCompileOptions? options = null) =>
        DtsCompiler.Compile(text, "b.dts", options ?? new DtsCompileOptions());

    private static T Ends<T>(Func<T> run) => OnThread.Run(run);

    private static DeviceTreeException Fails(Func<object> run) => OnThread.Fails(run);

    private static string Repeat(string s, int n) => string.Concat(Enumerable.Repeat(s, n));

    private static string Nest(string name, int depth, string inner) =>
        string.Concat(Enumerable.Repeat(name + " { ", depth)) + inner + string.Concat(Enumerable.Repeat("}; ", depth));

    [Fact]
    public void Merging_by_reference_cannot_nest_nodes_past_the_limit()
    {
        // each piece is within the parser's limit; merged, they would be 200 times deeper
        var sb = new StringBuilder("/dts-v1/;\n/ { ").Append(Nest("a", 900, "l0: z { };")).Append(" };\n");
        for (var i = 1; i < 200; i++) sb.Append($"&l{i - 1} {{ ").Append(Nest("a", 900, $"l{i}: z {{ }};")).Append(" };\n");
        var e = Fails(() => Compile(sb.ToString()));
        var d = Assert.Single(e.Diagnostics);
        Assert.Equal($"nodes nested more than {DeviceTreeLimits.MaxNodeDepth} deep", d.Message);
        Assert.Equal(("b.dts", 3), (d.Location!.Value.File, d.Location!.Value.Line));
    }

    [Fact]
    public void A_node_path_past_the_limit_is_an_error_at_the_node()
    {
        var name = new string('a', 1000);
        var text = "/dts-v1/;\n/ {\n" + string.Concat(Enumerable.Range(0, 5).Select(i => name + " {\n")) + string.Concat(Enumerable.Repeat("};\n", 6));
        var d = Assert.Single(Fails(() => Compile(text)).Diagnostics);
        Assert.Equal($"node path longer than {DeviceTreeLimits.MaxPathLength} characters", d.Message);
        Assert.Equal((7, 1), (d.Location!.Value.Line, d.Location!.Value.Column));
    }

    [Fact]
    public void Omit_if_no_ref_repeated_any_number_of_times_takes_no_stack()
    {
        var text = "/dts-v1/;\n/ { " + string.Concat(Enumerable.Repeat("/omit-if-no-ref/ ", 100_000)) + "x { }; };\n";
        var tree = Ends(() => Compile(text)).Tree;
        Assert.Empty(tree.Root.Children); // unreferenced, so omitted
    }

    [Fact]
    public void References_that_multiply_a_long_path_stop_at_the_limit()
    {
        // a 4000-character path put in 20000 times would be 80 MB from a 100 KB source
        var name = new string('n', 999);
        var text = "/dts-v1/;\n/ {\n\tp = " + string.Join(", ", Enumerable.Repeat("&t", 20_000)) + ";\n" + Nest(name, 4, "t: x { };") + "\n};\n";
        var e = Fails(() => Compile(text));
        Assert.Equal((3, 2), (e.Diagnostics[0].Location!.Value.Line, e.Diagnostics[0].Location!.Value.Column));
        Assert.Contains("references and generated nodes make the tree more than 64 MiB larger than its source", e.Diagnostics[0].Message);
    }

    [Fact]
    public void Many_path_references_in_one_property_compile_in_linear_time()
    {
        var text = "/dts-v1/;\n/ { p = " + string.Join(", ", Enumerable.Repeat("&t", 300_000)) + "; t: x { }; };\n";
        var p = Ends(() => Compile(text)).Tree.Root.GetProperty("p")!;
        Assert.Equal(Enumerable.Repeat("/x", 300_000), p.AsStringList());
    }

    [Fact]
    public void Many_unresolved_references_of_a_plugin_make_fixups_in_linear_time()
    {
        // generate_fixups_tree: "path:property:offset" per reference; generate_local_fixups_tree: each offset once
        var refs = string.Join(" ", Enumerable.Repeat("&ext", 100_000));
        var local = string.Join(" ", Enumerable.Repeat("&here", 100_000));
        var text = "/dts-v1/;\n/plugin/;\n&{/} { here: h { }; n { p = <" + refs + ">; q = <" + local + ">; }; };\n";
        var root = Ends(() => Compile(text)).Tree.Root;
        var fixups = root.GetChild("__fixups__")!.GetProperty("ext")!.AsStringList();
        Assert.Equal(100_000, fixups.Count);
        Assert.Equal("/fragment@0/__overlay__/n:p:0", fixups[0]);
        Assert.Equal("/fragment@0/__overlay__/n:p:399996", fixups[^1]);
        var cells = root.GetChild("__local_fixups__")!.GetChild("fragment@0")!.GetChild("__overlay__")!.GetChild("n")!.GetProperty("q")!;
        Assert.Equal(100_000, cells.CellCount);
        Assert.Equal(399_996u, cells.GetU32(99_999));
    }

    [Fact]
    public void Many_labels_make_symbols_in_linear_time()
    {
        var text = "/dts-v1/;\n/ { " + string.Concat(Enumerable.Range(0, 200_000).Select(i => $"l{i}: n{i} {{ }}; ")) + "};\n";
        var symbols = Ends(() => Compile(text, new DtsCompileOptions { GenerateSymbols = true })).Tree.Root.GetChild("__symbols__")!;
        Assert.Equal(200_000, symbols.Properties.Count);
        Assert.Equal("/n199999", symbols.GetString("l199999"));
    }

    [Fact]
    public void A_long_byte_string_lexes_in_linear_time()
    {
        // each byte of "[ffff...]" could start a label ("ffff...:"), so the lexer must not rescan the run for every byte
        var text = "/dts-v1/;\n/ { a = [" + Repeat("ff", 1_000_000) + "]; };\n";
        var value = Ends(() => Compile(text)).Tree.Root.GetProperty("a")!.Value;
        Assert.Equal(1_000_000, value.Length);
        Assert.All(value, b => Assert.Equal(0xff, b));
    }

    [Fact]
    public void A_flood_of_errors_stops_after_the_limit()
    {
        var text = "/dts-v1/;\n/ { " + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"bad@{i} = <1>; ")) + "};\n";
        var e = Fails(() => Compile(text));
        Assert.InRange(e.Diagnostics.Count, 2, DeviceTreeLimits.MaxDiagnostics + 2);
        Assert.Equal($"too many errors and warnings (more than {DeviceTreeLimits.MaxDiagnostics}); stopping", e.Diagnostics[^1].Message);
        Assert.All(e.Diagnostics, d => Assert.NotNull(d.Location));
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("-", "")]
    [InlineData("~", "")]
    [InlineData("!", "")]
    [InlineData("1 ? 2 : ", "")]
    public void Deep_expressions_of_every_kind_are_an_error_not_a_crash(string open, string close)
    {
        const int depth = 100_000;
        var text = "/dts-v1/;\n/ { x = <(" + string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)) + ")>; };\n";
        var d = Fails(() => Compile(text)).Diagnostics[0];
        Assert.Equal("expression nested too deeply", d.Message);
    }
}
