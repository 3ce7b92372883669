using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Tests;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Tests.Drivers;

/// <summary>The Debian bookworm arm64 tables (/work/shared/kernels/debian-bookworm-arm64, counts from its README).</summary>
public class KernelDriverTablesTests
{
    private static readonly Lazy<KernelDriverTables> Debian = new(() => new KernelDriverTables(DebianDir));

    private static string DebianDir => Path.Combine(TestPaths.Shared, "kernels", "debian-bookworm-arm64");

    private static int RawRows(string file, Func<string[], bool> predicate) =>
        File.ReadLines(Path.Combine(DebianDir, file)).Where(l => !l.StartsWith('#')).Select(l => l.Split('\t')).Count(predicate);

    [Fact]
    public void Builtin_platform_drivers_group_by_source_and_symbol()
    {
        var t = Debian.Value;
        var platform = t.Drivers.Where(d => d is { Bus: DriverBus.Platform, Availability: DriverAvailability.BuiltIn }).ToList();
        // 264 platform_driver tables; grouping by driver symbol alone would give 262 (two static rockchip_pcie_driver, two arm_smmu_driver)
        Assert.Equal(264, platform.Count);
        Assert.Equal(264, platform.Select(d => d.Name).Distinct().Count());
        Assert.Contains(platform, d => d.Name == "arm-smmu");
        Assert.Contains(platform, d => d.Name == "arm-smmu-v3");
        Assert.Contains(platform, d => d.Name == "rockchip-pcie");
        Assert.Contains(platform, d => d.Name == "rockchip-dw-pcie");
        Assert.Equal(39, platform.Single(d => d.Name == "qcom-spmi-gpio").Compatibles.Count);
        Assert.Equal(769, platform.Sum(d => d.Compatibles.Count));
    }

    [Fact]
    public void I2c_and_spi_drivers_are_listed_separately()
    {
        var secondary = Debian.Value.SecondaryBusDrivers;
        Assert.Equal(7, secondary.Count(s => s.Binding == "i2c_driver"));
        Assert.Equal(1, secondary.Count(s => s.Binding == "spi_driver"));
        Assert.Contains(secondary, s => s.Name == "rtc-ds1307" && s.Compatibles.Contains("dallas,ds1307"));
        Assert.DoesNotContain(Debian.Value.Drivers, d => d.Name == "rtc-ds1307");
        // the "none" table of_default_bus_match_table is no driver; in 6.1 simple-pm-bus also lists simple-bus
        Assert.Equal(new[] { "simple-pm-bus" }, Debian.Value.Drivers.Where(d => d.Compatibles.Contains("simple-bus")).Select(d => d.Name));
    }

    [Fact]
    public void Early_tables_match_the_readme()
    {
        var early = Debian.Value.EarlyTables;
        Assert.Equal(63, RawRows("early-of-tables.tsv", f => f[0] == "__clk_of_table"));
        Assert.Equal(28, RawRows("early-of-tables.tsv", f => f[0] == "__irqchip_of_table"));
        Assert.Equal(16, RawRows("early-of-tables.tsv", f => f[0] == "__timer_of_table"));
        Assert.Equal(2, RawRows("early-of-tables.tsv", f => f[0] == "__reservedmem_of_table"));
        Assert.Equal(44, RawRows("early-of-tables.tsv", f => f[0] == "__earlycon_table"));
        Assert.Equal(63, early.Count(e => e.Table is EarlyTable.Clk or EarlyTable.ClkDriver));
        Assert.Equal(11, early.Count(e => e.Table == EarlyTable.ClkDriver));
        Assert.Equal(28, early.Count(e => e.Table == EarlyTable.Irqchip));
        Assert.Equal(16, early.Count(e => e.Table == EarlyTable.Timer));
        Assert.Equal(2, early.Count(e => e.Table == EarlyTable.ReservedMem));
        Assert.Equal(36, early.Count(e => e.Table == EarlyTable.Earlycon)); // 8 name-only EARLYCON_DECLAREs skipped
        Assert.Equal(0, early.Count(e => e.Table == EarlyTable.Iommu));
        Assert.Equal(new EarlyEntry(EarlyTable.Irqchip, "arm,gic-v3", "gic_of_init"), early.Single(e => e.Compatible == "arm,gic-v3"));
        Assert.Equal(EarlyTable.Timer, early.Single(e => e.Compatible == "arm,armv8-timer").Table);
        Assert.Equal(EarlyTable.Clk, early.Single(e => e.Compatible == "fixed-clock").Table);
        Assert.Equal(EarlyTable.ClkDriver, early.Single(e => e.Compatible == "allwinner,sun50i-h6-rtc").Table);
        Assert.Contains(early, e => e is { Table: EarlyTable.Earlycon, Compatible: "arm,pl011" });
    }

    [Fact]
    public void Amba_drivers_match_by_peripheral_id()
    {
        var t = Debian.Value;
        Assert.Equal(51, RawRows("amba-ids.tsv", _ => true));
        var amba = t.Drivers.Where(d => d.Bus == DriverBus.Amba).ToList();
        Assert.Equal(new[] { "amba-proxy", "clcd-pl11x", "pl061_gpio", "rtc-pl031", "uart-pl010", "uart-pl011" },
            amba.Where(d => d.Availability == DriverAvailability.BuiltIn).Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.Equal(9, amba.Where(d => d.Availability == DriverAvailability.BuiltIn).Sum(d => d.AmbaIds.Count) + 1); // + amba-proxy's "-" row
        Assert.Equal(8, amba.Count(d => d.Availability == DriverAvailability.Module));
        Assert.Equal(42, amba.Where(d => d.Availability == DriverAvailability.Module).Sum(d => d.AmbaIds.Count));
        Assert.Empty(amba.Single(d => d.Name == "amba-proxy").AmbaIds);

        // arm,pl011 is in no OF driver table, yet the built-in AMBA uart-pl011 binds it by id
        Assert.DoesNotContain(t.Drivers, d => d.Compatibles.Contains("arm,pl011"));
        var pl011 = amba.Single(d => d.Name == "uart-pl011");
        Assert.Contains(new AmbaId(0x00041011, 0x000fffff), pl011.AmbaIds);
        var node = DefaultDriverSetTests.Compile("""/ { serial@0 { compatible = "arm,pl011", "arm,primecell"; }; };""").FindByPath("/serial@0")!;
        var periphid = PrimecellIds.PeriphidOf(node)!.Value;
        Assert.Equal(new[] { "uart-pl011" }, amba.Where(d => PrimecellIds.Matches(d.AmbaIds, periphid)).Select(d => d.Name));

        var mmci = amba.Single(d => d.Name == "armmmci");
        Assert.Equal(("armmmci", DriverAvailability.Module, (double?)1.0), (mmci.Module, mmci.Availability, mmci.LoadAt));
        Assert.Contains(new AmbaId(0x00041180, 0xff0fffff), mmci.AmbaIds);
    }

    [Fact]
    public void Modules_come_from_the_of_aliases()
    {
        var t = Debian.Value;
        var modules = t.Drivers.Where(d => d is { Bus: DriverBus.Platform, Availability: DriverAvailability.Module }).ToList();
        Assert.Equal(727, modules.Count);
        Assert.Equal(2817, modules.SelectMany(m => m.Compatibles).Distinct().Count());
        var ad7414 = modules.Single(m => m.Compatibles.Contains("ad,ad7414"));
        Assert.Equal(("ad7414", "ad7414", (double?)1.0), (ad7414.Name, ad7414.Module, ad7414.LoadAt));
        Assert.Contains(modules, m => m.Name == "coresight_funnel");
        Assert.Contains(t.Drivers, d => d is { Name: "coresight_funnel", Bus: DriverBus.Amba });
        Assert.Equal(2915, t.ModuleAliases.Count); // 5830 rows: plain and C* forms fold; 98 compatibles are in two modules
        Assert.Equal(2915, modules.Sum(m => m.Compatibles.Count));
        var ipmi = t.ModuleAliases.Where(a => a.DeviceType is not null).ToList();
        Assert.Equal(3, ipmi.Count);
        Assert.All(ipmi, a => Assert.Equal(("ipmi_si", "ipmi", (string?)null), (a.Module, a.DeviceType!, a.NodeName)));
        Assert.True(t.Modules);
        Assert.Equal("y", t.Config["CONFIG_ARM_AMBA"]);
        Assert.Equal(1005, t.Drivers.Count);
    }

    [Fact]
    public void Builtins_register_in_link_order_before_modules()
    {
        var t = Debian.Value;
        var builtIns = t.Drivers.TakeWhile(d => d.Availability == DriverAvailability.BuiltIn).ToList();
        Assert.Equal(270, builtIns.Count);
        Assert.All(t.Drivers.Skip(270), d => Assert.Equal(DriverAvailability.Module, d.Availability));
        var sources = builtIns.Select(d => d.Origin[(d.Origin.LastIndexOf('(') + 1)..^1]).ToList();
        Assert.Equal(sources.OrderBy(LinkOrder.Key, StringComparer.Ordinal), sources);
        // drivers/Makefile: irqchip and clk link before tty, tty before mmc
        Assert.True(sources.FindIndex(s => s.StartsWith("drivers/clk/")) < sources.FindIndex(s => s.StartsWith("drivers/tty/")));
        Assert.True(sources.FindIndex(s => s.StartsWith("drivers/tty/")) < sources.FindIndex(s => s.StartsWith("drivers/mmc/")));
        var moduleNames = t.Drivers.Skip(270).Select(d => d.Module!).ToList();
        Assert.Equal(moduleNames.Order(StringComparer.Ordinal), moduleNames);
    }

    [Fact]
    public void Resolve_is_shared_and_the_autoload_time_is_a_parameter()
    {
        var t = Debian.Value;
        var a = t.Resolve(new DtTree());
        var b = t.Resolve(DefaultDriverSetTests.Compile("/ { };"));
        Assert.Same(a, b);
        Assert.Equal(1.0, a.ModuleAutoloadAt);
        Assert.Equal("debian-bookworm-arm64", a.Name);
        Assert.Throws<NotSupportedException>(() => ((IList<DriverSpec>)a.Drivers).Add(a.Drivers[0]));

        var never = new KernelDriverTables(DebianDir, moduleAutoloadAt: null);
        Assert.Null(never.Resolve(new DtTree()).ModuleAutoloadAt);
        Assert.All(never.Drivers.Where(d => d.Availability == DriverAvailability.Module), d => Assert.Null(d.LoadAt));
        var late = new KernelDriverTables(DebianDir, moduleAutoloadAt: 4.5);
        Assert.All(late.Drivers.Where(d => d.Availability == DriverAvailability.Module), d => Assert.Equal(4.5, d.LoadAt));
    }
}
