using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Drivers.Imported;
using ProbeSim.Kernel.Tests.Boot;
using static ProbeSim.Kernel.Tests.Plans.PlanSim;

namespace ProbeSim.Kernel.Tests.Plans;

/// <summary>What early inits register, nodes they leave to a driver, I2C id matching and a silent "rejects match".</summary>
public class EarlyAndMatchTests
{
    const string Cru = """
        /dts-v1/;
        / { #address-cells = <1>; #size-cells = <1>;
            cru: clock-controller@ff760000 { compatible = "rockchip,rk3399-cru"; reg = <0xff760000 0x1000>; #clock-cells = <1>; #reset-cells = <1>; };
            mmc@fe320000 { compatible = "acme,mmc"; reg = <0xfe320000 0x4000>; clocks = <&cru 76>; resets = <&cru 140>; };
        };
        """;

    [Fact]
    public void The_rk3399_cru_early_init_registers_its_reset_controller_so_resets_resolve_at_once()
    {
        // drivers/clk/rockchip/clk-rk3399.c:1575 CLK_OF_DECLARE(rk3399_cru, ..., rk3399_clk_init), which calls
        // rockchip_register_softrst (:1568) -> reset_controller_register (drivers/clk/rockchip/softrst.c:103)
        var entry = new EarlyEntry(EarlyTable.Clk, "rockchip,rk3399-cru", "rk3399_clk_init") { Provides = new[] { EarlyProvides.Clock, EarlyProvides.Reset } };
        var r = PlanSim.Boot(Cru, new[] { Generic("acme-mmc", "acme,mmc") }, new[] { entry });
        Assert.Equal(DeviceState.Bound, r.Dev("fe320000.mmc").State);
    }

    [Fact]
    public void Without_what_the_early_init_provides_the_reset_lookup_waits_for_a_device_that_never_comes()
    {
        var r = PlanSim.Boot(Cru, new[] { Generic("acme-mmc", "acme,mmc") }, new[] { new EarlyEntry(EarlyTable.Clk, "rockchip,rk3399-cru", "rk3399_clk_init") });
        Assert.Equal(DeviceState.Deferred, r.Dev("fe320000.mmc").State);
    }

    const string Gpc = """
        /dts-v1/;
        / { #address-cells = <1>; #size-cells = <1>;
            gpc: gpc@303a0000 { compatible = "fsl,imx8mq-gpc"; reg = <0x303a0000 0x10000>; interrupt-controller; #interrupt-cells = <3>;
                pgc { #address-cells = <1>; #size-cells = <0>; pgc_gpu: power-domain@5 { #power-domain-cells = <0>; reg = <5>; }; };
            };
            gpu@38000000 { compatible = "acme,gpu"; reg = <0x38000000 0x40000>; power-domains = <&pgc_gpu>; };
        };
        """;

    [Fact]
    public void The_imx_gpcv2_irqchip_leaves_its_node_to_the_power_domain_driver()
    {
        // drivers/irqchip/irq-imx-gpcv2.c:290 IRQCHIP_DECLARE(imx_gpcv2_imx8mq), :285 of_node_clear_flag(OF_POPULATED);
        // drivers/soc/imx/gpcv2.c:1536 "fsl,imx8mq-gpc", :1542 driver "imx-gpcv2"
        var irq = new EarlyEntry(EarlyTable.Irqchip, "fsl,imx8mq-gpc", "imx_gpcv2_irqchip_init") { LeavesNodeToDriver = true };
        var drivers = new[] { Generic("imx-gpcv2", "fsl,imx8mq-gpc"), Generic("acme-gpu", "acme,gpu") };
        var r = PlanSim.Boot(Gpc, drivers, new[] { irq });
        Assert.Equal(("imx-gpcv2", DeviceState.Bound), (r.Dev("303a0000.gpc").Driver, r.Dev("303a0000.gpc").State));
        Assert.Equal(DeviceState.Bound, r.Dev("38000000.gpu").State);

        var populated = PlanSim.Boot(Gpc, drivers, new[] { irq with { LeavesNodeToDriver = null } });
        Assert.Equal(DeviceState.NotPresent, populated.Dev("gpc@303a0000").State);
        Assert.NotEqual(DeviceState.Bound, populated.Dev("38000000.gpu").State);
    }

    const string I2cRtc = """
        /dts-v1/;
        / { #address-cells = <1>; #size-cells = <1>;
            i2c@ff110000 { compatible = "acme,i2c"; reg = <0xff110000 0x1000>; #address-cells = <1>; #size-cells = <0>;
                rtc@51 { compatible = "philips,pcf8563"; reg = <0x51>; };
                codec@1a { compatible = "acme,codec"; reg = <0x1a>; };
            };
        };
        """;

    [Fact]
    public void A_builtin_i2c_driver_binds_by_its_id_table_against_the_stripped_first_compatible()
    {
        // drivers/rtc/rtc-pcf8563.c:587 i2c_device_id "pcf8563", :596 of_match "nxp,pcf8563";
        // i2c_device_match falls back to i2c_match_id (drivers/i2c/i2c-core-base.c:156) with the client name of_modalias_node gives
        var rtc = new DriverSpec { Name = "rtc-pcf8563", Bus = DriverBus.I2c, Compatibles = new[] { "nxp,pcf8563" }, BusIds = new[] { "pcf8563" } };
        var r = PlanSim.Boot(I2cRtc, new[] { Generic("acme-i2c", "acme,i2c"), rtc, Generic("acme-codec", "acme,codec") });
        Assert.Equal(("rtc-pcf8563", DeviceState.Bound), (r.Dev("0-0051").Driver, r.Dev("0-0051").State));
        // a real kernel's set: a platform driver does not bind an I2C client
        Assert.Equal(DeviceState.NoDriver, r.Dev("0-001a").State);
    }

    [Fact]
    public void The_default_set_still_lets_platform_drivers_bind_i2c_clients()
    {
        var r = PlanSim.Boot(I2cRtc, new[] { Generic("acme-i2c", "acme,i2c"), Generic("acme-codec", "acme,codec") });
        Assert.Equal(DeviceState.Bound, r.Dev("0-001a").State);
    }

    [Fact]
    public void Simple_pm_bus_rejects_a_node_whose_first_compatible_is_not_its_own_silently()
    {
        // drivers/bus/simple-pm-bus.c:40-45: an ONLY_BUS match (simple-bus, simple-mfd, :74-77) that is not the node's
        // first compatible returns -ENODEV; drivers/base/dd.c:568-571 logs "rejects match" at debug level only
        const string dts = """
            /dts-v1/;
            / { #address-cells = <1>; #size-cells = <1>;
                syscon@ff770000 { compatible = "rockchip,rk3399-grf", "syscon", "simple-mfd"; reg = <0xff770000 0x10000>; };
            };
            """;
        var r = PlanSim.Boot(dts, Array.Empty<DriverSpec>());
        var grf = r.Dev("ff770000.syscon");
        Assert.Equal((DeviceState.NoDriver, "simple-pm-bus", (int?)-19), (grf.State, grf.RejectedBy, grf.Error));
        Assert.Equal("probe with driver simple-pm-bus rejects match -19 (ENODEV)", grf.Note.Text());
        var line = Assert.Single(r.Log, l => l.Text == "simple-pm-bus: probe of ff770000.syscon rejects match -19");
        Assert.Equal(LogLevel.Debug, line.Level);
        Assert.DoesNotContain(r.Log, l => l.Level <= LogLevel.Warning && l.Text.Contains("ff770000.syscon", StringComparison.Ordinal));
    }
}
