using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Plans.Tests;

/// <summary>Following calls: same-file helpers in order, cycles, returned getters, calls into other files.</summary>
public class FollowTests
{
    [Fact]
    public void Static_helpers_are_followed_in_source_order()
    {
        var plan = TempTree.Plan("""
            static int foo_get_clocks(struct foo *priv, struct device *dev)
            {
            	priv->bus = devm_clk_get(dev, "bus");
            	if (IS_ERR(priv->bus))
            		return PTR_ERR(priv->bus);
            	return 0;
            }

            int foo_get_power(struct device *dev)
            {
            	return foo_vdd(dev);
            }

            static int foo_vdd(struct device *dev)
            {
            	struct regulator *r = devm_regulator_get(dev, "vdd");
            	if (IS_ERR(r))
            		return PTR_ERR(r);
            	return 0;
            }

            static int foo_probe(struct platform_device *pdev)
            {
            	int ret;

            	priv->rst = devm_reset_control_get(&pdev->dev, "core");
            	if (IS_ERR(priv->rst))
            		return PTR_ERR(priv->rst);
            	ret = foo_get_clocks(priv, &pdev->dev);
            	if (ret)
            		return ret;
            	return foo_get_power(&pdev->dev);
            }
            """);
        Assert.True(plan.Complete);
        Assert.Equal(new[] { "core", "bus", "vdd" }, plan.Steps.Select(s => s.Name));
        Assert.Equal(new[] { "foo_probe", "foo_get_clocks", "foo_vdd" }, plan.Steps.Select(s => s.Function));
        Assert.Equal(3, plan.Steps[1].Source.Line);
    }

    [Fact]
    public void Recursion_and_mutual_calls_are_cut()
    {
        var plan = TempTree.Plan("""
            static int foo_a(struct device *dev, int n);
            static int foo_b(struct device *dev, int n)
            {
            	platform_get_irq(to_platform_device(dev), n);
            	return n ? foo_a(dev, n - 1) : 0;
            }
            static int foo_a(struct device *dev, int n)
            {
            	return foo_b(dev, n) + foo_a(dev, n);
            }
            static int foo_probe(struct platform_device *pdev)
            {
            	return foo_a(&pdev->dev, 3);
            }
            """);
        Assert.True(plan.Complete);
        Assert.Single(plan.Steps);
    }

    [Fact]
    public void A_helper_returning_a_getter_takes_the_callers_policy()
    {
        var plan = TempTree.Plan("""
            static struct clk *foo_clk(struct device *dev)
            {
            	return devm_clk_get(dev, "ref");
            }
            static int foo_probe(struct platform_device *pdev)
            {
            	priv->ref = foo_clk(&pdev->dev);
            	if (IS_ERR(priv->ref)) {
            		dev_info(&pdev->dev, "running without ref\n");
            		priv->ref = NULL;
            	}
            	return 0;
            }
            """);
        var s = TempTree.Single(plan, PlanStepKind.Request);
        Assert.Equal(PlanPolicy.Optional, s.Policy);
        Assert.Equal("running without ref", s.Message?.Text);
        Assert.Equal("foo_clk", s.Function);
    }

    [Fact]
    public void A_helper_failure_the_caller_ignores_is_optional_and_names_come_from_the_call()
    {
        var plan = TempTree.Plan("""
            static struct clk_hw *foo_fixed(struct device_node *np, const char *name, int idx)
            {
            	struct clk *clk = of_clk_get_by_name(np, name);
            	if (IS_ERR(clk))
            		return ERR_PTR(-ENOENT);
            	irq_of_parse_and_map(np, idx);
            	return __clk_get_hw(clk);
            }
            static int foo_probe(struct platform_device *pdev)
            {
            	struct device_node *np = pdev->dev.of_node;
            	struct clk_hw *hw;

            	hws[0] = foo_fixed(np, "ckil", 1);
            	hw = foo_fixed(np, "osc", 2);
            	if (IS_ERR(hw))
            		return dev_err_probe(&pdev->dev, PTR_ERR(hw), "no osc\n");
            	return 0;
            }
            """);
        var clocks = plan.Steps.Where(s => s.Resource == PlanResource.Clock).ToList();
        Assert.Equal(new[] { "ckil", "osc" }, clocks.Select(s => s.Name));
        Assert.Equal(new[] { PlanPolicy.Optional, PlanPolicy.Required }, clocks.Select(s => s.Policy!.Value));
        Assert.Equal("no osc", clocks[1].Message?.Text);
        Assert.Equal(new int?[] { 1, 2 }, plan.Steps.Where(s => s.Resource == PlanResource.Interrupt).Select(s => s.Index));
    }

    [Fact]
    public void A_call_into_another_file_with_the_device_is_unknown()
    {
        var plan = TempTree.Plan("""
            static int foo_probe(struct platform_device *pdev)
            {
            	struct foo *priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
            	int ret;

            	ret = foo_common_init(&pdev->dev, priv);
            	if (ret)
            		return ret;
            	foo_math(priv->x, 3);
            	return 0;
            }
            """);
        Assert.False(plan.Complete);
        var u = TempTree.Single(plan, PlanStepKind.Unknown);
        Assert.Equal("foo_common_init", u.Name);
        Assert.Equal(6, u.Source.Line);
        Assert.Contains("not followed", u.Message?.Text);
    }

    [Fact]
    public void A_call_through_a_function_pointer_with_the_device_is_unknown()
    {
        var plan = TempTree.Plan("""
            static const struct foo_data foo_v2 = { .init = foo_v2_init_in_another_file };
            static int foo_probe(struct platform_device *pdev)
            {
            	const struct foo_data *data = of_device_get_match_data(&pdev->dev);

            	data->setup(priv);
            	data->never_set(pdev);
            	return data->init(pdev);
            }
            """);
        Assert.False(plan.Complete);
        Assert.Equal("data->init", TempTree.Single(plan, PlanStepKind.Unknown).Name);
    }

    [Fact]
    public void A_call_through_an_ops_field_follows_every_function_the_file_puts_there()
    {
        var plan = TempTree.Plan("""
            static int foo_a_init(struct foo *priv)
            {
            	priv->clk = devm_clk_get(priv->dev, "a");
            	return PTR_ERR_OR_ZERO(priv->clk);
            }
            static int foo_b_init(struct foo *priv)
            {
            	priv->rst = devm_reset_control_get(priv->dev, "b");
            	return 0;
            }
            static void foo_a_remove(struct foo *priv) { foo_teardown_in_another_file(priv->dev); }
            static const struct foo_ops foo_a = { .init = foo_a_init, .remove = foo_a_remove, };
            static const struct foo_ops foo_b = { .init = foo_b_init, };
            static int foo_probe(struct platform_device *pdev)
            {
            	int ret = priv->ops->init(priv);
            	if (ret)
            		priv->ops->remove(priv);
            	return ret;
            }
            """);
        Assert.True(plan.Complete);
        Assert.Equal(new[] { "a", "b" }, plan.Steps.Select(s => s.Name));
        Assert.Equal(PlanPolicy.Required, plan.Steps[0].Policy);
    }

    [Fact]
    public void A_non_static_function_of_a_sibling_file_is_followed_and_can_be_the_probe_itself()
    {
        using var t = new TempTree()
            .With("drivers/acme/acme-lib.c", """
                int acme_common_probe(struct platform_device *pdev)
                {
                	struct clk *c = devm_clk_get_enabled(&pdev->dev, NULL);
                	if (IS_ERR(c))
                		return dev_err_probe(&pdev->dev, PTR_ERR(c), "no clock\n");
                	return acme_teardown_unknown_free(pdev);
                }
                """)
            .With("drivers/acme/acme-x.c", """
                static int acme_x_probe(struct platform_device *pdev)
                {
                	return acme_common_probe(pdev);
                }
                static struct platform_driver acme_y = { .probe = acme_common_probe, };
                """);
        var plan = t.Scan("drivers/acme/acme-x.c", "acme_x_probe");
        Assert.True(plan.Complete);
        var s = TempTree.Single(plan, PlanStepKind.Request);
        Assert.Equal((new SourceLine("drivers/acme/acme-lib.c", 3), "acme_common_probe", "no clock"), (s.Source, s.Function, s.Message?.Text));
        Assert.Equal(plan.Steps, t.Scan("drivers/acme/acme-x.c", "acme_common_probe").Steps);
    }

    [Fact]
    public void An_error_path_after_continue_on_success_is_required()
    {
        var plan = TempTree.Plan("""
            static int foo_probe(struct platform_device *pdev)
            {
            	for (i = 0; i < n; i++) {
            		ch[i] = mbox_request_channel(&cl[i], i);
            		if (!IS_ERR(ch[i]))
            			continue;
            		ret = PTR_ERR(ch[i]);
            		return ret;
            	}
            	pm_clk_add(&pdev->dev, "pm");
            	return 0;
            }
            """);
        Assert.Equal(PlanPolicy.Required, plan.Steps[0].Policy);
        Assert.Equal((PlanResource.Clock, "pm", PlanPolicy.Optional), (plan.Steps[1].Resource!.Value, plan.Steps[1].Name, plan.Steps[1].Policy!.Value));
    }

    [Fact]
    public void A_missing_probe_function_is_one_unknown()
    {
        var plan = TempTree.Plan("static int other(void) { return 0; }\n");
        Assert.False(plan.Complete);
        Assert.Contains("no definition of foo_probe", TempTree.Single(plan, PlanStepKind.Unknown).Message?.Text);
    }

    [Fact]
    public void Deep_helper_chains_stop_at_the_depth_limit_as_unknown()
    {
        var code = new System.Text.StringBuilder();
        for (int k = 12; k >= 1; k--) code.Append($"static int h{k}(struct device *dev) {{ return h{k + 1}(dev); }}\n");
        code.Append("static int h13(struct device *dev) { return 0; }\n");
        code.Append("static int foo_probe(struct platform_device *pdev) { return h1(&pdev->dev); }\n");
        var plan = TempTree.Plan(code.ToString());
        Assert.False(plan.Complete);
        Assert.Contains("depth", TempTree.Single(plan, PlanStepKind.Unknown).Message?.Text);
    }

    [Fact]
    public void Both_branches_of_an_if_directive_are_read()
    {
        var plan = TempTree.Plan("""
            static int foo_probe(struct platform_device *pdev)
            {
            #ifdef CONFIG_FOO_PHY
            	phy = devm_phy_optional_get(&pdev->dev, "pcie");
            #else
            	phy = NULL;
            #endif
            	if (IS_ERR(phy))
            		return PTR_ERR(phy);
            	return 0;
            }
            """);
        Assert.Equal(PlanPolicy.OptionalDeferPropagates, TempTree.Single(plan, PlanStepKind.Request).Policy);
    }
}
