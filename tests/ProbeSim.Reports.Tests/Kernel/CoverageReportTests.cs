using System.Text.Json;
using ProbeSim.Reports.KernelDrivers;

namespace ProbeSim.Reports.Tests.KernelDrivers;

public class CoverageReportTests
{
    private static string Text(int top = 10)
    {
        var w = new StringWriter();
        CoverageReportText.Write(w, CoverageReport.Of(SampleImport.Kernel()), top);
        return w.ToString();
    }

    [Fact]
    public void Counts_drivers_plans_early_entries_and_unknowns()
    {
        var lines = Text().Split('\n');
        string[] expected =
        [
            "kernel 6.1.192 (6.1.0-56-arm64) arm64",
            "drivers: 6",
            "drivers built-in: 4 of 6 (66.7%)",
            "drivers module: 1 of 6 (16.7%)",
            "drivers not built: 1 of 6 (16.7%)",
            "drivers build unknown: 0 of 6 (0.0%)",
            "platform drivers: 4",
            "platform drivers built-in: 2",
            "platform drivers module: 1",
            "platform drivers not built: 1",
            "amba drivers: 1",
            "i2c drivers: 1",
            "spi drivers: 0",
            "drivers with a probe plan: 3 of 6 (50.0%)",
            "drivers with a complete plan: 2 of 6 (33.3%)",
            "drivers with a partial plan: 1 of 6 (16.7%)",
            "drivers without a plan: 3 of 6 (50.0%)",
            // built = built-in or module: 5; clk-rk3399 and rk808 have complete plans
            "built drivers with a complete plan: 2 of 5 (40.0%)",
            // settled: clk-rk3399 4, rk808 4, foo 2 (no initcall, partial plan), one 3, two 2 (no probe), pl330 3
            "driver facts settled: 18 of 24 (75.0%)",
            "plan steps: 8",
            "plan steps unknown: 1 of 8 (12.5%)",
            "early entries: 2",
            "early entries built: 2 of 2 (100.0%)",
            "early entries with known provides: 1 of 2 (50.0%)",
            "early entries leaving the node to a driver: 1 of 2 (50.0%)",
            "facts unknown: 6",
            "facts unknown, fact \"initcall\": 2",
            "facts unknown, fact \"match-entry\": 2",
            "facts unknown, fact \"build\": 1",
            "facts unknown, fact \"probe\": 1",
            // grouped by the typed cause: the two pci_device_id entries are one cause
            "facts unknown, cause \"entry-unread\": 2",
            "facts unknown, cause \"initcall-unreached\": 2",
            "facts unknown, cause \"kbuild-unevaluated\": 1",
            "facts unknown, cause \"no-probe\": 1",
        ];
        foreach (var e in expected) Assert.Contains(e, lines);
        // every line holds one figure, in a fixed order
        Assert.True(Array.IndexOf(lines, "drivers: 6") < Array.IndexOf(lines, "facts unknown: 6"));
    }

    [Fact]
    public void Top_limits_the_kinds_listed_and_sums_the_rest_in_one_line()
    {
        var lines = Text(top: 1).Split('\n');
        Assert.Contains("facts unknown, fact \"initcall\": 2", lines);
        Assert.Contains("facts unknown, fact (the 3 others): 4", lines);
        Assert.DoesNotContain("facts unknown, fact \"build\": 1", lines);
    }

    [Fact]
    public void An_empty_import_has_no_shares_to_divide()
    {
        var w = new StringWriter();
        CoverageReportText.Write(w, CoverageReport.Of(new() { Manifest = SampleImport.Manifest }), 10);
        Assert.Contains("drivers with a probe plan: 0 of 0", w.ToString().Split('\n'));
    }

    [Fact]
    public void Json_holds_every_count()
    {
        var json = CoverageReportJson.ToJson(CoverageReport.Of(SampleImport.Kernel()));
        Assert.Equal(json, CoverageReportJson.ToJson(CoverageReport.Of(SampleImport.Kernel())));
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("probesim-kernel-coverage/1", root.GetProperty("schema").GetString());
        var d = root.GetProperty("drivers");
        Assert.Equal(6, d.GetProperty("total").GetInt32());
        Assert.Equal(2, d.GetProperty("completePlan").GetInt32());
        Assert.Equal("platform", d.GetProperty("byBus")[0].GetProperty("bus").GetString());
        Assert.Equal(18, d.GetProperty("factsSettled").GetInt32());
        Assert.Equal(1, root.GetProperty("early").GetProperty("withProvides").GetInt32());
        var byFact = root.GetProperty("unknowns").GetProperty("byFact");
        Assert.Equal(4, byFact.GetArrayLength());
        Assert.Equal("initcall", byFact[0].GetProperty("fact").GetString());
        var byCause = root.GetProperty("unknowns").GetProperty("byCause");
        Assert.Equal("entry-unread", byCause[0].GetProperty("cause").GetString());
        Assert.Equal(2, byCause[0].GetProperty("count").GetInt32());
    }

    [Fact]
    public void The_same_import_gives_the_same_text() => Assert.Equal(Text(), Text());
}
