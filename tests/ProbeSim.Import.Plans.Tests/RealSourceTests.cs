using ProbeSim.TestSupport;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Plans.Tests;

/// <summary>
/// Plans of real drivers in Debian 12's 6.1.192 source, each expectation read from the source at the file:line cited
/// (skipped where the tree is absent).
/// </summary>
public class RealSourceTests
{
    private static readonly ProbePlanScanner Scanner = new(KernelTrees.RootOrAbsent(KernelTree.Debian61));

    private static ProbePlan Plan(string file, string fn) => Scanner.Scan(file, fn, fn);

    [KernelSourceFact]
    public void Rk3399_cru_early_init_registers_its_reset_controller_too()
    {
        // clk-rk3399.c:1531 rk3399_clk_init → :1566 rockchip_register_softrst → softrst.c:103 reset_controller_register;
        // :1573 rockchip_clk_of_add_provider → clk.c:398 of_clk_add_provider
        var (provides, leaves) = Scanner.EarlyInit("drivers/clk/rockchip/clk-rk3399.c", "rk3399_clk_init");
        Assert.Contains(EarlyProvides.Reset, provides);
        Assert.Contains(EarlyProvides.Clock, provides);
        Assert.False(leaves);
    }

    [KernelSourceFact]
    public void Tegra210_car_early_init_registers_clocks_and_resets_and_keeps_its_node()
    {
        // clk-tegra210.c:3809 tegra210_clock_init → tegra_add_of_provider (clk.c:323): of_clk_add_provider, then
        // reset_controller_register (clk.c:346); some twenty helpers come first. No of_node_clear_flag in
        // drivers/clk/tegra: drivers/of/platform.c's clearing on a failed device creation is not the init's
        var (provides, leaves) = Scanner.EarlyInit("drivers/clk/tegra/clk-tegra210.c", "tegra210_clock_init");
        Assert.Equal(new[] { EarlyProvides.Clock, EarlyProvides.Reset }, provides);
        Assert.False(leaves);
    }

    [KernelSourceFact(KernelTree.Debian612)]
    public void Rk3399_cru_early_init_registers_its_reset_controller_in_6_12_through_the_inline_wrapper()
    {
        // 6.12.118: clk-rk3399.c:1571 rockchip_register_softrst → clk.h:1074 static inline → clk.h:1078
        // rockchip_register_softrst_lut, defined in softrst.c:91 (clk.h:1066 is the stub of the #else branch)
        var scanner = new ProbePlanScanner(KernelTrees.RootOrAbsent(KernelTree.Debian612));
        var (provides, _) = scanner.EarlyInit("drivers/clk/rockchip/clk-rk3399.c", "rk3399_clk_init");
        Assert.Contains(EarlyProvides.Reset, provides);
        Assert.Contains(EarlyProvides.Clock, provides);
    }

    [KernelSourceFact]
    public void Imx_gpcv2_irqchip_init_leaves_its_node_to_the_power_domain_driver()
    {
        // irq-imx-gpcv2.c:285 of_node_clear_flag(node, OF_POPULATED); :289-290 IRQCHIP_DECLARE for imx7d/imx8mq
        var (provides, leaves) = Scanner.EarlyInit("drivers/irqchip/irq-imx-gpcv2.c", "imx_gpcv2_irqchip_init");
        Assert.True(leaves);
        Assert.Contains(EarlyProvides.Irq, provides);
    }

    [KernelSourceFact]
    public void Bcm2835_cprman_names_its_clocks_as_parents_and_requests_none()
    {
        // clk-bcm2835.c:2262 bcm2835_clk_probe: :2291 of_clk_parent_fill, no clk_get on the probe path
        var plan = Plan("drivers/clk/bcm/clk-bcm2835.c", "bcm2835_clk_probe");
        Assert.True(plan.Complete);
        var clocks = plan.Steps.Where(s => s.Resource == PlanResource.Clock).ToList();
        var s = Assert.Single(clocks);
        Assert.Equal(PlanPolicy.NotRequested, s.Policy);
        Assert.Equal(new SourceLine("drivers/clk/bcm/clk-bcm2835.c", 2291), s.Source);
    }

    [KernelSourceFact]
    public void Qcom_sdm845_gcc_does_not_request_its_clocks()
    {
        // gcc-sdm845.c:3995 gcc_sdm845_probe → :4015 qcom_cc_really_probe (common.c:237: resets, gdscs, clocks; no clk_get)
        var plan = Plan("drivers/clk/qcom/gcc-sdm845.c", "gcc_sdm845_probe");
        Assert.True(plan.Complete);
        var s = Assert.Single(plan.Steps, x => x.Resource == PlanResource.Clock);
        Assert.Equal(PlanPolicy.NotRequested, s.Policy);
        Assert.Equal(4015, s.Source.Line);
    }

    [KernelSourceFact]
    public void Rk808_creates_its_cells_by_chip_variant()
    {
        // rk808.c:154-162 rk808s = { rk808-clkout, rk808-regulator, rk808-rtc }, no of_compatible; chosen at :702 (case RK808_ID);
        // added at :763 devm_mfd_add_devices. rk808-regulator finds its "regulators" subnode itself (rk808-regulator.c:75).
        var plan = Plan("drivers/mfd/rk808.c", "rk808_probe");
        Assert.True(plan.Complete);
        var rk808 = plan.Steps.Where(s => s.Child == ChildKind.MfdCell && s.Message!.Text.StartsWith("cells rk808s,")).ToList();
        Assert.Equal(new[] { "rk808-clkout", "rk808-regulator", "rk808-rtc" }, rk808.Select(s => s.Name));
        Assert.All(rk808, s => Assert.Null(s.Compatible));
        Assert.Contains("RK808_ID", rk808[0].Message?.Text);
        Assert.Equal(new[] { 155, 156, 157 }, rk808.Select(s => s.Source.Line));
        Assert.Contains(plan.Steps, s => s.Name == "rk817-codec"); // rk817s at :164-183
    }

    [KernelSourceFact]
    public void Arm_scpi_requests_its_mailboxes_and_populates_its_children()
    {
        // arm_scpi.c:983 mbox_request_channel(cl, idx) whose error returns (:985-990); :1036 devm_of_platform_populate
        var plan = Plan("drivers/firmware/arm_scpi.c", "scpi_probe");
        var mbox = Assert.Single(plan.Steps, s => s.Resource == PlanResource.Mailbox);
        Assert.Equal(PlanPolicy.Required, mbox.Policy);
        Assert.Equal(983, mbox.Source.Line);
        var pop = Assert.Single(plan.Steps, s => s.Child == ChildKind.OfPopulate);
        Assert.Equal(1036, pop.Source.Line);
        Assert.Null(pop.Name);
    }

    [KernelSourceFact]
    public void Mvebu_icu_populates_its_interrupt_controller_children()
    {
        // irq-mvebu-icu.c:394 devm_of_platform_populate (the non-legacy binding)
        var plan = Plan("drivers/irqchip/irq-mvebu-icu.c", "mvebu_icu_probe");
        Assert.Contains(plan.Steps, s => s.Child == ChildKind.OfPopulate && s.Source.Line == 394);
    }

    [KernelSourceFact]
    public void Sunxi_rsb_requests_irq_clock_reset_and_creates_rsb_clients()
    {
        // sunxi-rsb.c:772 platform_get_irq(pdev, 0); :776 devm_clk_get(dev, NULL) "failed to retrieve clk: %d";
        // :783 devm_reset_control_get(dev, NULL); :815 of_rsb_register_devices (:578)
        var plan = Plan("drivers/bus/sunxi-rsb.c", "sunxi_rsb_probe");
        Assert.True(plan.Complete);
        Assert.Collection(plan.Steps,
            s => Assert.Equal((PlanResource.Interrupt, 0, PlanPolicy.Required, 772), (s.Resource!.Value, s.Index!.Value, s.Policy!.Value, s.Source.Line)),
            s =>
            {
                Assert.Equal((PlanResource.Clock, PlanLookup.Index, 0, PlanPolicy.Required), (s.Resource!.Value, s.Lookup!.Value, s.Index!.Value, s.Policy!.Value));
                Assert.Equal("failed to retrieve clk: %d", s.Message?.Text);
            },
            s => Assert.Equal((PlanResource.Reset, PlanPolicy.Required, 783), (s.Resource!.Value, s.Policy!.Value, s.Source.Line)),
            s => Assert.Equal((ChildKind.BusClients, "sunxi-rsb", 815), (s.Child!.Value, s.Name, s.Source.Line)));
    }

    [KernelSourceFact]
    public void Simple_pm_bus_populates_with_the_default_table()
    {
        // simple-pm-bus.c:52 of_platform_populate(np, NULL, lookup, &pdev->dev); nothing requested
        var plan = Plan("drivers/bus/simple-pm-bus.c", "simple_pm_bus_probe");
        Assert.True(plan.Complete);
        var s = Assert.Single(plan.Steps);
        Assert.Equal((ChildKind.OfPopulate, 52), (s.Child!.Value, s.Source.Line));
        Assert.Null(s.Name);
    }

    [KernelSourceFact]
    public void Sdhci_arasan_requires_its_clocks_and_its_phy()
    {
        // sdhci-of-arasan.c:1611 clk_ahb, :1618 clk_xin, :1691 devm_phy_get(dev, "phy_arasan") "No phy for arasan,sdhci-5.1."
        // (each failure goes to an error label); :1598 syscon_node_to_regmap of "arasan,soc-ctl-syscon" (:1596)
        var plan = Plan("drivers/mmc/host/sdhci-of-arasan.c", "sdhci_arasan_probe");
        var phy = Assert.Single(plan.Steps, s => s.Resource == PlanResource.Phy);
        Assert.Equal(("phy_arasan", PlanPolicy.Required, 1691, "No phy for arasan,sdhci-5.1."), (phy.Name, phy.Policy!.Value, phy.Source.Line, phy.Message?.Text));
        Assert.Equal(new[] { "clk_ahb", "clk_xin" }, plan.Steps.Where(s => s.Resource == PlanResource.Clock).Select(s => s.Name));
        Assert.All(plan.Steps.Where(s => s.Resource == PlanResource.Clock), s => Assert.Equal(PlanPolicy.Required, s.Policy));
        Assert.Equal("arasan,soc-ctl-syscon", Assert.Single(plan.Steps, s => s.Resource == PlanResource.Syscon).Name);
        // the phy comes after the clocks: the MMC never waits on its PHY before its clocks
        var steps = plan.Steps.ToList();
        Assert.True(steps.FindIndex(s => s.Resource == PlanResource.Phy) > steps.FindIndex(s => s.Name == "clk_xin"));
    }

    [KernelSourceFact]
    public void Dw_mmc_rockchip_follows_the_dw_mmc_library_and_its_variant_hooks()
    {
        // dw_mmc-rockchip.c:361 dw_mci_pltfm_register → dw_mmc.c:3379 "biu" and :3393 "ciu": only -EPROBE_DEFER returns;
        // the rk3288 parse_dt hook (:330 → :263) gets "ciu-drive" (:280) and "ciu-sample" (:284) with dev_dbg only
        var plan = Plan("drivers/mmc/host/dw_mmc-rockchip.c", "dw_mci_rockchip_probe");
        var clocks = plan.Steps.Where(s => s.Resource == PlanResource.Clock).ToDictionary(s => s.Name!);
        Assert.Equal(PlanPolicy.OptionalDeferPropagates, clocks["biu"].Policy);
        Assert.Equal(PlanPolicy.OptionalDeferPropagates, clocks["ciu"].Policy);
        Assert.Equal(PlanPolicy.Optional, clocks["ciu-drive"].Policy);
        Assert.Equal(new SourceLine("drivers/mmc/host/dw_mmc-rockchip.c", 284), clocks["ciu-sample"].Source);
    }

    [KernelSourceFact]
    public void Every_library_fact_points_at_its_function()
    {
        foreach (var fact in LibraryFacts.All)
        {
            var lines = File.ReadAllLines(Path.Combine(KernelTrees.RootOrAbsent(KernelTree.Debian61), fact.File));
            Assert.True(fact.Line <= lines.Length && lines[fact.Line - 1].Contains(fact.Function, StringComparison.Ordinal),
                $"{fact.Source} does not name {fact.Function}");
        }
    }
}
