using ProbeSim.DeviceTree.Preprocessor;

namespace ProbeSim.DeviceTree.Tests.Preprocessor;

/// <summary>#include search, markers and the mapping of output lines back to files.</summary>
public class IncludeTests
{
    private static PreprocessResult Run(string main, params string[] includeDirs)
    {
        var o = new PreprocessorOptions();
        o.IncludeDirs.AddRange(includeDirs);
        return new CPreprocessor(o).Preprocess(main);
    }

    [Fact]
    public void Quoted_include_searches_the_current_directory_first_then_include_dirs()
    {
        using var t = new TempTree();
        t.Write("board/local.dtsi", "local\n");
        t.Write("inc/local.dtsi", "from inc\n");
        t.Write("inc/only.dtsi", "only in inc\n");
        var main = t.Write("board/m.dts", "#include \"local.dtsi\"\n#include \"only.dtsi\"\n");
        Assert.Equal(new[] { "local", "only in inc" }, Pp.OutputLines(Run(main, t["inc"]).Text));
    }

    [Fact]
    public void Angled_include_searches_only_include_dirs_in_order()
    {
        using var t = new TempTree();
        t.Write("board/x.h", "board\n");
        t.Write("i1/x.h", "first\n");
        t.Write("i2/x.h", "second\n");
        var main = t.Write("board/m.dts", "#include <x.h>\n");
        Assert.Equal(new[] { "first" }, Pp.OutputLines(Run(main, t["i1"], t["i2"]).Text));
        Assert.Equal(new[] { "second" }, Pp.OutputLines(Run(main, t["i2"], t["i1"]).Text));
    }

    [Fact]
    public void Included_file_includes_relative_to_its_own_directory()
    {
        using var t = new TempTree();
        t.Write("inc/dt-bindings/a.h", "#include \"b.h\"\n");
        t.Write("inc/dt-bindings/b.h", "#define B 7\n");
        var main = t.Write("m.dts", "#include <dt-bindings/a.h>\nB\n");
        Assert.Equal(new[] { "7" }, Pp.OutputLines(Run(main, t["inc"]).Text));
    }

    [Fact]
    public void Computed_include()
    {
        using var t = new TempTree();
        t.Write("inc/soc.dtsi", "soc\n");
        var main = t.Write("m.dts", "#define HDR <soc.dtsi>\n#define Q \"inc/soc.dtsi\"\n#include HDR\n#include Q\n");
        Assert.Equal(new[] { "soc", "soc" }, Pp.OutputLines(Run(main, t["inc"]).Text));
    }

    [Fact]
    public void Markers_name_files_as_found_and_use_flags_1_and_2()
    {
        using var t = new TempTree();
        t.Write("inc/dt-bindings/gpio.h", "#define GPIO_ACTIVE_LOW 1\n");
        var main = t.Write("m.dts", "/dts-v1/;\n#include <dt-bindings/gpio.h>\nx = <GPIO_ACTIVE_LOW>;\n");
        var incDir = t["inc"] + "/";
        var r = Run(main, incDir);
        Assert.Contains($"# 1 \"{t["inc"]}/dt-bindings/gpio.h\" 1\n", r.Text);
        Assert.Contains($"# 3 \"{main}\" 2\n", r.Text);
        Assert.Equal(new[] { $"{t["inc"]}/dt-bindings/gpio.h" }, r.IncludedFiles);
        var x = LineMap.Find(r.Text, "x = <1>;");
        Assert.Equal((main, 3), (x.File, x.Line));
    }

    [Fact]
    public void Relative_paths_are_printed_as_given()
    {
        using var t = new TempTree();
        t.Write("include/dt-bindings/irq.h", "#define IRQ 4\n");
        t.Write("src/vendor/b.dtsi", "b = <IRQ>;\n");
        t.Write("src/vendor/b.dts", "#include <dt-bindings/irq.h>\n#include \"b.dtsi\"\n");
        var saved = Directory.GetCurrentDirectory();
        // markers spell paths relative to the working directory, as cpp does; use absolute ones to stay independent
        var o = new PreprocessorOptions();
        o.IncludeDirs.Add(t["include"]);
        var r = new CPreprocessor(o).Preprocess(t["src/vendor/b.dts"]);
        Assert.Contains($"# 1 \"{t["src/vendor"]}/b.dtsi\" 1\n", r.Text);
        Assert.Equal(saved, Directory.GetCurrentDirectory());
    }

    [Fact]
    public void Token_on_line_n_of_an_included_file_maps_back_to_that_file_and_line()
    {
        using var t = new TempTree();
        var lines = new List<string>();
        for (int i = 1; i <= 40; i++)
            lines.Add(i switch
            {
                3 => "#define V 5",
                7 => "/* comment",
                8 => "   still */ after_comment = <V>;",
                15 => "line15 = <V>;",
                16 => "#if 0",
                17 => "skipped",
                18 => "#endif",
                30 => "line30 = <1>; // c",
                31 => "line31 \\",
                32 => "  continued;",
                33 => "line33;",
                _ => "",
            });
        var inc = t.Write("inc/part.dtsi", string.Join("\n", lines) + "\n");
        var main = t.Write("m.dts", "first;\n\n#include \"inc/part.dtsi\"\nlast = <V>;\n");
        var r = Run(main);
        var incShown = t.Root + "/inc/part.dtsi";
        Assert.Equal((incShown, 8), Where(r, "after_comment = <5>;"));
        Assert.Equal((incShown, 15), Where(r, "line15 = <5>;"));
        Assert.Equal((incShown, 30), Where(r, "line30 = <1>;"));
        Assert.Equal((incShown, 31), Where(r, "line31"));
        Assert.Equal((incShown, 33), Where(r, "line33;"));
        Assert.Equal((main, 1), Where(r, "first;"));
        Assert.Equal((main, 4), Where(r, "last = <5>;"));
        Assert.DoesNotContain("skipped", r.Text);
        _ = inc;
    }

    private static (string, int) Where(PreprocessResult r, string needle)
    {
        var m = LineMap.Find(r.Text, needle);
        return (m.File, m.Line);
    }

    [Fact]
    public void Columns_of_untouched_lines_are_exact()
    {
        var r = Pp.Run("#define A 1\n\tfoo = <2>;\t/* x */\n  bar = <A>;\n");
        var foo = LineMap.Find(r.Text, "foo");
        Assert.Equal(1, foo.Text.IndexOf("foo", StringComparison.Ordinal)); // after the tab
        Assert.Equal("\tfoo = <2>;", foo.Text);
    }

    [Fact]
    public void Pragma_once_and_include_guards()
    {
        using var t = new TempTree();
        t.Write("once.h", "#pragma once\nonce\n");
        t.Write("guard.h", "#ifndef GUARD_H\n#define GUARD_H\nguarded\n#endif\n");
        t.Write("plain.h", "plain\n");
        var main = t.Write("m.dts", "#include \"once.h\"\n#include \"once.h\"\n#include \"guard.h\"\n#include \"guard.h\"\n#include \"plain.h\"\n#include \"plain.h\"\n");
        Assert.Equal(new[] { "once", "guarded", "plain", "plain" }, Pp.OutputLines(Run(main).Text));
    }

    [Fact]
    public void Self_including_file_stops_at_depth_200_with_an_error()
    {
        using var t = new TempTree();
        var self = t.Write("self.h", "#include \"self.h\"\n#include \"self.h\"\n");
        var main = t.Write("m.dts", "#include \"self.h\"\n");
        var e = Assert.Throws<ProbeSim.DeviceTree.Model.DeviceTreeException>(() => Run(main));
        var d = Assert.Single(e.Diagnostics);
        Assert.StartsWith("#include nested depth 200 exceeds maximum of 200", d.Message);
        Assert.Equal($"{t.Root}/self.h:1:10", d.Location.ToString());
        _ = self;
    }

    [Fact]
    public void Include_inside_skipped_group_is_ignored()
    {
        Assert.Equal("ok", Pp.Body("#if 0\n#include <none.h>\n#endif\nok\n"));
    }

    [Fact]
    public void Shared_cache_gives_the_same_result_on_many_threads()
    {
        using var t = new TempTree();
        t.Write("inc/m.h", "#define M(x) <x 1>\n");
        var main = t.Write("m.dts", "#include <m.h>\nv = M(2);\n");
        var cache = new SourceFileCache();
        var o = new PreprocessorOptions();
        o.IncludeDirs.Add(t["inc"]);
        var results = new string[64];
        Parallel.For(0, results.Length, i => results[i] = new CPreprocessor(o, cache).Preprocess(main).Text);
        Assert.All(results, r => Assert.Equal(results[0], r));
        Assert.Contains("v = <2 1>;", results[0]);
    }
}
