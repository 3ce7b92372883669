using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Source;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Tests.Drivers;

/// <summary>The "default" driver set: one built-in driver per first compatible, minus early-table and bus nodes.</summary>
public class DefaultDriverSetTests
{
    internal static DtTree Compile(string body) =>
        DtsCompiler.Compile("/dts-v1/;\n" + body, "test.dts", new DtsCompileOptions()).Tree;

    internal const string Board = """
        / {
            #address-cells = <1>;
            #size-cells = <1>;
            compatible = "acme,board";
            timer { compatible = "arm,armv8-timer"; };
            osc: osc { compatible = "fixed-clock"; #clock-cells = <0>; clock-frequency = <24000000>; };
            osc2 { compatible = "acme,osc", "fixed-clock"; #clock-cells = <0>; clock-frequency = <32768>; };
            reserved-memory {
                #address-cells = <1>; #size-cells = <1>; ranges;
                cma@90000000 { compatible = "shared-dma-pool"; reg = <0x90000000 0x100000>; reusable; };
                ramoops@80000000 { compatible = "ramoops"; reg = <0x80000000 0x100000>; };
            };
            soc {
                compatible = "simple-bus";
                #address-cells = <1>; #size-cells = <1>; ranges;
                intc: interrupt-controller@1000 {
                    compatible = "arm,gic-400";
                    reg = <0x1000 0x1000>;
                    #address-cells = <1>; #size-cells = <1>; ranges;
                    v2m@8000 { compatible = "arm,gic-v2m-frame"; reg = <0x8000 0x1000>; msi-controller; };
                };
                dma@2000000 { compatible = "acme,dmac"; reg = <0x2000000 0x1000>; };
                dma@2100000 { compatible = "acme,dmac"; reg = <0x2100000 0x1000>; status = "disabled"; };
                pmic@3000 { compatible = "acme,pmic", "simple-mfd"; reg = <0x3000 0x100>;
                    regulator { compatible = "acme,pmic-regulator"; };
                };
                serial@4000 { compatible = "arm,pl011", "arm,primecell"; reg = <0x4000 0x1000>; };
                serial@5000 { compatible = "arm,pl011", "arm,primecell"; reg = <0x5000 0x1000>; };
                wdt@6000 { compatible = "arm,sp805", "arm,primecell"; reg = <0x6000 0x1000>; };
                mmc@7000 { compatible = "acme,mmc", "arm,primecell"; arm,primecell-periphid = <0x00341181>; reg = <0x7000 0x1000>; };
                mystery@8000 { compatible = "acme,mystery", "arm,primecell"; reg = <0x8000 0x1000>; };
                isa { compatible = "isa"; };
            };
        };
        """;

    private static DriverSet Resolve() => new DefaultDriverSet().Resolve(Compile(Board));

    [Fact]
    public void One_driver_per_first_compatible_in_dt_order()
    {
        var set = Resolve();
        Assert.Equal("default", set.Name);
        Assert.Equal(
            new[] { "acme-board", "ramoops", "acme-dmac", "acme-pmic", "acme-pmic-regulator", "arm-pl011", "arm-sp805", "acme-mmc", "acme-mystery" },
            set.Drivers.Select(d => d.Name));
        Assert.All(set.Drivers, d => Assert.Equal(DriverAvailability.BuiltIn, d.Availability));
        Assert.All(set.Drivers, d => Assert.Equal(InitcallLevel.Device, d.Level));
        Assert.Equal(new[] { "acme,dmac" }, set.Drivers.Single(d => d.Name == "acme-dmac").Compatibles);
        Assert.True(set.Modules);
        Assert.Null(set.ModuleAutoloadAt);
        Assert.Same(DefaultEarlyTables.Entries, set.EarlyTables);
    }

    [Fact]
    public void Early_table_nodes_bus_nodes_and_gic_frames_get_no_driver()
    {
        var names = Resolve().Drivers.Select(d => d.Name).ToHashSet();
        foreach (var none in new[] { "arm-armv8-timer", "fixed-clock", "acme-osc", "shared-dma-pool", "simple-bus", "arm-gic-400", "arm-gic-v2m-frame", "isa", "simple-mfd" })
            Assert.DoesNotContain(none, names);
    }

    [Fact]
    public void Primecell_nodes_get_amba_drivers_matching_by_id()
    {
        var drivers = Resolve().Drivers.ToDictionary(d => d.Name);
        Assert.All(new[] { "arm-pl011", "arm-sp805", "acme-mmc", "acme-mystery" }, n => Assert.Equal(DriverBus.Amba, drivers[n].Bus));
        Assert.Equal(new[] { new AmbaId(0x00041011, 0x000fffff) }, drivers["arm-pl011"].AmbaIds);
        Assert.Equal(new[] { new AmbaId(0x00141805, 0x00ffffff) }, drivers["arm-sp805"].AmbaIds);
        Assert.Equal(new[] { new AmbaId(0x00341181, 0xffffffff) }, drivers["acme-mmc"].AmbaIds);
        // unknown periphid: empty id table, the compatible is the model's OF fallback
        Assert.Empty(drivers["acme-mystery"].AmbaIds);
        Assert.Equal(new[] { "acme,mystery" }, drivers["acme-mystery"].Compatibles);
        Assert.Equal(DriverBus.Platform, drivers["acme-dmac"].Bus);
    }

    [Fact]
    public void Primecell_ids_come_from_the_property_or_the_part_number()
    {
        var tree = Compile(Board);
        Assert.Equal(0x00041011u, PrimecellIds.PeriphidOf(tree.FindByPath("/soc/serial@4000")!));
        Assert.Equal(0x00341181u, PrimecellIds.PeriphidOf(tree.FindByPath("/soc/mmc@7000")!));
        Assert.Null(PrimecellIds.PeriphidOf(tree.FindByPath("/soc/mystery@8000")!));
        Assert.Equal(new AmbaId(0x00041330, 0x000fffff), PrimecellIds.DefaultIdFor("arm,pl330"));
        Assert.Equal(new AmbaId(0x000410aa, 0x000fffff), PrimecellIds.DefaultIdFor("arm,pl0aa"));
        Assert.Null(PrimecellIds.DefaultIdFor("arm,pl01"));
        Assert.Null(PrimecellIds.DefaultIdFor("arm,pl0111"));
        Assert.Null(PrimecellIds.DefaultIdFor("arm,plxyz"));
        Assert.True(PrimecellIds.Matches(new[] { new AmbaId(0x00041011, 0x000fffff) }, 0x00341011));
        Assert.False(PrimecellIds.Matches(new[] { new AmbaId(0x00041011, 0x000fffff) }, 0x00041012));
    }

    [Fact]
    public void A_primecell_whose_only_compatible_is_primecell_gets_nothing()
    {
        var set = new DefaultDriverSet().Resolve(Compile("""/ { x@1 { compatible = "arm,primecell"; }; };"""));
        Assert.Empty(set.Drivers);
    }

    [Fact]
    public void Driver_names_replace_commas()
    {
        Assert.Equal("acme-dmac", DefaultDriverSet.DriverNameFor("acme,dmac"));
        Assert.Equal("ns16550a", DefaultDriverSet.DriverNameFor("ns16550a"));
    }
}
