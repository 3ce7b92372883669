using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Plans.Tests;

/// <summary>Children a probe creates: populate, MFD cells, platform and auxiliary devices, bus clients; parent-name clocks.</summary>
public class ChildrenTests
{
    [Fact]
    public void Populate_records_the_match_table_or_the_default()
    {
        var plan = TempTree.Plan("""
            static const struct of_device_id foo_children[] = { { .compatible = "acme,child" }, { } };
            static int foo_probe(struct platform_device *pdev)
            {
            	of_platform_populate(pdev->dev.of_node, foo_children, NULL, &pdev->dev);
            	of_platform_populate(pdev->dev.of_node, NULL, NULL, &pdev->dev);
            	return devm_of_platform_populate(&pdev->dev);
            }
            """);
        Assert.True(plan.Complete);
        Assert.All(plan.Steps, s => Assert.Equal(ChildKind.OfPopulate, s.Child));
        Assert.Equal(new string?[] { "foo_children", null, null }, plan.Steps.Select(s => s.Name));
    }

    [Fact]
    public void A_populate_keeps_the_drivers_text_for_its_failure()
    {
        // drivers/pinctrl/pinctrl-rockchip.c:3472-3474
        var plan = TempTree.Plan("""
            static int foo_probe(struct platform_device *pdev)
            {
            	int ret = of_platform_populate(pdev->dev.of_node, NULL, NULL, &pdev->dev);
            	if (ret)
            		return dev_err_probe(&pdev->dev, ret, "failed to register gpio device\n");
            	return 0;
            }
            """);
        var step = TempTree.Single(plan, PlanStepKind.Children);
        Assert.Equal((PlanMessageKind.DevErrProbe, "failed to register gpio device"), (step.Message!.Kind, step.Message.Text));
    }

    [Fact]
    public void Populating_a_named_subnode_records_the_subnode()
    {
        var plan = TempTree.Plan("""
            static int foo_probe(struct platform_device *pdev)
            {
            	struct device_node *child = of_get_child_by_name(pdev->dev.of_node, "clocks");
            	return of_platform_populate(child, NULL, NULL, &pdev->dev);
            }
            """);
        Assert.Equal("clocks", TempTree.Single(plan, PlanStepKind.Children).NodeName);
    }

    [Fact]
    public void Mfd_cells_of_a_static_array_are_steps_with_name_and_compatible()
    {
        var plan = TempTree.Plan("""
            #define FOO_RTC_NAME "foo-rtc"
            static const struct mfd_cell foo_cells[] = {
            	{ .name = "foo-regulator", },
            	{
            		.name = FOO_RTC_NAME,
            		.of_compatible = "acme,foo-rtc",
            	},
            	MFD_CELL_NAME("foo-pwrkey"),
            	MFD_CELL_OF("foo-gpio", NULL, NULL, 0, 0, "acme,foo-gpio"),
            };
            static int foo_probe(struct i2c_client *client)
            {
            	return devm_mfd_add_devices(&client->dev, PLATFORM_DEVID_NONE, foo_cells, ARRAY_SIZE(foo_cells), NULL, 0, NULL);
            }
            """);
        Assert.True(plan.Complete);
        Assert.All(plan.Steps, s => Assert.Equal(ChildKind.MfdCell, s.Child));
        Assert.Equal(new[] { "foo-regulator", "foo-rtc", "foo-pwrkey", "foo-gpio" }, plan.Steps.Select(s => s.Name));
        Assert.Equal(new[] { null, "acme,foo-rtc", null, "acme,foo-gpio" }, plan.Steps.Select(s => s.Compatible));
        Assert.Equal(new[] { 3, 4, 8, 9 }, plan.Steps.Select(s => s.Source.Line));
    }

    [Fact]
    public void Mfd_cells_chosen_by_variant_name_the_case_that_chooses_them()
    {
        var plan = TempTree.Plan("""
            static const struct mfd_cell a_cells[] = { { .name = "a-regulator" } };
            static const struct mfd_cell b_cells[] = { { .name = "b-regulator" }, { .name = "b-rtc" } };
            static int foo_probe(struct i2c_client *client)
            {
            	const struct mfd_cell *cells;
            	int n;

            	switch (chip) {
            	case CHIP_A:
            		cells = a_cells;
            		n = 1;
            		break;
            	case CHIP_B:
            		cells = b_cells;
            		n = 2;
            		break;
            	}
            	return mfd_add_devices(&client->dev, 0, cells, n, NULL, 0, NULL);
            }
            """);
        Assert.Equal(new[] { "a-regulator", "b-regulator", "b-rtc" }, plan.Steps.Select(s => s.Name));
        Assert.StartsWith("cells b_cells, used when CHIP_B", plan.Steps[2].Message?.Text);
        Assert.Equal(new[] { "CHIP_A", "CHIP_B", "CHIP_B" }, plan.Steps.Select(s => s.When));
    }

    [Fact]
    public void A_cell_set_picked_in_a_helper_of_the_file_names_its_case_group()
    {
        // the axp20x shape: a helper switches on the variant and stores the set; the probe adds dev->cells
        var plan = TempTree.Plan("""
            static const struct mfd_cell a_cells[] = { { .name = "a-regulator" } };
            static const struct mfd_cell b_cells[] = { { .name = "b-regulator" } };
            static const struct mfd_cell c_cells[] = { { .name = "c-regulator" } };
            static int foo_match(struct foo *foo)
            {
            	switch (foo->variant) {
            	case CHIP_A1:
            	case CHIP_A2:
            		foo->cells = a_cells;
            		break;
            	case CHIP_B:
            		foo->cells = b_cells;
            		break;
            	default:
            		foo->cells = c_cells;
            	}
            	return 0;
            }
            static int foo_probe(struct i2c_client *client)
            {
            	struct foo *foo = devm_kzalloc(&client->dev, sizeof(*foo), GFP_KERNEL);

            	foo_match(foo);
            	return mfd_add_devices(&client->dev, 0, foo->cells, 1, NULL, 0, NULL);
            }
            """);
        var cells = plan.Steps.Where(s => s.Child == ChildKind.MfdCell).ToList();
        Assert.Equal(new[] { "a-regulator", "b-regulator", "c-regulator" }, cells.Select(s => s.Name));
        Assert.Equal(new[] { "CHIP_A1,CHIP_A2", "CHIP_B", "default" }, cells.Select(s => s.When));
    }

    [Fact]
    public void A_single_cell_set_has_no_condition()
    {
        var plan = TempTree.Plan("""
            static const struct mfd_cell a_cells[] = { { .name = "a-regulator" } };
            static int foo_probe(struct i2c_client *client)
            {
            	return mfd_add_devices(&client->dev, 0, a_cells, 1, NULL, 0, NULL);
            }
            """);
        Assert.Null(TempTree.Single(plan, PlanStepKind.Children).When);
    }

    [Fact]
    public void Cells_set_in_match_data_or_single_cells_are_resolved()
    {
        var plan = TempTree.Plan("""
            static const struct mfd_cell a_subdevs[] = { { .name = "a-clk", .of_compatible = "acme,a-clk" } };
            static const struct mfd_cell b_subdevs[] = { { .name = "b-clk" } };
            static const struct mfd_cell wdt_cell = { .name = "foo-wdt" };
            static const struct foo_data foo_a = { .subdevs = a_subdevs, .n = 1 };
            static const struct foo_data foo_b = { .subdevs = b_subdevs, .n = 1 };
            static int foo_probe(struct platform_device *pdev)
            {
            	const struct foo_data *data = of_device_get_match_data(&pdev->dev);
            	mfd_add_devices(&pdev->dev, 0, &wdt_cell, 1, NULL, 0, NULL);
            	return mfd_add_devices(&pdev->dev, 0, data->subdevs, data->n, NULL, 0, NULL);
            }
            """);
        Assert.True(plan.Complete);
        Assert.Equal(new[] { "foo-wdt", "a-clk", "b-clk" }, plan.Steps.Select(s => s.Name));
        Assert.Equal("acme,a-clk", plan.Steps[1].Compatible);
        Assert.StartsWith("cells a_subdevs, one of 2 sets", plan.Steps[1].Message?.Text);
    }

    [Fact]
    public void An_unresolved_cell_array_is_unknown()
    {
        var plan = TempTree.Plan("static int foo_probe(struct i2c_client *client)\n{\n\treturn mfd_add_devices(&client->dev, 0, pdata->cells, 2, NULL, 0, NULL);\n}\n");
        Assert.False(plan.Complete);
        Assert.Equal("mfd_cell", TempTree.Single(plan, PlanStepKind.Unknown).Name);
    }

    [Theory]
    [InlineData("i2c_add_adapter(&priv->adap)", "i2c")]
    [InlineData("devm_i2c_add_adapter(&pdev->dev, &priv->adap)", "i2c")]
    [InlineData("i2c_add_numbered_adapter(&priv->adap)", "i2c")]
    [InlineData("devm_spi_register_controller(&pdev->dev, ctlr)", "spi")]
    [InlineData("devm_spi_register_master(&pdev->dev, master)", "spi")]
    [InlineData("spi_register_controller(ctlr)", "spi")]
    [InlineData("spmi_controller_add(ctrl)", "spmi")]
    [InlineData("of_mdiobus_register(bus, pdev->dev.of_node)", "mdio")]
    public void Bus_controllers_create_their_clients(string call, string bus)
    {
        var plan = TempTree.Plan($"static int foo_probe(struct platform_device *pdev)\n{{\n\treturn {call};\n}}\n");
        var s = TempTree.Single(plan, PlanStepKind.Children);
        Assert.Equal(ChildKind.BusClients, s.Child);
        Assert.Equal(bus, s.Name);
    }

    [Fact]
    public void Platform_and_auxiliary_devices_record_their_names()
    {
        var plan = TempTree.Plan("""
            static int foo_probe(struct platform_device *pdev)
            {
            	struct platform_device_info info = { .parent = &pdev->dev, .name = "foo-codec", };
            	platform_device_register_simple("foo-wdt", -1, NULL, 0);
            	platform_device_register_data(&pdev->dev, "foo-leds", -1, NULL, 0);
            	platform_device_register_full(&info);
            	child = platform_device_alloc("foo-rng", PLATFORM_DEVID_AUTO);
            	platform_device_add(child);
            	foo_pdev.name = "foo-pwm";
            	platform_device_register(&foo_pdev);
            	of_platform_device_create(child_np, NULL, &pdev->dev);
            	priv->adev.name = "foo-aux";
            	return auxiliary_device_add(&priv->adev);
            }
            """);
        Assert.Equal(new[] { "foo-wdt", "foo-leds", "foo-codec", "foo-rng", "foo-pwm", null, "foo-aux" }, plan.Steps.Select(s => s.Name));
        Assert.Equal(ChildKind.AuxiliaryDevice, plan.Steps[^1].Child);
        Assert.All(plan.Steps.Take(6), s => Assert.Equal(ChildKind.PlatformDevice, s.Child));
    }

    [Fact]
    public void Parent_clock_names_are_named_but_not_requested()
    {
        var plan = TempTree.Plan("""
            static int foo_probe(struct platform_device *pdev)
            {
            	const char *parents[2];
            	of_clk_parent_fill(pdev->dev.of_node, parents, 2);
            	parents[0] = of_clk_get_parent_name(pdev->dev.of_node, 0);
            	return 0;
            }
            """);
        var s = TempTree.Single(plan, PlanStepKind.Request);
        Assert.Equal((PlanResource.Clock, PlanLookup.All, PlanPolicy.NotRequested), (s.Resource!.Value, s.Lookup!.Value, s.Policy!.Value));
        Assert.Equal(4, s.Source.Line);
    }

    [Fact]
    public void A_family_library_probe_is_modelled_not_unknown()
    {
        var plan = TempTree.Plan("""
            static int foo_cc_probe(struct platform_device *pdev)
            {
            	return qcom_cc_probe(pdev, &foo_cc_desc);
            }
            """, "foo_cc_probe");
        Assert.True(plan.Complete);
        var s = TempTree.Single(plan, PlanStepKind.Request);
        Assert.Equal(PlanPolicy.NotRequested, s.Policy);
        Assert.Contains("drivers/clk/qcom/common.c:310", s.Message?.Text);
    }
}
