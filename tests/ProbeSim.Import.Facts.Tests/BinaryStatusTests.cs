using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Facts.Tests;

/// <summary>Every status read from Kconfig/Makefile agrees with linux-image-6.1.0-56-arm64's tables, or the entry says why not.</summary>
public class BinaryStatusTests
{
    private static readonly IReadOnlyList<ExpectedDriver> All = ExpectedDriverFacts.LoadDefault();
    private static readonly Lazy<BinaryTables> Tables = new(() => new BinaryTables(FactsPaths.DebianArm64Tables));

    [Fact]
    public void Every_driver_status_agrees_with_the_binary_tables_or_is_explained()
    {
        var bad = new List<string>();
        var checkedCount = 0;
        foreach (var d in All.Where(d => d.Bus is not null))
        {
            var v = Tables.Value.Driver(d);
            if (v is null) continue;
            checkedCount++;
            if (v.Status != d.Status)
            {
                if (d.BinaryDisagrees is null) bad.Add($"{d.Id}: source says {d.Status}, binary {v.Status}");
                continue;
            }
            // modules.builtin names built-in objects too (builtin_module column): the entry must say the same.
            if (d.Status is BuildStatus.Module or BuildStatus.BuiltIn && v.Module != d.Module && d.BinaryDisagrees is null)
                bad.Add($"{d.Id}: module {d.Module ?? "null"}, binary {v.Module ?? "null"}");
            var values = d.Bus == ImportedBus.Amba ? d.BusIds : d.OfCompatibles;
            var agrees = v.Subset ? values.All(v.Values.Contains) : v.Values.SetEquals(values);
            if (v.Values.Count > 0 && !agrees && d.BinaryDisagrees is null)
                bad.Add($"{d.Id}: table [{string.Join(", ", values)}], binary [{string.Join(", ", v.Values.Order())}]");
        }
        Assert.True(bad.Count == 0, string.Join("\n", bad));
        Assert.True(checkedCount >= 30, $"only {checkedCount} drivers checked against the binary");
    }

    [Fact]
    public void Every_early_declare_is_in_the_binary_early_tables_with_its_init()
    {
        var bad = new List<string>();
        foreach (var d in All)
            foreach (var x in d.Early)
            {
                var rows = Tables.Value.Early(x.Compatible).Where(r => r.Table == BinaryTables.TableSymbol(x.Table)).ToList();
                var built = rows.Count > 0;
                if (built != (d.Status == BuildStatus.BuiltIn) && d.BinaryDisagrees is null)
                    bad.Add($"{d.Id}: early {x.Compatible} status {d.Status}, in the binary table: {built}");
                var inits = new[] { x.Init, $"__{x.Declare}_of_clk_init_declare", $"{x.Declare}_of_clk_init_driver" };
                if (built && !rows.Any(r => inits.Contains(r.Init)))
                    bad.Add($"{d.Id}: early {x.Compatible} init {x.Init}, binary {string.Join("/", rows.Select(r => r.Init))}");
                // CLK_OF_DECLARE_DRIVER's wrapper (include/linux/clk-provider.h) is NAME_of_clk_init_driver.
                if (built && x.Table is EarlyTable.Clk or EarlyTable.ClkDriver && x.Declare is not null)
                {
                    var wrapper = x.Table == EarlyTable.ClkDriver ? $"{x.Declare}_of_clk_init_driver" : $"__{x.Declare}_of_clk_init_declare";
                    if (!rows.Any(r => r.Init == wrapper)) bad.Add($"{d.Id}: early {x.Compatible} is {x.Table} but the binary's init is {string.Join("/", rows.Select(r => r.Init))}");
                }
            }
        Assert.True(bad.Count == 0, string.Join("\n", bad));
    }

    [Fact]
    public void Every_cited_config_line_is_in_debians_config()
    {
        var bad = All.SelectMany(d => d.Config.Where(c => !Tables.Value.Config.Contains(c)).Select(c => $"{d.Id}: {c}")).ToList();
        Assert.True(bad.Count == 0, string.Join("\n", bad));
    }

    [Fact]
    public void A_module_status_cites_an_m_config_and_a_builtin_status_a_y_config()
    {
        var bad = new List<string>();
        foreach (var d in All.Where(d => d.Config.Count > 0))
        {
            var first = d.Config[0];
            if (d.Status == BuildStatus.Module && !first.EndsWith("=m", StringComparison.Ordinal)) bad.Add($"{d.Id}: module but {first}");
            if (d.Status == BuildStatus.NotBuilt && !first.EndsWith("is not set", StringComparison.Ordinal)) bad.Add($"{d.Id}: not built but {first}");
        }
        Assert.True(bad.Count == 0, string.Join("\n", bad));
    }

    // The check itself: a status that contradicts the binary is seen (of-builtin-match-tables.tsv lists rk808 as an
    // i2c_driver built into the image; modules.alias has amba:d???41330 for pl330.ko).
    [Fact]
    public void The_tables_give_builtin_module_and_not_built_as_the_package_has_them()
    {
        ExpectedDriver Get(string id) => All.Single(d => d.Id == id);
        var rk808 = Tables.Value.Driver(Get("drivers/mfd/rk808.c:rk808_i2c_driver") with { Status = BuildStatus.Module });
        Assert.Equal(BuildStatus.BuiltIn, rk808!.Status);
        Assert.Equal("rk808", rk808.Module);
        var pl330 = Tables.Value.Driver(Get("drivers/dma/pl330.c:pl330_driver"));
        Assert.Equal(BuildStatus.Module, pl330!.Status);
        Assert.Contains("00041330/000fffff", pl330.Values);
        Assert.Equal(BuildStatus.NotBuilt, Tables.Value.Driver(Get("drivers/iommu/sun50i-iommu.c:sun50i_iommu_driver"))!.Status);
        // vc4's component tables have no MODULE_DEVICE_TABLE: the package lists them nowhere (the entry says so).
        var hdmi = Get("drivers/gpu/drm/vc4/vc4_hdmi.c:vc4_hdmi_driver");
        Assert.Equal(BuildStatus.NotBuilt, Tables.Value.Driver(hdmi)!.Status);
        Assert.NotNull(hdmi.BinaryDisagrees);
        // No table covers a PCI driver without an OF table.
        Assert.Null(Tables.Value.Driver(Get("drivers/nvme/host/pci.c:nvme_driver")));
    }
}
