using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Facts.Tests;

public class ExpectedFactsLoadTests
{
    private static readonly IReadOnlyList<ExpectedDriver> All = ExpectedDriverFacts.LoadDefault();

    [Fact]
    public void The_data_file_parses_into_typed_records_with_unique_ids()
    {
        Assert.NotEmpty(All);
        var dup = All.GroupBy(d => d.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(dup.Count == 0, "duplicate ids: " + string.Join(", ", dup));
    }

    // issue 13, "What it must show": tests for at least 40 drivers across buses and SoC families.
    [Fact]
    public void At_least_40_drivers_across_at_least_5_buses_and_early_categories()
    {
        Assert.True(All.Count >= 40, $"{All.Count} drivers");
        var categories = All.Select(d => d.Bus is { } b ? b.ToString() : "early-only")
            .Concat(All.Where(d => d.Early.Count > 0).Select(_ => "early"))
            .Distinct().ToList();
        Assert.True(categories.Count >= 5, "categories: " + string.Join(", ", categories));
    }

    [Fact]
    public void The_families_the_issue_names_are_covered()
    {
        var ids = All.Select(d => d.Id).ToList();
        foreach (var needed in new[]
                 {
                     "drivers/mfd/rk808.c", "drivers/clk/rockchip/clk-rk3399.c", "drivers/clk/bcm/clk-bcm2835.c",
                     "drivers/clk/qcom/gcc-sdm845.c", "drivers/firmware/arm_scpi.c", "drivers/irqchip/irq-mvebu-icu.c",
                     "drivers/firmware/xilinx/zynqmp.c", "drivers/bus/sunxi-rsb.c", "drivers/bus/simple-pm-bus.c",
                     "drivers/irqchip/irq-imx-gpcv2.c", "drivers/irqchip/irq-gic-v3.c",
                 })
            Assert.True(ids.Any(i => i.StartsWith(needed + ":", StringComparison.Ordinal)), needed + " has no entry");
        Assert.Contains(All, d => d.Early.Any(x => x.Table == EarlyTable.Clk) && d.Bus is null);
        Assert.Contains(All, d => d.Early.Any(x => x.LeavesNode) && d.Bus is not null);
        Assert.Contains(All, d => d.RegisteredBy is not null);
    }

    [Fact]
    public void Every_driver_entry_names_its_struct_and_probe_and_every_entry_has_a_status_reason()
    {
        foreach (var d in All)
        {
            Assert.False(string.IsNullOrWhiteSpace(d.StatusBecause), d.Id);
            if (d.Bus is null)
            {
                Assert.True(d.Early.Count > 0, d.Id + ": an entry without a bus must be an early declare");
                continue;
            }
            Assert.NotNull(d.Driver);
            Assert.NotNull(d.StructAt);
            Assert.Equal(d.File, d.StructAt!.Value.File);
            if (d.Status == BuildStatus.Module) Assert.False(string.IsNullOrEmpty(d.Module), d.Id + ": module name");
        }
    }

    [Fact]
    public void Kebab_values_map_onto_the_model_enums()
    {
        Assert.Equal(PlanPolicy.OptionalDeferPropagates, ExpectedDriverFacts.Enum<PlanPolicy>("optional-defer-propagates", "t"));
        Assert.Equal(BuildStatus.NotBuilt, ExpectedDriverFacts.Enum<BuildStatus>("not-built", "t"));
        Assert.Equal(BuildStatus.BuiltIn, ExpectedDriverFacts.Enum<BuildStatus>("builtin", "t"));
        Assert.Equal(EarlyTable.ClkDriver, ExpectedDriverFacts.Enum<EarlyTable>("clk-driver", "t"));
        Assert.Equal("optional-defer-propagates", ExpectedDriverFacts.Kebab(nameof(PlanPolicy.OptionalDeferPropagates)));
    }

    [Fact]
    public void A_bad_value_names_the_driver_and_the_field()
    {
        const string yaml = """
            - driver: x
              id: drivers/x.c:x_driver
              bus: platform
              status: builtin
              status_because: "test"
              requests:
                - {kind: clock, lookup: sideways, policy: required, call: devm_clk_get, at: "drivers/x.c:1"}
            """;
        var e = Assert.Throws<FormatException>(() => ExpectedDriverFacts.Load(yaml));
        Assert.Contains("drivers/x.c:x_driver: requests[0].lookup", e.Message);
        Assert.Contains("'sideways'", e.Message);
    }

    [Fact]
    public void A_citation_without_a_line_is_refused()
    {
        var e = Assert.Throws<FormatException>(() => ExpectedDriverFacts.Cite("drivers/x.c", "x: probe_at"));
        Assert.Contains("x: probe_at", e.Message);
    }
}
