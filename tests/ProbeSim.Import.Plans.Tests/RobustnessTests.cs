namespace ProbeSim.Import.Plans.Tests;

/// <summary>Broken or truncated C (both #if branches read, a file cut short) never throws: the plan is what could be read.</summary>
public class RobustnessTests
{
    private const string Driver = """
        static const struct mfd_cell foo_cells[] = { { .name = "foo-a" }, MFD_CELL_OF("foo-b", NULL, NULL, 0, 0, "acme,b") };
        static int foo_helper(struct device *dev, const char *name)
        {
        	struct clk *c = devm_clk_get(dev, name);
        	if (IS_ERR(c)) {
        		if (PTR_ERR(c) == -EPROBE_DEFER)
        			return -EPROBE_DEFER;
        	} else if (c) {
        		return 0;
        	}
        	return priv->ops->init(dev);
        }
        static int foo_probe(struct platform_device *pdev)
        {
        #ifdef CONFIG_FOO
        	if (foo_helper(&pdev->dev, "a")) {
        #else
        	if (foo_helper(&pdev->dev, "b") < 0) {
        #endif
        		return dev_err_probe(&pdev->dev, -EPROBE_DEFER, "wait\n");
        	}
        	do { irq = platform_get_irq(pdev, 0); } while (irq < 0);
        	return devm_mfd_add_devices(&pdev->dev, 0, foo_cells, 2, NULL, 0, NULL);
        }
        """;

    [Fact]
    public void Every_truncation_of_a_driver_scans_without_throwing()
    {
        for (int cut = 0; cut <= Driver.Length; cut += 3)
        {
            var plan = TempTree.Plan(Driver[..cut]);
            Assert.NotNull(plan);
        }
    }

    [Fact]
    public void The_whole_driver_gives_its_steps()
    {
        var plan = TempTree.Plan(Driver);
        Assert.Contains(plan.Steps, s => s.Name == "a");
        Assert.Contains(plan.Steps, s => s.Name == "b");
        Assert.Contains(plan.Steps, s => s.Name == "foo-b" && s.Compatible == "acme,b");
    }
}
