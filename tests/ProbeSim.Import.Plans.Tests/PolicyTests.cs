using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Plans.Tests;

/// <summary>The policy of a request, read from the getter and the error handling after it; the failure branch's text.</summary>
public class PolicyTests
{
    private static PlanStep Only(string body)
    {
        var plan = TempTree.Plan("static int foo_probe(struct platform_device *pdev)\n{\n\tstruct device *dev = &pdev->dev;\n" + body + "\n\treturn 0;\n}\n");
        return TempTree.Single(plan, PlanStepKind.Request);
    }

    [Fact]
    public void A_plain_getter_whose_error_returns_is_required_with_its_dev_err_probe_text()
    {
        var s = Only("""
            	priv->clk = devm_clk_get(dev, "ref");
            	if (IS_ERR(priv->clk))
            		return dev_err_probe(dev, PTR_ERR(priv->clk), "failed to get ref clock\n");
            """);
        Assert.Equal(PlanPolicy.Required, s.Policy);
        Assert.Equal("failed to get ref clock", s.Message?.Text);
    }

    [Fact]
    public void A_goto_on_error_is_required_and_keeps_the_dev_err_text()
    {
        var s = Only("""
            	rst = devm_reset_control_get(dev, "ahb");
            	if (IS_ERR(rst)) {
            		dev_err(dev, "no ahb reset: %ld\n", PTR_ERR(rst));
            		ret = PTR_ERR(rst);
            		goto out;
            	}
            out:
            """);
        Assert.Equal(PlanPolicy.Required, s.Policy);
        Assert.Equal("no ahb reset: %ld", s.Message?.Text);
    }

    [Fact]
    public void An_optional_getter_that_returns_errors_propagates_defer()
    {
        var s = Only("""
            	vdd = devm_regulator_get_optional(dev, "vdd");
            	if (IS_ERR(vdd))
            		return PTR_ERR(vdd);
            """);
        Assert.Equal(PlanPolicy.OptionalDeferPropagates, s.Policy);
    }

    [Fact]
    public void An_optional_getter_whose_errors_are_all_ignored_is_optional()
    {
        var s = Only("""
            	clk = devm_clk_get_optional(dev, "dbg");
            	if (IS_ERR(clk))
            		clk = NULL;
            """);
        Assert.Equal(PlanPolicy.Optional, s.Policy);
    }

    [Fact]
    public void A_plain_getter_that_swallows_all_but_defer_propagates_defer()
    {
        var s = Only("""
            	priv->phy = devm_phy_get(dev, "usb");
            	if (IS_ERR(priv->phy)) {
            		if (PTR_ERR(priv->phy) == -EPROBE_DEFER)
            			return -EPROBE_DEFER;
            		priv->phy = NULL;
            	}
            """);
        Assert.Equal(PlanPolicy.OptionalDeferPropagates, s.Policy);
        Assert.DoesNotContain(TempTree.Plan("static int foo_probe(struct device *dev)\n{\n\tp = devm_phy_get(dev, \"usb\");\n\tif (IS_ERR(p)) {\n\t\tif (PTR_ERR(p) == -EPROBE_DEFER)\n\t\t\treturn -EPROBE_DEFER;\n\t\tp = NULL;\n\t}\n\treturn 0;\n}\n").Steps,
            x => x.Kind == PlanStepKind.Defer);
    }

    [Fact]
    public void A_defer_check_then_a_failing_check_is_required()
    {
        var s = Only("""
            	c = devm_clk_get(dev, "pll");
            	if (PTR_ERR(c) == -EPROBE_DEFER)
            		return -EPROBE_DEFER;
            	if (IS_ERR(c))
            		return dev_err_probe(dev, PTR_ERR(c), "no pll\n");
            """);
        Assert.Equal(PlanPolicy.Required, s.Policy);
        Assert.Equal("no pll", s.Message?.Text);
    }

    [Fact]
    public void Errors_other_than_absent_returning_propagate_defer()
    {
        var s = Only("""
            	g = devm_gpiod_get(dev, "reset", GPIOD_OUT_LOW);
            	if (IS_ERR(g) && PTR_ERR(g) != -ENOENT)
            		return PTR_ERR(g);
            """);
        Assert.Equal(PlanPolicy.OptionalDeferPropagates, s.Policy);
    }

    [Fact]
    public void An_absent_resource_tested_first_then_other_errors_returning_propagates_defer()
    {
        var s = Only("""
            	ret = devm_clk_bulk_get(dev, priv->num_clocks, priv->clocks);
            	if (ret == -ENOENT)
            		priv->num_clocks = 0;
            	else if (ret)
            		return ret;
            """);
        Assert.Equal(PlanPolicy.OptionalDeferPropagates, s.Policy);
    }

    [Fact]
    public void A_getter_whose_result_is_not_checked_is_optional()
    {
        var s = Only("\tpriv->clk = devm_clk_get(dev, \"opt\");\n\tpriv->rate = 1;");
        Assert.Equal(PlanPolicy.Optional, s.Policy);
    }

    [Fact]
    public void A_warning_only_branch_is_optional()
    {
        var s = Only("""
            	clk = devm_clk_get(dev, "aux");
            	if (IS_ERR(clk)) {
            		dev_warn(dev, "no aux clock\n");
            		clk = NULL;
            	}
            """);
        Assert.Equal(PlanPolicy.Optional, s.Policy);
        Assert.Equal("no aux clock", s.Message?.Text);
    }

    [Fact]
    public void A_return_code_checked_later_through_ptr_err_or_zero_is_required()
    {
        var s = Only("""
            	priv->rst = devm_reset_control_get_exclusive(dev, NULL);
            	ret = PTR_ERR_OR_ZERO(priv->rst);
            	if (ret)
            		return ret;
            """);
        Assert.Equal(PlanPolicy.Required, s.Policy);
    }

    [Fact]
    public void A_bulk_get_whose_return_value_fails_the_probe_is_required()
    {
        var s = Only("""
            	ret = devm_regulator_bulk_get(dev, 2, priv->supplies);
            	if (ret)
            		return dev_err_probe(dev, ret, "failed to get supplies\n");
            """);
        Assert.Equal(PlanPolicy.Required, s.Policy);
        Assert.Equal("failed to get supplies", s.Message?.Text);
    }

    [Fact]
    public void An_irq_checked_for_a_negative_value_is_required_and_its_optional_form_propagates_defer()
    {
        Assert.Equal(PlanPolicy.Required, Only("\tirq = platform_get_irq(pdev, 0);\n\tif (irq < 0)\n\t\treturn irq;").Policy);
        Assert.Equal(PlanPolicy.OptionalDeferPropagates, Only("\tirq = platform_get_irq_optional(pdev, 1);\n\tif (irq < 0 && irq != -ENXIO)\n\t\treturn irq;").Policy);
    }

    [Fact]
    public void A_getter_in_an_if_condition_is_read_from_that_if()
    {
        var s = Only("\tif (devm_regulator_bulk_get(dev, 2, priv->supplies))\n\t\treturn -ENODEV;");
        Assert.Equal(PlanPolicy.Required, s.Policy);
    }

    [Fact]
    public void Only_using_a_present_resource_is_optional()
    {
        var s = Only("\tclk = devm_clk_get(dev, \"x\");\n\tif (!IS_ERR(clk))\n\t\tclk_prepare_enable(clk);");
        Assert.Equal(PlanPolicy.Optional, s.Policy);
    }

    [Fact]
    public void Explicit_deferrals_are_defer_steps_with_their_reason()
    {
        var plan = TempTree.Plan("""
            static int foo_probe(struct platform_device *pdev)
            {
            	if (!foo_ready)
            		return dev_err_probe(&pdev->dev, -EPROBE_DEFER, "waiting for firmware\n");
            	if (!bar_ready) {
            		dev_dbg(&pdev->dev, "bar not ready\n");
            		return -EPROBE_DEFER;
            	}
            	return 0;
            }
            """);
        var defers = plan.Steps.Where(s => s.Kind == PlanStepKind.Defer).ToList();
        Assert.Equal(2, defers.Count);
        Assert.Equal("waiting for firmware", defers[0].Message?.Text);
        Assert.Equal("bar not ready", defers[1].Message?.Text);
        Assert.Equal(new SourceLine("drivers/test/t.c", 4), defers[0].Source);
    }
}
