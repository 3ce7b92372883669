using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Drivers.Imported;
using ProbeSim.Kernel.Tests.Boot;
using static ProbeSim.Kernel.Tests.Plans.PlanSim;

namespace ProbeSim.Kernel.Tests.Plans;

/// <summary>Children a driver creates after its probe succeeded: MFD cells, of_platform_populate, bus clients.</summary>
public class PlanChildrenTests
{
    const string Rk808 = """
        /dts-v1/;
        / { #address-cells = <1>; #size-cells = <1>;
            i2c@ff3c0000 { compatible = "rockchip,rk3399-i2c"; reg = <0xff3c0000 0x1000>; #address-cells = <1>; #size-cells = <0>;
                rk808: pmic@1b { compatible = "rockchip,rk808"; reg = <0x1b>; #clock-cells = <1>;
                    regulators { vdd_log: DCDC_REG1 { regulator-name = "vdd_log"; }; };
                };
            };
            gpu@ff9a0000 { compatible = "acme,gpu"; reg = <0xff9a0000 0x1000>; mali-supply = <&vdd_log>; };
        };
        """;

    static List<DriverSpec> Rk808Drivers(bool regulatorDriver)
    {
        var drivers = new List<DriverSpec>
        {
            Generic("rk3x-i2c", "rockchip,rk3399-i2c"),
            // drivers/mfd/rk808.c:763 devm_mfd_add_devices(PLATFORM_DEVID_NONE) with the rk808 cells :155-156
            // ("rk808-clkout", "rk808-regulator"); the regulator driver finds its nodes under "regulators"
            // (drivers/regulator/rk808-regulator.c:690 regulators_node)
            new DriverSpec { Name = "rk808", Bus = DriverBus.I2c, Compatibles = new[] { "rockchip,rk808" }, BusIds = new[] { "rk808" } }.WithPlan(
                Children(ChildKind.MfdCell, "drivers/mfd/rk808.c:155", "rk808-clkout", id: -1),
                Children(ChildKind.MfdCell, "drivers/mfd/rk808.c:156", "rk808-regulator", nodeName: "regulators", id: -1)),
            Generic("acme-gpu", "acme,gpu"),
        };
        if (regulatorDriver) drivers.Add(new DriverSpec { Name = "rk808-regulator" });
        return drivers;
    }

    [Fact]
    public void The_rk808_on_i2c_binds_and_its_regulator_cell_becomes_the_provider_of_its_regulators()
    {
        var r = PlanSim.Boot(Rk808, Rk808Drivers(regulatorDriver: true));
        Assert.Equal(("rk808", DeviceState.Bound), (r.Dev("0-001b").Driver, r.Dev("0-001b").State));
        var cell = r.Dev("rk808-regulator");
        Assert.Equal(("rk808-regulator", DeviceState.Bound), (cell.Driver, cell.State));
        Assert.Equal("/i2c@ff3c0000/pmic@1b/regulators", cell.OfNode);
        Assert.Equal(DeviceState.NoDriver, r.Dev("rk808-clkout").State);
        Assert.Equal(DeviceState.Bound, r.Dev("ff9a0000.gpu").State);
    }

    [Fact]
    public void Without_the_regulator_driver_the_consumer_waits_for_the_cell_not_for_the_pmic()
    {
        var r = PlanSim.Boot(Rk808, Rk808Drivers(regulatorDriver: false));
        Assert.Equal(DeviceState.Bound, r.Dev("0-001b").State);
        Assert.Equal(DeviceState.Deferred, r.Dev("ff9a0000.gpu").State);
    }

    [Fact]
    public void An_mfd_cell_gets_its_interrupt_from_the_cell_resources_not_from_a_node()
    {
        // drivers/mfd/rk808.c:158 the rk808-rtc cell carries its IRQ as a resource; drivers/rtc/rtc-rk808.c:436 asks with
        // platform_get_irq(pdev, 0), which finds the resource mfd_add_device added
        var drivers = Rk808Drivers(regulatorDriver: true);
        drivers[1] = drivers[1].WithPlan(Children(ChildKind.MfdCell, "drivers/mfd/rk808.c:158", "rk808-rtc", id: -1));
        drivers.Add(new DriverSpec { Name = "rk808-rtc" }.WithPlan(
            Request(PlanResource.Interrupt, PlanLookup.Index, PlanPolicy.Required, "drivers/rtc/rtc-rk808.c:436", index: 0)));
        var r = PlanSim.Boot(Rk808, drivers);
        Assert.Equal(DeviceState.Bound, r.Dev("rk808-rtc").State);
    }

    const string Scpi = """
        /dts-v1/;
        / { #address-cells = <1>; #size-cells = <1>;
            firmware {
                scpi { compatible = "arm,scpi"; mboxes = <&mbox 1>;
                    scpi_clk: clocks { compatible = "arm,scpi-clocks"; #clock-cells = <1>; };
                };
            };
            mbox: mbox@2b200000 { compatible = "acme,mbox"; reg = <0x2b200000 0x1000>; #mbox-cells = <1>; };
            hdlcd@7ff60000 { compatible = "arm,hdlcd"; reg = <0x7ff60000 0x1000>; clocks = <&scpi_clk 3>; };
        };
        """;

    static DriverSpec[] ScpiDrivers(bool populates) => new[]
    {
        Generic("acme-mbox", "acme,mbox"),
        // drivers/firmware/arm_scpi.c:983 mbox_request_channel (-EPROBE_DEFER propagates, :987), :1036 devm_of_platform_populate
        Generic("scpi", "arm,scpi").WithPlan(populates
            ? new[] { Request(PlanResource.Mailbox, PlanLookup.Index, PlanPolicy.Required, "drivers/firmware/arm_scpi.c:983", index: 0),
                      Children(ChildKind.OfPopulate, "drivers/firmware/arm_scpi.c:1036") }
            : new[] { Request(PlanResource.Mailbox, PlanLookup.Index, PlanPolicy.Required, "drivers/firmware/arm_scpi.c:983", index: 0) }),
        Generic("scpi_clocks", "arm,scpi-clocks"),
        Generic("hdlcd", "arm,hdlcd"),
    };

    [Fact]
    public void Arm_scpi_populates_its_node_and_hdlcd_gets_its_clock()
    {
        var r = PlanSim.Boot(Scpi, ScpiDrivers(populates: true));
        Assert.Equal(DeviceState.Bound, r.Dev("firmware:scpi").State);
        Assert.Equal(DeviceState.Bound, r.Dev("firmware:scpi:clocks").State);
        Assert.Equal(DeviceState.Bound, r.Dev("7ff60000.hdlcd").State);
    }

    [Fact]
    public void A_plan_without_populate_leaves_the_children_alone_and_hdlcd_defers()
    {
        var r = PlanSim.Boot(Scpi, ScpiDrivers(populates: false));
        Assert.Equal(DeviceState.Bound, r.Dev("firmware:scpi").State);
        Assert.Equal(DeviceState.NotPresent, r.Dev("clocks").State);
        Assert.Equal(DeviceState.Deferred, r.Dev("7ff60000.hdlcd").State);
    }

    [Fact]
    public void A_sunxi_rsb_controller_creates_its_clients_named_as_the_kernel_names_them()
    {
        // drivers/bus/sunxi-rsb.c:215 dev_set_name("%s-%x", "sunxi-rsb", hwaddr); of_rsb_register_devices :578
        const string dts = """
            /dts-v1/;
            / { #address-cells = <1>; #size-cells = <1>;
                rsb@1f03400 { compatible = "allwinner,sun8i-a23-rsb"; reg = <0x1f03400 0x400>; #address-cells = <1>; #size-cells = <0>;
                    axp803: pmic@3a3 { compatible = "x-powers,axp803"; reg = <0x3a3>; };
                };
            };
            """;
        var r = PlanSim.Boot(dts, new[]
        {
            Generic("sunxi-rsb", "allwinner,sun8i-a23-rsb").WithPlan(Children(ChildKind.BusClients, "drivers/bus/sunxi-rsb.c:815", "sunxi-rsb")),
            Generic("axp20x-rsb", "x-powers,axp803"),
        });
        var pmic = r.Dev("sunxi-rsb-3a3");
        Assert.Equal(("sunxi-rsb", DeviceState.Bound), (pmic.Bus, pmic.State));
    }
}
