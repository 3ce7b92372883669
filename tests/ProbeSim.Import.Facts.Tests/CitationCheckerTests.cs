using ProbeSim.DeviceTree.Tests;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Facts.Tests;

/// <summary>The citation checker on a hand-written kernel-style tree (runs in CI, unlike the real-tree check).</summary>
public class CitationCheckerTests
{
    private static string Tree()
    {
        var root = TestPaths.NewTempDir();
        Directory.CreateDirectory(Path.Combine(root, "drivers", "foo"));
        File.WriteAllLines(Path.Combine(root, "drivers", "foo", "foo.c"), new[]
        {
            "// test file",                                          // 1
            "static int foo_probe(struct platform_device *pdev)",    // 2
            "{",                                                     // 3
            "\tclk = devm_clk_get(&pdev->dev,",                      // 4
            "\t\t\t   \"bus\");",                                    // 5
            "\treturn 0;",                                           // 6
            "}",                                                     // 7
            "static struct platform_driver foo_driver = {",          // 8
            "\t.probe = foo_probe,",                                 // 9
            "};",                                                    // 10
            "module_platform_driver(foo_driver);",                   // 11
            "CLK_OF_DECLARE_DRIVER(foo_clk, \"acme,foo\",",          // 12
            "\t\t      foo_clk_init);",                              // 13
        });
        File.WriteAllLines(Path.Combine(root, "drivers", "foo", "Makefile"), new[] { "obj-$(CONFIG_FOO) += foo.o" });
        return root;
    }

    private static SourceLine L(int line) => new("drivers/foo/foo.c", line);

    private static ExpectedDriver Good() => new()
    {
        Id = "drivers/foo/foo.c:foo_driver",
        Driver = "foo",
        StructAt = L(8),
        Bus = ImportedBus.Platform,
        Status = BuildStatus.BuiltIn,
        StatusBecause = "test",
        MakefileAt = new SourceLine("drivers/foo/Makefile", 1),
        Config = new[] { "CONFIG_FOO=y" },
        Initcall = InitcallLevel.Device,
        InitcallAt = L(11),
        Probe = "foo_probe",
        ProbeAt = L(2),
        Requests = new[] { new ExpectedRequest(PlanResource.Clock, PlanLookup.Name, PlanPolicy.Required, L(4)) { Call = "devm_clk_get", Name = "bus" } },
        Early = new[] { new ExpectedEarly(EarlyTable.ClkDriver, "acme,foo", "foo_clk_init", L(12)) { Declare = "foo_clk" } },
    };

    [Fact]
    public void Citations_that_hold_give_no_error()
    {
        Assert.Empty(new CitationChecker(Tree()).Check(Good()));
    }

    [Fact]
    public void A_struct_line_without_the_symbol_is_named()
    {
        var d = Assert.Single(new CitationChecker(Tree()).Check(Good() with { StructAt = L(9) }));
        Assert.StartsWith("drivers/foo/foo.c:foo_driver: struct_at drivers/foo/foo.c:9: foo_driver not in", d);
    }

    [Fact]
    public void A_request_name_more_than_two_lines_away_or_a_wrong_call_is_named()
    {
        var far = Good() with { Requests = new[] { Good().Requests[0] with { At = L(2) } } };
        var errs = new CitationChecker(Tree()).Check(far);
        Assert.Contains(errs, e => e.Contains("request drivers/foo/foo.c:2: devm_clk_get not in", StringComparison.Ordinal));
        Assert.Contains(errs, e => e.Contains("request name drivers/foo/foo.c:2: bus not in", StringComparison.Ordinal));
    }

    [Fact]
    public void An_initcall_line_of_another_level_is_named()
    {
        var d = Assert.Single(new CitationChecker(Tree()).Check(Good() with { Initcall = InitcallLevel.Core }));
        Assert.Contains("initcall_at drivers/foo/foo.c:11: no Core initcall macro", d);
    }

    [Fact]
    public void A_line_past_the_end_and_a_missing_file_are_named()
    {
        var errs = new CitationChecker(Tree()).Check(Good() with { ProbeAt = L(99), MakefileAt = new SourceLine("drivers/bar/Makefile", 1) });
        Assert.Contains(errs, e => e.EndsWith("probe_at drivers/foo/foo.c:99: no such line", StringComparison.Ordinal));
        Assert.Contains(errs, e => e.EndsWith("makefile_at drivers/bar/Makefile:1: no such line", StringComparison.Ordinal));
    }

    [Fact]
    public void An_early_declare_may_wrap_onto_the_next_line_but_must_name_its_init()
    {
        var wrongInit = Good() with { Early = new[] { Good().Early[0] with { Init = "bar_clk_init" } } };
        var d = Assert.Single(new CitationChecker(Tree()).Check(wrongInit));
        Assert.Contains("bar_clk_init not in", d);
    }
}
