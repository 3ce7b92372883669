using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Plans.Tests;

/// <summary>Each getter family: its resource kind and how it names what it asks for.</summary>
public class GetterTests
{
    private static PlanStep Request(string call)
    {
        var plan = TempTree.Plan($$"""
            static int foo_probe(struct platform_device *pdev)
            {
            	struct device *dev = &pdev->dev;
            	void *x;

            	x = {{call}};
            	if (IS_ERR(x))
            		return PTR_ERR(x);
            	return 0;
            }
            """);
        Assert.True(plan.Complete);
        return TempTree.Single(plan, PlanStepKind.Request);
    }

    [Theory]
    [InlineData("devm_clk_get(dev, \"bus\")", PlanResource.Clock)]
    [InlineData("devm_clk_get_enabled(dev, \"bus\")", PlanResource.Clock)]
    [InlineData("devm_clk_get_prepared(dev, \"bus\")", PlanResource.Clock)]
    [InlineData("clk_get(dev, \"bus\")", PlanResource.Clock)]
    [InlineData("of_clk_get_by_name(dev->of_node, \"bus\")", PlanResource.Clock)]
    [InlineData("devm_reset_control_get_exclusive(dev, \"bus\")", PlanResource.Reset)]
    [InlineData("devm_reset_control_get_shared(dev, \"bus\")", PlanResource.Reset)]
    [InlineData("of_reset_control_get(dev->of_node, \"bus\")", PlanResource.Reset)]
    [InlineData("devm_regulator_get(dev, \"bus\")", PlanResource.Regulator)]
    [InlineData("devm_regulator_get_exclusive(dev, \"bus\")", PlanResource.Regulator)]
    [InlineData("dev_pm_domain_attach_by_name(dev, \"bus\")", PlanResource.PowerDomain)]
    [InlineData("devm_phy_get(dev, \"bus\")", PlanResource.Phy)]
    [InlineData("of_phy_get(dev->of_node, \"bus\")", PlanResource.Phy)]
    [InlineData("devm_of_phy_get(dev, dev->of_node, \"bus\")", PlanResource.Phy)]
    [InlineData("devm_gpiod_get(dev, \"bus\", GPIOD_OUT_LOW)", PlanResource.Gpio)]
    [InlineData("of_get_named_gpio(dev->of_node, \"bus\", 0)", PlanResource.Gpio)]
    [InlineData("dma_request_chan(dev, \"bus\")", PlanResource.Dma)]
    [InlineData("dma_request_slave_channel(dev, \"bus\")", PlanResource.Dma)]
    [InlineData("devm_iio_channel_get(dev, \"bus\")", PlanResource.IoChannel)]
    [InlineData("syscon_regmap_lookup_by_phandle(dev->of_node, \"bus\")", PlanResource.Syscon)]
    [InlineData("devm_nvmem_cell_get(dev, \"bus\")", PlanResource.Nvmem)]
    [InlineData("nvmem_cell_get(dev, \"bus\")", PlanResource.Nvmem)]
    [InlineData("mbox_request_channel_byname(&priv->cl, \"bus\")", PlanResource.Mailbox)]
    [InlineData("devm_pwm_get(dev, \"bus\")", PlanResource.Pwm)]
    [InlineData("pinctrl_lookup_state(priv->pins, \"bus\")", PlanResource.Pinctrl)]
    [InlineData("platform_get_irq_byname(pdev, \"bus\")", PlanResource.Interrupt)]
    [InlineData("of_irq_get_byname(dev->of_node, \"bus\")", PlanResource.Interrupt)]
    public void Named_getters_give_their_resource_and_the_name(string call, PlanResource resource)
    {
        var s = Request(call);
        Assert.Equal(resource, s.Resource);
        Assert.Equal(PlanLookup.Name, s.Lookup);
        Assert.Equal("bus", s.Name);
    }

    [Theory]
    [InlineData("of_clk_get(dev->of_node, 2)", PlanResource.Clock, 2)]
    [InlineData("platform_get_irq(pdev, 1)", PlanResource.Interrupt, 1)]
    [InlineData("irq_of_parse_and_map(dev->of_node, 0)", PlanResource.Interrupt, 0)]
    [InlineData("of_irq_get(dev->of_node, 3)", PlanResource.Interrupt, 3)]
    [InlineData("devm_reset_control_get_exclusive_by_index(dev, 1)", PlanResource.Reset, 1)]
    [InlineData("dev_pm_domain_attach_by_id(dev, 1)", PlanResource.PowerDomain, 1)]
    [InlineData("mbox_request_channel(&priv->cl, 0)", PlanResource.Mailbox, 0)]
    [InlineData("devm_clk_get(dev, NULL)", PlanResource.Clock, 0)]
    [InlineData("devm_reset_control_get(dev, NULL)", PlanResource.Reset, 0)]
    [InlineData("devm_pwm_get(dev, NULL)", PlanResource.Pwm, 0)]
    public void Index_getters_and_null_names_give_an_index(string call, PlanResource resource, int index)
    {
        var s = Request(call);
        Assert.Equal(resource, s.Resource);
        Assert.Equal(PlanLookup.Index, s.Lookup);
        Assert.Equal(index, s.Index);
    }

    [Theory]
    [InlineData("devm_clk_bulk_get_all(dev, &priv->clks)", PlanResource.Clock)]
    [InlineData("devm_reset_control_array_get_exclusive(dev)", PlanResource.Reset)]
    [InlineData("devm_reset_control_array_get(dev, false, false)", PlanResource.Reset)]
    [InlineData("iio_channel_get_all(dev)", PlanResource.IoChannel)]
    [InlineData("devm_gpiod_get_array(dev, \"led\", GPIOD_OUT_LOW)", PlanResource.Gpio)]
    [InlineData("devm_pinctrl_get(dev)", PlanResource.Pinctrl)]
    public void All_getters_give_every_entry(string call, PlanResource resource)
    {
        var s = Request(call);
        Assert.Equal(resource, s.Resource);
        Assert.Equal(PlanLookup.All, s.Lookup);
    }

    [Theory]
    [InlineData("devm_clk_bulk_get(dev, priv->num_clks, priv->clks)", PlanResource.Clock)]
    [InlineData("devm_regulator_bulk_get(dev, ARRAY_SIZE(priv->supplies), priv->supplies)", PlanResource.Regulator)]
    [InlineData("devm_reset_control_bulk_get_exclusive(dev, 2, priv->resets)", PlanResource.Reset)]
    public void Bulk_getters_name_at_run_time(string call, PlanResource resource)
    {
        var s = Request(call);
        Assert.Equal(resource, s.Resource);
        Assert.Equal(PlanLookup.Name, s.Lookup);
        Assert.Null(s.Name);
    }

    [Fact]
    public void A_name_from_a_define_is_read()
    {
        var plan = TempTree.Plan("""
            #define FOO_CLK "core"
            static int foo_probe(struct platform_device *pdev)
            {
            	priv->clk = devm_clk_get(&pdev->dev, FOO_CLK);
            	if (IS_ERR(priv->clk))
            		return PTR_ERR(priv->clk);
            	return 0;
            }
            """);
        Assert.Equal("core", TempTree.Single(plan, PlanStepKind.Request).Name);
    }

    [Fact]
    public void Similar_names_that_are_not_getters_are_not_requests()
    {
        var plan = TempTree.Plan("""
            static int foo_probe(struct platform_device *pdev)
            {
            	struct clk *parent = clk_get_parent(priv->clk);
            	reset_control_deassert(priv->rst);
            	return clk_prepare_enable(parent);
            }
            """);
        Assert.Empty(plan.Steps);
        Assert.True(plan.Complete);
    }
}
