using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Plans.Tests;

/// <summary>
/// Requests the probe makes under a condition the scanner can read: the client's irq, a loop over every entry, a
/// presence test, a check after an if/else, a helper's failure its caller swallows, names formatted in a loop.
/// </summary>
public class ConditionTests
{
    private static List<PlanStep> Requests(ProbePlan plan) => plan.Steps.Where(s => s.Kind == PlanStepKind.Request).ToList();

    [Fact]
    public void A_client_irq_that_fails_the_probe_when_zero_is_required()
    {
        // drivers/mfd/rk808.c:737
        var plan = TempTree.Plan("""
            static int foo_probe(struct i2c_client *client)
            {
            	if (!client->irq) {
            		dev_err(&client->dev, "No interrupt support, no core IRQ\n");
            		return -EINVAL;
            	}
            	return 0;
            }
            """);
        var r = Assert.Single(Requests(plan));
        Assert.Equal((PlanResource.Interrupt, PlanLookup.Index, 0, PlanPolicy.Required), (r.Resource!.Value, r.Lookup!.Value, r.Index!.Value, r.Policy!.Value));
    }

    [Fact]
    public void A_client_irq_used_only_when_positive_is_optional_and_read_once()
    {
        // drivers/rtc/rtc-pcf8563.c:562, sound/soc/codecs/es8316.c:847
        var plan = TempTree.Plan("""
            static int foo_probe(struct i2c_client *client)
            {
            	struct foo *foo = devm_kzalloc(&client->dev, sizeof(*foo), GFP_KERNEL);
            	foo->irq = client->irq;
            	if (client->irq > 0)
            		return devm_request_threaded_irq(&client->dev, client->irq, NULL, foo_irq, 0, "foo", foo);
            	return 0;
            }
            """);
        var r = Assert.Single(Requests(plan));
        Assert.Equal((PlanResource.Interrupt, PlanPolicy.Optional), (r.Resource!.Value, r.Policy!.Value));
    }

    [Fact]
    public void Amba_irqs_read_in_a_loop_are_every_entry()
    {
        // drivers/dma/pl330.c:3066
        var plan = TempTree.Plan("""
            static int foo_probe(struct amba_device *adev, const struct amba_id *id)
            {
            	int i, irq, ret;
            	for (i = 0; i < AMBA_NR_IRQS; i++) {
            		irq = adev->irq[i];
            		if (irq) {
            			ret = devm_request_irq(&adev->dev, irq, foo_irq, 0, "foo", NULL);
            			if (ret)
            				return ret;
            		} else {
            			break;
            		}
            	}
            	return 0;
            }
            """);
        var r = Assert.Single(Requests(plan));
        Assert.Equal((PlanResource.Interrupt, PlanLookup.All, PlanPolicy.Optional), (r.Resource!.Value, r.Lookup!.Value, r.Policy!.Value));
    }

    [Fact]
    public void An_index_from_the_loop_variable_is_every_entry_and_platform_irq_count_asks_for_all()
    {
        // drivers/iommu/rockchip-iommu.c:1227 and 1283; drivers/firmware/arm_scpi.c:983 (an alias of the incremented member)
        var plan = TempTree.Plan("""
            static int foo_probe(struct platform_device *pdev)
            {
            	int i, n = platform_irq_count(pdev);
            	if (n < 0)
            		return n;
            	for (i = 0; i < n; i++) {
            		int irq = platform_get_irq(pdev, i);
            		if (irq < 0)
            			return irq;
            	}
            	for (; foo->num_chans < count; foo->num_chans++) {
            		int idx = foo->num_chans;
            		foo->chan[idx] = mbox_request_channel(&foo->cl, idx);
            		if (IS_ERR(foo->chan[idx]))
            			return PTR_ERR(foo->chan[idx]);
            	}
            	return 0;
            }
            """);
        Assert.Equal(new[] { (PlanResource.Interrupt, PlanLookup.All), (PlanResource.Interrupt, PlanLookup.All), (PlanResource.Mailbox, PlanLookup.All) },
            Requests(plan).Select(r => (r.Resource!.Value, r.Lookup!.Value)));
        Assert.All(Requests(plan), r => Assert.Equal(PlanPolicy.Required, r.Policy));
    }

    [Fact]
    public void A_request_made_only_when_the_node_names_it_lets_absence_pass()
    {
        // drivers/pinctrl/pinctrl-rockchip.c:3458, drivers/phy/rockchip/phy-rockchip-inno-usb2.c:381
        var plan = TempTree.Plan("""
            static int foo_probe(struct platform_device *pdev)
            {
            	struct device_node *np = pdev->dev.of_node, *node;
            	struct regmap *grf, *pmu;
            	struct extcon_dev *edev;
            	node = of_parse_phandle(np, "acme,grf", 0);
            	grf = syscon_node_to_regmap(node);
            	if (IS_ERR(grf))
            		return PTR_ERR(grf);
            	node = of_parse_phandle(np, "acme,pmu", 0);
            	if (node) {
            		pmu = syscon_node_to_regmap(node);
            		if (IS_ERR(pmu))
            			return PTR_ERR(pmu);
            	}
            	if (of_property_read_bool(np, "extcon")) {
            		edev = extcon_get_edev_by_phandle(&pdev->dev, 0);
            		if (IS_ERR(edev))
            			return dev_err_probe(&pdev->dev, PTR_ERR(edev), "invalid or missing extcon\n");
            	}
            	return 0;
            }
            """);
        var r = Requests(plan);
        Assert.Equal(new[] { ("acme,grf", PlanPolicy.Required), ("acme,pmu", PlanPolicy.OptionalDeferPropagates), ("extcon", PlanPolicy.OptionalDeferPropagates) },
            r.Select(s => (s.Name!, s.Policy!.Value)));
        Assert.Equal(PlanResource.Phandle, r[2].Resource);
    }

    [Fact]
    public void A_check_after_an_if_else_applies_to_the_getters_of_both_branches()
    {
        // drivers/i2c/busses/i2c-rk3x.c:1324-1334
        var plan = TempTree.Plan("""
            static int foo_probe(struct platform_device *pdev)
            {
            	if (foo->v0) {
            		foo->clk = devm_clk_get(&pdev->dev, NULL);
            		foo->pclk = foo->clk;
            	} else {
            		foo->clk = devm_clk_get(&pdev->dev, "i2c");
            		foo->pclk = devm_clk_get(&pdev->dev, "pclk");
            	}
            	if (IS_ERR(foo->clk))
            		return dev_err_probe(&pdev->dev, PTR_ERR(foo->clk), "Can't get bus clk\n");
            	if (IS_ERR(foo->pclk))
            		return dev_err_probe(&pdev->dev, PTR_ERR(foo->pclk), "Can't get periph clk\n");
            	return 0;
            }
            """);
        var r = Requests(plan);
        Assert.Equal(3, r.Count);
        Assert.All(r, s => Assert.Equal(PlanPolicy.Required, s.Policy));
        Assert.Equal("Can't get bus clk", r[1].Message?.Text);
        Assert.Equal("Can't get periph clk", r[2].Message?.Text);
    }

    [Fact]
    public void A_not_absent_test_inside_the_error_branch_lets_deferral_through()
    {
        // drivers/soc/imx/gpcv2.c:1317-1321
        var plan = TempTree.Plan("""
            static int foo_probe(struct platform_device *pdev)
            {
            	foo->reg = devm_regulator_get_optional(&pdev->dev, "power");
            	if (IS_ERR(foo->reg)) {
            		if (PTR_ERR(foo->reg) != -ENODEV)
            			return dev_err_probe(&pdev->dev, PTR_ERR(foo->reg), "Failed to get domain's regulator\n");
            	} else if (foo->voltage) {
            		regulator_set_voltage(foo->reg, foo->voltage, foo->voltage);
            	}
            	return 0;
            }
            """);
        Assert.Equal(PlanPolicy.OptionalDeferPropagates, Assert.Single(Requests(plan)).Policy);
    }

    [Fact]
    public void A_failure_a_void_helper_falls_back_from_is_optional()
    {
        // drivers/mmc/host/dw_mmc.c:3085-3166: dw_mci_init_dma's "goto no_dma" falls back to PIO
        var plan = TempTree.Plan("""
            static int foo_dma_init(struct foo *host)
            {
            	host->ch = dma_request_chan(host->dev, "rx-tx");
            	if (IS_ERR(host->ch))
            		return PTR_ERR(host->ch);
            	return 0;
            }
            static void foo_init_dma(struct foo *host)
            {
            	if (foo_dma_init(host)) {
            		dev_err(host->dev, "Unable to initialize DMA Controller.\n");
            		goto no_dma;
            	}
            	return;
            no_dma:
            	host->use_dma = 0;
            }
            static int foo_probe(struct platform_device *pdev)
            {
            	foo_init_dma(host);
            	return 0;
            }
            """);
        Assert.Equal(PlanPolicy.Optional, Assert.Single(Requests(plan)).Policy);
    }

    [Fact]
    public void A_name_formatted_in_a_loop_is_kept_as_its_format()
    {
        // drivers/phy/allwinner/phy-sun4i-usb.c:807-850
        var plan = TempTree.Plan("""
            static int foo_probe(struct platform_device *pdev)
            {
            	char name[16];
            	int i;
            	for (i = 0; i < 4; i++) {
            		snprintf(name, sizeof(name), "usb%d_phy", i);
            		phy->clk = devm_clk_get(&pdev->dev, name);
            		if (IS_ERR(phy->clk))
            			return PTR_ERR(phy->clk);
            		snprintf(name, sizeof(name), "%s-%s", a, b);
            		phy->reset = devm_reset_control_get(&pdev->dev, name);
            		if (IS_ERR(phy->reset))
            			return PTR_ERR(phy->reset);
            	}
            	return 0;
            }
            """);
        Assert.Equal(new string?[] { "usb%d_phy", null }, Requests(plan).Select(r => r.Name));
    }

    [Fact]
    public void An_optional_flag_argument_makes_a_reset_array_optional()
    {
        // drivers/usb/dwc3/dwc3-of-simple.c:55: of_reset_control_array_get(np, shared, optional, acquired)
        var plan = TempTree.Plan("""
            static int foo_probe(struct platform_device *pdev)
            {
            	foo->resets = of_reset_control_array_get(pdev->dev.of_node, false, true, true);
            	if (IS_ERR(foo->resets))
            		return PTR_ERR(foo->resets);
            	foo->more = of_reset_control_array_get(pdev->dev.of_node, false, false, true);
            	if (IS_ERR(foo->more))
            		return PTR_ERR(foo->more);
            	return 0;
            }
            """);
        Assert.Equal(new[] { PlanPolicy.OptionalDeferPropagates, PlanPolicy.Required }, Requests(plan).Select(r => r.Policy!.Value));
    }

    [Fact]
    public void The_mmc_pwrseq_and_a_power_supply_are_the_devices_behind_their_phandles()
    {
        // drivers/mmc/core/pwrseq.c:21, drivers/phy/allwinner/phy-sun4i-usb.c:775
        var plan = TempTree.Plan("""
            static int foo_probe(struct platform_device *pdev)
            {
            	int ret = mmc_pwrseq_alloc(host);
            	if (ret)
            		return ret;
            	foo->psy = devm_power_supply_get_by_phandle(&pdev->dev, "usb0_vbus_power-supply");
            	if (IS_ERR(foo->psy))
            		return PTR_ERR(foo->psy);
            	return 0;
            }
            """);
        Assert.Equal(new[] { (PlanResource.Phandle, "mmc-pwrseq", PlanPolicy.OptionalDeferPropagates), (PlanResource.Phandle, "usb0_vbus_power-supply", PlanPolicy.Required) },
            Requests(plan).Select(r => (r.Resource!.Value, r.Name!, r.Policy!.Value)));
    }

    [Fact]
    public void A_call_macro_of_the_local_header_is_followed_into_the_file_beside_it()
    {
        // drivers/pinctrl/sunxi/pinctrl-sunxi.h:313 sunxi_pinctrl_init -> pinctrl-sunxi.c sunxi_pinctrl_init_with_variant
        using var t = new TempTree()
            .With("drivers/test/lib.h", "#define foo_lib_init(_dev, _desc) \\\n\tfoo_lib_init_with_variant(_dev, _desc, 0)\nint foo_lib_init_with_variant(struct platform_device *pdev, const void *desc, unsigned long variant);\n")
            .With("drivers/test/lib.c", """
                int foo_lib_init_with_variant(struct platform_device *pdev, const void *desc, unsigned long variant)
                {
                	struct clk *clk = devm_clk_get(&pdev->dev, "apb");
                	if (IS_ERR(clk))
                		return PTR_ERR(clk);
                	return 0;
                }
                """)
            .With("drivers/test/t.c", """
                #include "lib.h"
                static int sunxi_pinctrl_foo_probe(struct platform_device *pdev)
                {
                	return foo_lib_init(pdev, &foo_desc);
                }
                """);
        var plan = t.Scan("drivers/test/t.c", "sunxi_pinctrl_foo_probe");
        var r = Assert.Single(Requests(plan));
        Assert.Equal(("apb", PlanPolicy.Required), (r.Name!, r.Policy!.Value));
    }
    [Fact]
    public void A_request_made_only_when_a_register_read_says_so_is_marked_hardware()
    {
        // drivers/i2c/busses/i2c-qcom-geni.c:874-879: GPI DMA channels only when the FIFO is disabled in hardware
        var plan = TempTree.Plan("""
            static int foo_setup_gpi_dma(struct foo *gi2c)
            {
            	gi2c->tx = dma_request_chan(gi2c->dev, "tx");
            	if (IS_ERR(gi2c->tx))
            		return dev_err_probe(gi2c->dev, PTR_ERR(gi2c->tx), "Failed to get tx DMA ch\n");
            	return 0;
            }
            static int foo_probe(struct platform_device *pdev)
            {
            	u32 fifo_disable;
            	struct clk *clk = devm_clk_get(&pdev->dev, "se");
            	if (IS_ERR(clk))
            		return PTR_ERR(clk);
            	fifo_disable = readl_relaxed(gi2c->base + 0x2000) & 1;
            	if (fifo_disable) {
            		ret = foo_setup_gpi_dma(gi2c);
            		if (ret)
            			return dev_err_probe(&pdev->dev, ret, "Failed to setup GPI DMA mode\n");
            	}
            	return 0;
            }
            """);
        Assert.Equal(new string?[] { null, PlanStep.WhenHardware }, Requests(plan).Select(r => r.When));
    }
    [Fact]
    public void A_getter_tried_only_when_the_one_before_failed_is_a_fallback()
    {
        // drivers/net/ethernet/stmicro/stmmac/dwmac-sun8i.c:1123-1147 and 1203-1211: the syscon device's own regmap, else
        // the "syscon" node's generic regmap
        var plan = TempTree.Plan("""
            static struct regmap *foo_get_syscon_from_dev(struct device_node *node)
            {
            	struct device_node *syscon_node;
            	struct platform_device *syscon_pdev;
            	struct regmap *regmap = NULL;
            	syscon_node = of_parse_phandle(node, "syscon", 0);
            	if (!syscon_node)
            		return ERR_PTR(-ENODEV);
            	syscon_pdev = of_find_device_by_node(syscon_node);
            	if (!syscon_pdev) {
            		regmap = ERR_PTR(-EPROBE_DEFER);
            		goto out_put_node;
            	}
            	regmap = dev_get_regmap(&syscon_pdev->dev, NULL);
            	if (!regmap)
            		regmap = ERR_PTR(-EINVAL);
            	platform_device_put(syscon_pdev);
            out_put_node:
            	of_node_put(syscon_node);
            	return regmap;
            }
            static int foo_probe(struct platform_device *pdev)
            {
            	struct regmap *regmap;
            	struct platform_device *other = of_find_device_by_node(pdev->dev.of_node->parent);
            	regmap = foo_get_syscon_from_dev(pdev->dev.of_node);
            	if (IS_ERR(regmap))
            		regmap = syscon_regmap_lookup_by_phandle(pdev->dev.of_node, "syscon");
            	if (IS_ERR(regmap)) {
            		dev_err(&pdev->dev, "Unable to map syscon: %d\n", PTR_ERR(regmap));
            		return PTR_ERR(regmap);
            	}
            	return 0;
            }
            """);
        var r = Requests(plan);
        Assert.Equal(new[] { (PlanResource.Phandle, "syscon", PlanPolicy.Optional, (string?)null), (PlanResource.Syscon, "syscon", PlanPolicy.Required, PlanStep.WhenFallback) },
            r.Select(s => (s.Resource!.Value, s.Name!, s.Policy!.Value, s.When)));
    }
    [Fact]
    public void A_switch_on_a_register_read_marks_its_requests_hardware()
    {
        // v6.12 drivers/spi/spi-geni-qcom.c:695-698: switch (fifo_disable) { case 1: spi_geni_grab_gpi_chan(mas); ... }
        var plan = TempTree.Plan("""
            static int foo_probe(struct platform_device *pdev)
            {
            	u32 fifo_disable = readl(base + 0x2000) & 1;
            	switch (fifo_disable) {
            	case 1:
            		foo->tx = dma_request_chan(&pdev->dev, "tx");
            		if (IS_ERR(foo->tx))
            			return PTR_ERR(foo->tx);
            		break;
            	case 0:
            		break;
            	}
            	return 0;
            }
            """);
        Assert.Equal(PlanStep.WhenHardware, Assert.Single(Requests(plan)).When);
    }
    [Fact]
    public void A_replacement_under_a_further_condition_is_no_fallback()
    {
        // drivers/video/backlight/pwm_bl.c:508-517: the legacy PWM only without a DT node; with one, the
        // devm_pwm_get error fails the probe
        var plan = TempTree.Plan("""
            static int foo_probe(struct platform_device *pdev)
            {
            	struct device_node *node = pdev->dev.of_node;
            	pb->pwm = devm_pwm_get(&pdev->dev, NULL);
            	if (IS_ERR(pb->pwm) && PTR_ERR(pb->pwm) != -EPROBE_DEFER && !node) {
            		pb->legacy = true;
            		pb->pwm = pwm_request(data->pwm_id, "pwm-backlight");
            	}
            	if (IS_ERR(pb->pwm)) {
            		ret = PTR_ERR(pb->pwm);
            		dev_err_probe(&pdev->dev, ret, "unable to request PWM\n");
            		goto err_alloc;
            	}
            	return 0;
            err_alloc:
            	return ret;
            }
            """);
        var r = Assert.Single(Requests(plan));
        Assert.Equal((PlanResource.Pwm, PlanPolicy.Required, (string?)null), (r.Resource!.Value, r.Policy!.Value, r.When));
    }
}
