using System.Text.Json;
using ProbeSim.Reports.KernelDrivers;

namespace ProbeSim.Reports.Tests.KernelDrivers;

public class DriverReportTests
{
    private static string Text(string query)
    {
        var w = new StringWriter();
        DriverReportText.Write(w, DriverReport.Find(SampleImport.Kernel(), query));
        return w.ToString();
    }

    private static string[] Lines(string query) => Text(query).Split('\n');

    [Fact]
    public void A_driver_with_an_incomplete_plan_shows_every_fact_in_order_with_its_source()
    {
        // the form of the brief (issue 13 item 4): each step numbered, in the kernel's words, with file:line and function
        Assert.Equal("""
            foo: 1 driver in kernel 6.1.192 (6.1.0-56-arm64) arm64

            driver foo (drivers/x.c:foo_driver)  drivers/x.c:200
              matched by: name
              bus: platform
              build: module foo
              initcall: unknown
              registered by: its own registration
              probe: foo_probe
              async probe: yes
              driver_managed_dma: no
              prevent_deferred_probe: no
              match table:
                of "vendor,foo"  drivers/x.c:180
                i2c "foo-i2c"  drivers/x.c:185
              early init: none
              probe plan: partial, 5 steps, 1 the scanner could not read
                1. clock "ahb" (by name) required — dev_err_probe: "failed to get ahb clock"  drivers/x.c:123 in foo_probe
                2. reset (index 0) optional (-EPROBE_DEFER still propagates)  drivers/x.c:130 in foo_probe
                3. unknown: calls foo_lib_init through a function pointer  drivers/x.c:140 in foo_probe
                4. returns -EPROBE_DEFER — dev_err_probe: "waiting for the PHY"  drivers/x.c:90 in foo_setup
                5. creates of_platform_populate children (default match table)  drivers/x.c:150 in foo_probe
              children:
                of_platform_populate children (default match table)  drivers/x.c:150 in foo_probe
              unknowns:
                initcall: registered from a macro the scanner does not expand  drivers/x.c:210
                build (of drivers/x.c): #if on a symbol the config does not set  drivers/x.c:5

            """.ReplaceLineEndings("\n"), Text("foo"));
    }

    [Fact]
    public void A_clock_controller_both_early_and_platform_shows_its_early_init_and_table_order()
    {
        var lines = Lines("rockchip,rk3399-cru");
        Assert.Equal("rockchip,rk3399-cru: 1 driver in kernel 6.1.192 (6.1.0-56-arm64) arm64", lines[0]);
        Assert.Contains("driver clk-rk3399 (drivers/clk/rockchip/clk-rk3399.c:clk_rk3399_driver)  drivers/clk/rockchip/clk-rk3399.c:1651", lines);
        Assert.Contains("  matched by: of compatible \"rockchip,rk3399-cru\"", lines);
        Assert.Contains("  initcall: device_initcall", lines);
        // clk-rk3399.c:1575: CLK_OF_DECLARE; rk3399_clk_init registers the reset controller too (1568)
        Assert.Contains("    CLK_OF_DECLARE(\"rockchip,rk3399-cru\", rk3399_clk_init): built-in, provides clock, reset, node not left to a driver  drivers/clk/rockchip/clk-rk3399.c:1575", lines);
        // the table's order (1625 before 1628), not the import's list order
        int cru = Array.IndexOf(lines, "    of \"rockchip,rk3399-cru\"  drivers/clk/rockchip/clk-rk3399.c:1625");
        int pmu = Array.IndexOf(lines, "    of \"rockchip,rk3399-pmucru\"  drivers/clk/rockchip/clk-rk3399.c:1628");
        Assert.True(cru > 0 && pmu > cru);
        Assert.Contains("  probe plan: complete, 0 steps", lines);
    }

    [Fact]
    public void The_early_init_of_a_sibling_compatible_is_shown_for_the_driver()
    {
        // the pmucru query finds the same driver, whose compatibles include the early "rockchip,rk3399-cru"
        Assert.Contains("CLK_OF_DECLARE(\"rockchip,rk3399-cru\"", Text("rockchip,rk3399-pmucru"));
    }

    [Fact]
    public void A_module_init_of_a_module_runs_at_load_not_at_a_level()
    {
        // include/linux/module.h: module_init is device_initcall only when built in; a module's init runs in do_init_module
        var k = SampleImport.Kernel();
        k = k with { Drivers = k.Drivers.Select(d => d.Id == SampleImport.Foo ? d with { Initcall = ProbeSim.Kernel.Drivers.InitcallLevel.Device } : d).ToList() };
        var w = new StringWriter();
        DriverReportText.Write(w, DriverReport.Find(k, "foo"));
        Assert.Contains("  initcall: module_init (runs when the module loads)\n", w.ToString());
        Assert.Contains("  initcall: device_initcall\n", Text("rk808"));
    }

    [Fact]
    public void Compatibles_match_ignoring_case_as_of_compat_cmp_does() =>
        Assert.Contains("driver clk-rk3399", Text("Rockchip,RK3399-CRU"));

    [Fact]
    public void An_mfd_lists_its_cells_and_how_each_finds_its_node()
    {
        var lines = Lines("rockchip,rk808");
        Assert.Contains("  matched by: of compatible \"rockchip,rk808\"", lines);
        Assert.Contains("  bus: i2c", lines);
        Assert.Contains("  build: built-in (KBUILD_MODNAME rk808)", lines);
        int children = Array.IndexOf(lines, "  children:");
        Assert.True(children > 0);
        Assert.Equal("    MFD cell \"rk808-clkout\"  drivers/mfd/rk808.c:763 in rk808_probe", lines[children + 1]);
        Assert.Equal("    MFD cell \"rk808-regulator\", DT node \"regulators\" found by name  drivers/mfd/rk808.c:763 in rk808_probe", lines[children + 2]);
        Assert.Equal("    MFD cell \"rk808-rtc\"  drivers/mfd/rk808.c:763 in rk808_probe", lines[children + 3]);
        Assert.Contains("    2. creates MFD cell \"rk808-regulator\", DT node \"regulators\" found by name  drivers/mfd/rk808.c:763 in rk808_probe", lines);
    }

    [Fact]
    public void A_compatible_two_drivers_match_shows_both()
    {
        var r = DriverReport.Find(SampleImport.Kernel(), "vendor,shared");
        Assert.Equal(["drivers/a/one.c:one_driver", "drivers/b/two.c:two_driver"], r.Drivers.Select(d => d.Driver.Id));
        var lines = Lines("vendor,shared");
        Assert.Equal("vendor,shared: 2 drivers in kernel 6.1.192 (6.1.0-56-arm64) arm64", lines[0]);
        Assert.Contains("    of \"vendor,shared\" name \"dma\"  drivers/b/two.c:60", lines);
        Assert.Contains("  build: not built", lines);
        Assert.Contains("  driver_managed_dma: yes", lines);
        Assert.Contains("  probe plan: none (the boot uses the generic probe)", lines);
    }

    [Fact]
    public void A_name_two_drivers_share_lists_them_and_an_id_picks_one()
    {
        Assert.Contains("2 drivers share the name shared; give an id to see one: drivers/a/one.c:one_driver, drivers/b/two.c:two_driver",
            Lines("shared"));
        var r = DriverReport.Find(SampleImport.Kernel(), "drivers/b/two.c:two_driver");
        Assert.Equal("drivers/b/two.c:two_driver", Assert.Single(r.Drivers).Driver.Id);
        Assert.Equal("id", r.Drivers[0].MatchedBy);
    }

    [Fact]
    public void A_compatible_finds_an_i2c_id_without_its_vendor_prefix()
    {
        // of_modalias (drivers/of/base.c): a client's name is its compatible after the first comma, which i2c_match_id compares
        var r = DriverReport.Find(SampleImport.Kernel(), "acme,foo-i2c");
        Assert.Equal(SampleImport.Foo, Assert.Single(r.Drivers).Driver.Id);
        Assert.Equal("i2c id \"foo-i2c\" (the compatible without its vendor prefix)", r.Drivers[0].MatchedBy);
    }

    [Theory]
    [InlineData("0x00241330", true)]   // amba_lookup: (periphid & mask) == id
    [InlineData("00041330", true)]
    [InlineData("0x00041331", false)]
    [InlineData("00041330/000fffff", true)]
    public void An_amba_periphid_matches_through_the_mask(string query, bool found) =>
        Assert.Equal(found, DriverReport.Find(SampleImport.Kernel(), query).Drivers.Any(d => d.Driver.Name == "dma-pl330"));

    [Fact]
    public void A_compatible_only_an_early_table_declares_shows_the_early_init()
    {
        var r = DriverReport.Find(SampleImport.Kernel(), "vendor,early-only");
        Assert.True(r.Found);
        Assert.Empty(r.Drivers);
        var lines = Lines("vendor,early-only");
        Assert.Equal("vendor,early-only: early init only in kernel 6.1.192 (6.1.0-56-arm64) arm64", lines[0]);
        Assert.Contains("    IRQCHIP_DECLARE(\"vendor,early-only\", early_only_init): built-in, provides nothing recorded, node left to a driver  drivers/irqchip/early.c:10", lines);
    }

    [Fact]
    public void Unknowns_are_those_of_the_driver_and_its_file_only()
    {
        var f = Assert.Single(DriverReport.Find(SampleImport.Kernel(), "foo").Drivers);
        Assert.Equal(["initcall", "build"], f.Unknowns.Select(u => u.Fact));
    }

    [Fact]
    public void No_match_suggests_close_names()
    {
        var r = DriverReport.Find(SampleImport.Kernel(), "clk-rk3398");
        Assert.False(r.Found);
        Assert.Equal(["clk-rk3399"], r.Suggestions);
        Assert.Contains("rk808", DriverReport.Find(SampleImport.Kernel(), "rk80").Suggestions);
        Assert.Empty(DriverReport.Find(SampleImport.Kernel(), "nothing-like-it").Suggestions);
    }

    [Fact]
    public void Json_has_the_documented_shape()
    {
        using var doc = JsonDocument.Parse(DriverReportJson.ToJson(DriverReport.Find(SampleImport.Kernel(), "foo")));
        var root = doc.RootElement;
        Assert.Equal("probesim-kernel-driver/1", root.GetProperty("schema").GetString());
        Assert.Equal("6.1.192", root.GetProperty("kernel").GetProperty("version").GetString());
        var d = root.GetProperty("drivers")[0];
        Assert.Equal("drivers/x.c:foo_driver", d.GetProperty("id").GetString());
        Assert.Equal("module", d.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, d.GetProperty("initcall").ValueKind);
        Assert.True(d.GetProperty("asyncProbe").GetBoolean());
        var plan = d.GetProperty("plan");
        Assert.False(plan.GetProperty("complete").GetBoolean());
        var first = plan.GetProperty("steps")[0];
        Assert.Equal(1, first.GetProperty("step").GetInt32());
        Assert.Equal("clock", first.GetProperty("resource").GetString());
        Assert.Equal("name", first.GetProperty("lookup").GetString());
        Assert.Equal("required", first.GetProperty("policy").GetString());
        Assert.Equal("failed to get ahb clock", first.GetProperty("message").GetString());
        Assert.Equal("drivers/x.c:123", first.GetProperty("source").GetString());
        Assert.Equal("optional-defer-propagates", plan.GetProperty("steps")[1].GetProperty("policy").GetString());
        Assert.Equal("of-populate", d.GetProperty("children")[0].GetProperty("child").GetString());
        Assert.Equal(2, d.GetProperty("unknowns").GetArrayLength());
    }

    [Fact]
    public void The_same_import_gives_the_same_bytes()
    {
        foreach (var q in new[] { "foo", "rockchip,rk808", "vendor,shared", "rockchip,rk3399-cru" })
        {
            Assert.Equal(Text(q), Text(q));
            Assert.Equal(DriverReportJson.ToJson(DriverReport.Find(SampleImport.Kernel(), q)), DriverReportJson.ToJson(DriverReport.Find(SampleImport.Kernel(), q)));
        }
    }

    [Fact]
    public void The_order_an_import_lists_drivers_and_matches_in_does_not_change_the_reports()
    {
        var k = SampleImport.Kernel();
        var reversed = k with { Drivers = k.Drivers.Reverse().ToList(), Matches = k.Matches.Reverse().ToList() };
        foreach (var q in new[] { "foo", "rockchip,rk808", "vendor,shared", "shared", "rockchip,rk3399-cru", "clk-rk3398" })
        {
            Assert.Equal(DriverReportJson.ToJson(DriverReport.Find(k, q)), DriverReportJson.ToJson(DriverReport.Find(reversed, q)));
            var a = new StringWriter();
            var b = new StringWriter();
            DriverReportText.Write(a, DriverReport.Find(k, q));
            DriverReportText.Write(b, DriverReport.Find(reversed, q));
            Assert.Equal(a.ToString(), b.ToString());
        }
        var ca = new StringWriter();
        var cb = new StringWriter();
        CoverageReportText.Write(ca, CoverageReport.Of(k), 10);
        CoverageReportText.Write(cb, CoverageReport.Of(reversed with { Unknowns = k.Unknowns.Reverse().ToList() }), 10);
        Assert.Equal(ca.ToString(), cb.ToString());
    }

    [Fact]
    public void Kernel_strings_stay_on_one_line() =>
        Assert.Equal("\"a\\nb \\\"c\\\"\"", Quoted.Of("a\nb \"c\""));
}
