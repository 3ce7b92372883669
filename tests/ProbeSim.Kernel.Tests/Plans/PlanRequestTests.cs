using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Drivers.Imported;
using ProbeSim.Kernel.Tests.Boot;
using static ProbeSim.Kernel.Tests.Plans.PlanSim;

namespace ProbeSim.Kernel.Tests.Plans;

/// <summary>drv->probe runs the driver's own plan: what it requests, in order, with its policy and its dev_err_probe text.</summary>
public class PlanRequestTests
{
    static readonly EarlyEntry FixedClock = new(EarlyTable.Clk, "fixed-clock", "of_fixed_clk_setup");

    // bcm2837-style CPRMAN: its clocks are the oscillator and the (disabled) DSI PLL outputs, used only as parent names
    const string Cprman = """
        /dts-v1/;
        / { #address-cells = <1>; #size-cells = <1>;
            osc: osc { compatible = "fixed-clock"; #clock-cells = <0>; clock-frequency = <19200000>; };
            soc { compatible = "simple-bus"; #address-cells = <1>; #size-cells = <1>; ranges;
                dsi0: dsi@7e209000 { compatible = "brcm,bcm2835-dsi0"; reg = <0x7e209000 0x78>; #clock-cells = <1>; status = "disabled"; };
                cprman: cprman@7e101000 { compatible = "brcm,bcm2835-cprman"; reg = <0x7e101000 0x2000>; #clock-cells = <1>;
                    clocks = <&osc>, <&dsi0 0>, <&dsi0 1>; };
                serial@7e215040 { compatible = "brcm,bcm2835-aux-uart"; reg = <0x7e215040 0x40>; clocks = <&cprman 20>; };
            };
        };
        """;

    static DriverSpec[] CprmanDrivers(bool plan)
    {
        var cprman = Generic("bcm2835-clk", "brcm,bcm2835-cprman");
        // drivers/clk/bcm/clk-bcm2835.c:2262 bcm2835_clk_probe requests no clock; :322 the parents are only names
        // (of_clk_get_parent_name), so every entry of "clocks" is named in DT but never requested
        if (plan) cprman = cprman.WithPlan(Request(PlanResource.Clock, PlanLookup.All, PlanPolicy.NotRequested, "drivers/clk/bcm/clk-bcm2835.c:322"));
        return new[] { cprman, Generic("bcm2835-aux-uart", "brcm,bcm2835-aux-uart") };
    }

    [Fact]
    public void Cprman_with_its_plan_does_not_request_its_parent_clocks_and_binds()
    {
        var r = PlanSim.Boot(Cprman, CprmanDrivers(plan: true), new[] { FixedClock });
        Assert.Equal(DeviceState.Bound, r.Dev("7e101000.cprman").State);
        Assert.Equal(OutcomeBasis.Modelled, r.Dev("7e101000.cprman").Basis);
        Assert.Equal(DeviceState.Bound, r.Dev("7e215040.serial").State);
        Assert.DoesNotContain(r.Log, l => l.Text.Contains("failed to get clock", StringComparison.Ordinal));
    }

    [Fact]
    public void Cprman_under_the_generic_probe_fails_on_the_disabled_dsi_clock_and_is_a_guess()
    {
        // debian-6.1 has the backport that gives -ENOENT for a disabled clock provider (docs/kernel/resource-providers.md)
        var r = PlanSim.Boot(Cprman, CprmanDrivers(plan: false), new[] { FixedClock });
        Assert.Equal(DeviceState.Failed, r.Dev("7e101000.cprman").State);
        Assert.Equal(OutcomeBasis.Guessed, r.Dev("7e101000.cprman").Basis);
    }

    // RK3399: the Arasan eMMC controller gets its PHY; the eMMC PHY names the controller's card clock but asks for it
    // only in phy_init (after the controller has registered it)
    const string Emmc = """
        /dts-v1/;
        / { #address-cells = <1>; #size-cells = <1>;
            cru: clock-controller@ff760000 { compatible = "rockchip,rk3399-cru"; reg = <0xff760000 0x1000>; #clock-cells = <1>; #reset-cells = <1>; };
            sdhci: mmc@fe330000 { compatible = "rockchip,rk3399-sdhci-5.1", "arasan,sdhci-5.1"; reg = <0xfe330000 0x10000>;
                clocks = <&cru 78>, <&cru 240>; clock-names = "clk_xin", "clk_ahb"; #clock-cells = <0>;
                phys = <&emmc_phy>; phy-names = "phy_arasan"; };
            grf: syscon@ff770000 { compatible = "rockchip,rk3399-grf", "syscon", "simple-mfd"; reg = <0xff770000 0x10000>;
                #address-cells = <1>; #size-cells = <1>;
                emmc_phy: phy@f780 { compatible = "rockchip,rk3399-emmc-phy"; reg = <0xf780 0x24>; clocks = <&sdhci>; clock-names = "emmcclk"; #phy-cells = <0>; };
            };
        };
        """;

    static DriverSpec[] EmmcDrivers(bool plan)
    {
        var sdhci = Generic("sdhci-arasan", "arasan,sdhci-5.1");
        var phy = Generic("rockchip-emmc-phy", "rockchip,rk3399-emmc-phy");
        if (plan)
        {
            sdhci = sdhci.WithPlan(
                // drivers/mmc/host/sdhci-of-arasan.c:1611-1614 devm_clk_get "clk_ahb", :1618-1620 "clk_xin", :1691-1694 devm_phy_get "phy_arasan"
                Request(PlanResource.Clock, PlanLookup.Name, PlanPolicy.Required, "drivers/mmc/host/sdhci-of-arasan.c:1611", "clk_ahb", message: "clk_ahb clock not found."),
                Request(PlanResource.Clock, PlanLookup.Name, PlanPolicy.Required, "drivers/mmc/host/sdhci-of-arasan.c:1618", "clk_xin", message: "clk_xin clock not found."),
                Request(PlanResource.Phy, PlanLookup.Name, PlanPolicy.Required, "drivers/mmc/host/sdhci-of-arasan.c:1691", "phy_arasan", message: "No phy for arasan,sdhci-5.1."));
            // drivers/phy/rockchip/phy-rockchip-emmc.c:258 clk_get_optional "emmcclk" is in phy_init, not in the probe (:347)
            phy = phy.WithPlan(Request(PlanResource.Clock, PlanLookup.Name, PlanPolicy.NotRequested, "drivers/phy/rockchip/phy-rockchip-emmc.c:258", "emmcclk"));
        }
        return new[] { sdhci, phy };
    }

    static readonly EarlyEntry Rk3399Cru = new(EarlyTable.Clk, "rockchip,rk3399-cru", "rk3399_clk_init");

    [Fact]
    public void The_emmc_controller_and_its_phy_both_bind_with_their_plans()
    {
        var r = PlanSim.Boot(Emmc, EmmcDrivers(plan: true), new[] { Rk3399Cru });
        Assert.Equal(DeviceState.Bound, r.Dev("ff770000.syscon:phy@f780").State);
        Assert.Equal(DeviceState.Bound, r.Dev("fe330000.mmc").State);
    }

    [Fact]
    public void Under_the_generic_probe_the_emmc_controller_and_its_phy_wait_on_each_other()
    {
        var r = PlanSim.Boot(Emmc, EmmcDrivers(plan: false), new[] { Rk3399Cru });
        Assert.NotEqual(DeviceState.Bound, r.Dev("fe330000.mmc").State);
        Assert.NotEqual(DeviceState.Bound, r.Dev("ff770000.syscon:phy@f780").State);
    }

    const string Consumer = """
        /dts-v1/;
        / { #address-cells = <1>; #size-cells = <1>;
            phyc: phy@1000 { compatible = "acme,phy"; reg = <0x1000 0x100>; #phy-cells = <0>; };
            mmc@2000 { compatible = "acme,mmc"; reg = <0x2000 0x100>; phys = <&phyc>; phy-names = "phy-emmc"; };
        };
        """;

    static BootResult RunConsumer(PlanPolicy policy, string? message) =>
        PlanSim.Boot(Consumer, new[] { Generic("acme-mmc", "acme,mmc").WithPlan(
            Request(PlanResource.Phy, PlanLookup.Name, policy, "drivers/mmc/host/example.c:1", "phy-emmc", message: message)) });

    [Fact]
    public void An_optional_but_defer_request_defers_while_the_provider_is_missing_and_the_reason_is_the_drivers_text()
    {
        // devm_phy_optional_get: -ENODEV means none, but -EPROBE_DEFER propagates (drivers/phy/phy-core.c:843)
        var r = RunConsumer(PlanPolicy.OptionalDeferPropagates, "failed to get emmc phy");
        Assert.Equal(DeviceState.Deferred, r.Dev("2000.mmc").State);
        Assert.Equal("acme-mmc: failed to get emmc phy", r.Dev("2000.mmc").DeferReason);
        Assert.Contains(("2000.mmc", "acme-mmc: failed to get emmc phy"), r.DevicesDeferred!);
    }

    [Fact]
    public void Without_a_dev_err_probe_text_the_kernel_records_no_reason()
    {
        var r = RunConsumer(PlanPolicy.Required, null);
        Assert.Equal(DeviceState.Deferred, r.Dev("2000.mmc").State);
        Assert.Contains(("2000.mmc", ""), r.DevicesDeferred!);
    }

    [Fact]
    public void An_optional_request_ignores_the_missing_provider()
    {
        Assert.Equal(DeviceState.Bound, RunConsumer(PlanPolicy.Optional, null).Dev("2000.mmc").State);
    }

    [Fact]
    public void A_resource_the_node_does_not_name_is_skipped_as_a_guess()
    {
        // plan steps carry no condition: rockchip_pm_add_one_domain (soc/rockchip/pm_domains.c:598) gets the clocks of
        // each child domain node, not of the device's own node; the real driver binds (issue 13). So a request the node
        // does not name is not turned into of_parse_clkspec's -ENOENT: it is skipped and the outcome is partial.
        static BootResult Run(PlanPolicy p) => PlanSim.Boot(Consumer, new[] { Generic("acme-mmc", "acme,mmc").WithPlan(
            Request(PlanResource.Clock, PlanLookup.Name, p, "drivers/mmc/host/example.c:2", "biu")) });
        var required = Run(PlanPolicy.Required).Dev("2000.mmc");
        Assert.Equal((DeviceState.Bound, OutcomeBasis.Partial), (required.State, required.Basis));
        Assert.Equal(DeviceState.Bound, Run(PlanPolicy.OptionalDeferPropagates).Dev("2000.mmc").State);
    }

    [Fact]
    public void An_optional_request_the_node_does_not_name_is_no_guess()
    {
        // devm_regulator_get_optional / mmc_pwrseq_alloc (drivers/mmc/core/pwrseq.c:26-28): nothing named is success
        // whatever the variant, so the outcome rests on nothing unknown
        foreach (var policy in new[] { PlanPolicy.Optional, PlanPolicy.OptionalDeferPropagates })
        {
            var r = PlanSim.Boot(Consumer, new[] { Generic("acme-mmc", "acme,mmc").WithPlan(
                Request(PlanResource.Regulator, PlanLookup.Name, policy, "drivers/mmc/core/regulator.c:250", "vmmc"),
                Request(PlanResource.Phandle, PlanLookup.Name, policy, "drivers/mmc/core/pwrseq.c:26", "mmc-pwrseq")) });
            Assert.Equal((DeviceState.Bound, OutcomeBasis.Modelled), (r.Dev("2000.mmc").State, r.Dev("2000.mmc").Basis));
        }
    }

    [Fact]
    public void A_name_formatted_in_a_loop_asks_for_every_entry_that_fits_it()
    {
        // drivers/phy/allwinner/phy-sun4i-usb.c:821-828: snprintf(name, .., "usb%d_phy", i); devm_clk_get(dev, name)
        const string dts = """
            /dts-v1/;
            / { #address-cells = <1>; #size-cells = <1>;
                osc: osc { compatible = "fixed-clock"; #clock-cells = <0>; clock-frequency = <24000000>; };
                ccu: clock@1000 { compatible = "acme,ccu"; reg = <0x1000 0x100>; #clock-cells = <1>; };
                phy@2000 { compatible = "acme,usb-phy"; reg = <0x2000 0x100>; #phy-cells = <1>;
                    clocks = <&osc>, <&ccu 1>; clock-names = "usb0_phy", "usb1_phy"; };
            };
            """;
        var r = PlanSim.Boot(dts, new[] { Generic("acme-usb-phy", "acme,usb-phy").WithPlan(
            Request(PlanResource.Clock, PlanLookup.Name, PlanPolicy.Required, "drivers/phy/allwinner/phy-sun4i-usb.c:825", "usb%d_phy")) },
            new[] { FixedClock });
        // usb0_phy is the fixed clock (registered early), usb1_phy comes from a CCU with no driver: the probe waits on it
        Assert.Equal(DeviceState.Deferred, r.Dev("2000.phy").State);
    }

    [Fact]
    public void A_request_the_hardware_decides_is_skipped_and_makes_the_outcome_partial()
    {
        // drivers/i2c/busses/i2c-qcom-geni.c:876-883: the PHY is asked for only in a mode read from a register; the
        // model has no registers, so it does not wait for it and says the answer rests on a guess
        var step = Request(PlanResource.Phy, PlanLookup.Name, PlanPolicy.Required, "drivers/i2c/busses/i2c-qcom-geni.c:879", "phy-emmc") with { When = PlanStep.WhenHardware };
        var r = PlanSim.Boot(Consumer, new[] { Generic("acme-mmc", "acme,mmc").WithPlan(step) });
        Assert.Equal((DeviceState.Bound, OutcomeBasis.Partial), (r.Dev("2000.mmc").State, r.Dev("2000.mmc").Basis));
    }

    // Pine64 (arch/arm64/boot/dts/allwinner/sun50i-a64.dtsi): the EMAC's syscon is the system controller, which is no
    // "syscon" node; sunxi-sram's driver gives it a regmap
    const string Emac = """
        /dts-v1/;
        / { #address-cells = <1>; #size-cells = <1>;
            sysc: system-control@1c00000 { compatible = "allwinner,sun50i-a64-system-control"; reg = <0x1c00000 0x1000>; };
            ethernet@1c30000 { compatible = "allwinner,sun50i-a64-emac"; reg = <0x1c30000 0x10000>; syscon = <&sysc>; };
        };
        """;

    static DriverSpec EmacWithFallback() => Generic("dwmac-sun8i", "allwinner,sun50i-a64-emac").WithPlan(
        // dwmac-sun8i.c:1203-1211: the device's regmap (sun8i_dwmac_get_syscon_from_dev), else syscon_regmap_lookup_by_phandle
        Request(PlanResource.Phandle, PlanLookup.Name, PlanPolicy.Optional, "drivers/net/ethernet/stmicro/stmmac/dwmac-sun8i.c:1133", "syscon"),
        Request(PlanResource.Syscon, PlanLookup.Name, PlanPolicy.Required, "drivers/net/ethernet/stmicro/stmmac/dwmac-sun8i.c:1205", "syscon") with { When = PlanStep.WhenFallback });

    [Fact]
    public void A_fallback_is_not_asked_when_the_request_before_it_succeeded()
    {
        // sunxi-sram is built in (CONFIG_SUNXI_SRAM=y), dwmac-sun8i a module: the system controller's driver is there first
        var r = PlanSim.Boot(Emac, new[] { Generic("sunxi-sram", "allwinner,sun50i-a64-system-control"), EmacWithFallback() });
        Assert.Equal((DeviceState.Bound, OutcomeBasis.Modelled), (r.Dev("1c30000.ethernet").State, r.Dev("1c30000.ethernet").Basis));
    }

    [Fact]
    public void A_fallback_decides_when_the_request_before_it_failed()
    {
        // no driver for the system controller: no regmap from the device, and the node is no "syscon": -EINVAL (syscon.c)
        var r = PlanSim.Boot(Emac, new[] { EmacWithFallback() });
        Assert.Equal((DeviceState.Failed, -22), (r.Dev("1c30000.ethernet").State, r.Dev("1c30000.ethernet").Error));
    }

    [Fact]
    public void A_request_by_names_the_importer_could_not_read_makes_the_outcome_partial()
    {
        // drivers/iommu/rockchip-iommu.c:1238-1248: devm_clk_bulk_get with names copied from rk_iommu_clocks[] in a loop
        var step = Request(PlanResource.Phy, PlanLookup.Name, PlanPolicy.Required, "drivers/iommu/rockchip-iommu.c:1248");
        var r = PlanSim.Boot(Consumer, new[] { Generic("acme-phy", "acme,phy"), Generic("acme-mmc", "acme,mmc").WithPlan(step) });
        Assert.Equal((DeviceState.Bound, OutcomeBasis.Partial), (r.Dev("2000.mmc").State, r.Dev("2000.mmc").Basis));
    }

    [Fact]
    public void An_unknown_step_is_skipped_and_makes_the_outcome_partial()
    {
        var mmc = Generic("acme-mmc", "acme,mmc").WithPlan(Unknown("calls mmc_of_parse_helper (not followed)", "drivers/mmc/host/example.c:3"));
        var r = PlanSim.Boot(Consumer, new[] { mmc });
        Assert.Equal(DeviceState.Bound, r.Dev("2000.mmc").State);
        Assert.Equal(OutcomeBasis.Partial, r.Dev("2000.mmc").Basis);
    }

    [Fact]
    public void A_defer_step_is_recorded_but_not_run()
    {
        var mmc = Generic("acme-mmc", "acme,mmc").WithPlan(Defer("drivers/mmc/host/example.c:4", "waiting for firmware"));
        Assert.Equal(DeviceState.Bound, PlanSim.Boot(Consumer, new[] { mmc }).Dev("2000.mmc").State);
    }
}
