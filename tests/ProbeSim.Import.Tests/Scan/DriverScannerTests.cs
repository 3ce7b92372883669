using ProbeSim.Import.Scan;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Tests.Scan;

/// <summary>The driver scanner on hand-written kernel-style C (no kernel code).</summary>
public class DriverScannerTests
{
    private static FileScan Scan(string c, string modname = "demo") => DriverScanner.Scan(CFile.Parse("drivers/demo/demo.c", c), modname);

    private const string Platform = """
        #define DRV_NAME "demo-" "ctl"
        static const struct of_device_id demo_of_match[] = {
            { .compatible = "acme,demo-a", .data = &variant_a },
            { .compatible = "acme,demo-b" },
            { .name = "demo", .type = "widget", .compatible = "acme,demo-c" },
            { /* sentinel */ }
        };
        MODULE_DEVICE_TABLE(of, demo_of_match);

        static int demo_probe(struct platform_device *pdev)
        {
            return 0;
        }

        static struct platform_driver demo_driver = {
            .probe = demo_probe,
            .driver = {
                .name = DRV_NAME,
                .of_match_table = of_match_ptr(demo_of_match),
                .probe_type = PROBE_PREFER_ASYNCHRONOUS,
            },
            .prevent_deferred_probe = true,
            .driver_managed_dma = true,
        };
        module_platform_driver(demo_driver);
        """;

    [Fact]
    public void PlatformDriverWithItsTableAndFlags()
    {
        var s = Scan(Platform);
        var d = Assert.Single(s.Drivers);
        Assert.Equal(("demo_driver", ImportedBus.Platform, "demo-ctl"), (d.Symbol, d.Bus, d.Name));
        Assert.Equal("demo_of_match", d.OfTable);
        Assert.Equal("demo_probe", d.Probe);
        Assert.True(d.AsyncProbe);
        Assert.True(d.PreventDeferredProbe);
        Assert.True(d.DriverManagedDma);
        var t = s.Tables["demo_of_match"];
        Assert.Equal(["acme,demo-a", "acme,demo-b", "acme,demo-c"], t.Entries.Select(e => e.Value));
        Assert.Equal(("demo", "widget"), (t.Entries[2].NodeName, t.Entries[2].DeviceType));
        Assert.Equal(3, t.Entries[0].Line);
        var r = Assert.Single(s.Registrations);
        Assert.Equal(["demo_driver"], r.Drivers);
        Assert.Equal(InitcallLevel.Device, r.Level);
        Assert.Null(r.Function);
    }

    [Fact]
    public void I2cAndSpiDriversWithIdTablesAndKbuildModname()
    {
        var s = Scan("""
            static const struct i2c_device_id chip_ids[] = {
                { "chip100", 0 },
                { .name = "chip200" },
                { }
            };
            static const struct spi_device_id chip_spi_ids[] = { { "chip300", 1 }, { } };
            static struct i2c_driver chip_i2c = {
                .driver = { .name = KBUILD_MODNAME },
                .probe_new = chip_probe,
                .id_table = chip_ids,
            };
            static struct spi_driver chip_spi = {
                .driver = { .name = "chip-spi" },
                .probe = chip_spi_probe,
                .id_table = chip_spi_ids,
            };
            module_i2c_driver(chip_i2c);
            module_spi_driver(chip_spi);
            """, modname: "chip_core");
        var i2c = s.Drivers.Single(d => d.Bus == ImportedBus.I2c);
        Assert.Equal(("chip_core", "chip_probe", "chip_ids"), (i2c.Name, i2c.Probe, i2c.IdTable));
        Assert.Equal([(MatchKind.I2c, "chip100"), (MatchKind.I2c, "chip200")], s.Tables["chip_ids"].Entries.Select(e => (e.Kind, e.Value)));
        Assert.Equal("chip300", Assert.Single(s.Tables["chip_spi_ids"].Entries).Value);
        Assert.Equal(2, s.Registrations.Count);
    }

    [Fact]
    public void InitcallsReachRegistrationsThroughStaticHelpers()
    {
        var s = Scan("""
            static struct platform_driver a_driver = { .driver = { .name = "a" }, .probe = a_probe };
            static struct amba_driver b_driver = { .drv = { .name = "b" }, .probe = b_probe, .id_table = b_ids };
            static struct platform_driver c_driver = { .driver = { .name = "c" } };
            static struct platform_driver * const group[] = { &a_driver, &c_driver };
            static int __init helper(void)
            {
                return amba_driver_register(&b_driver);
            }
            static int __init demo_init(void)
            {
                int ret = platform_register_drivers(group, ARRAY_SIZE(group));
                if (ret)
                    return ret;
                return helper();
            }
            subsys_initcall(demo_init);
            int demo_late_register(void)
            {
                return platform_driver_probe(&c_driver, c_probe);
            }
            """);
        var group = s.Registrations.Single(r => r.Drivers.Count == 2);
        Assert.Equal(["a_driver", "c_driver"], group.Drivers);
        Assert.Equal((InitcallLevel.Subsys, "demo_init", true), (group.Level!.Value, group.Function, group.FunctionIsInitcall));
        var amba = s.Registrations.Single(r => r.Drivers.Contains("b_driver"));
        Assert.Equal((InitcallLevel.Subsys, "helper", false), (amba.Level!.Value, amba.Function, amba.FunctionIsInitcall));
        var late = s.Registrations.Single(r => r.Function == "demo_late_register");
        Assert.Null(late.Level);
        Assert.Equal("c_probe", late.Probe);
        Assert.Equal(ImportedBus.Amba, s.Drivers.Single(d => d.Symbol == "b_driver").Bus);
        Assert.Equal("b", s.Drivers.Single(d => d.Symbol == "b_driver").Name);
    }

    // the two forms of IOMMU_OF_DECLARE the kernels that have __iommu_of_table use: a hook (v4.4.11
    // exynos-iommu.c:1252-1253, split over two lines; v4.11.0 arm-smmu.c:2255) and a NULL hook (v4.12.0 arm-smmu.c:2332)
    [Fact]
    public void IommuOfDeclareEntriesGoToTheIommuTable()
    {
        var s = Scan("""
            static int __init demo_iommu_of_setup(struct device_node *np) { return 0; }
            IOMMU_OF_DECLARE(demo_iommu_of, "acme,demo-sysmmu",
                     demo_iommu_of_setup);
            IOMMU_OF_DECLARE(demo_smmuv1, "acme,demo-smmu-v1", NULL);
            """);
        Assert.Equal(
            [(EarlyTable.Iommu, "acme,demo-sysmmu", "demo_iommu_of_setup", 2), (EarlyTable.Iommu, "acme,demo-smmu-v1", "NULL", 4)],
            s.Early.Select(e => (e.Table, e.Compatible, e.InitFunction, e.Line)));
        Assert.Empty(s.Unknowns);
    }

    [Fact]
    public void EarlyDeclaresAndMacrosThatWrapThem()
    {
        var s = Scan("""
            #define DEMO_COMPAT "acme,demo-timer"
            #define DEMO_CLK(name, compat) CLK_OF_DECLARE(name, compat, demo_generic_init)
            CLK_OF_DECLARE(demo_clk, "acme,demo-clk", demo_clk_init);
            CLK_OF_DECLARE_DRIVER(demo_cru, "acme,demo-cru", demo_cru_init);
            IRQCHIP_DECLARE(demo_gic, "acme,demo-gic", demo_gic_init);
            TIMER_OF_DECLARE(demo_timer, DEMO_COMPAT, demo_timer_init);
            RESERVEDMEM_OF_DECLARE(demo_pool, "acme,demo-pool", demo_pool_setup);
            OF_EARLYCON_DECLARE(demo_uart, "acme,demo-uart", demo_early_setup);
            DEMO_CLK(one, "acme,one");
            """);
        Assert.Equal(
            [(EarlyTable.Clk, "acme,demo-clk", "demo_clk_init"), (EarlyTable.ClkDriver, "acme,demo-cru", "demo_cru_init"),
             (EarlyTable.Irqchip, "acme,demo-gic", "demo_gic_init"), (EarlyTable.Timer, "acme,demo-timer", "demo_timer_init"),
             (EarlyTable.ReservedMem, "acme,demo-pool", "demo_pool_setup"), (EarlyTable.Earlycon, "acme,demo-uart", "demo_early_setup")],
            s.Early.Select(e => (e.Table, e.Compatible, e.InitFunction)));
        var u = Assert.Single(s.Unknowns);
        Assert.Equal(("early-declare", 2), (u.Fact, u.Source!.Value.Line));
        Assert.Contains("DEMO_CLK wraps CLK_OF_DECLARE; its 1 use(s)", u.Reason);
    }

    [Fact]
    public void PciAndAmbaIdTables()
    {
        var s = Scan("""
            #define DEMO_VENDOR 0x1a2b
            static const struct pci_device_id demo_pci_ids[] = {
                { PCI_DEVICE(DEMO_VENDOR, 0x0001) },
                { PCI_DEVICE(0x1a2b, PCI_ANY_ID), .driver_data = 3 },
                { PCI_DEVICE_CLASS(0x010802, 0xffffff) },
                { 0x8086, 0x1234, PCI_ANY_ID, PCI_ANY_ID, 0, 0, 0 },
                { .vendor = 0x10de, .device = 0x00ff },
                { 0, }
            };
            static const struct amba_id demo_amba_ids[] = {
                { .id = 0x00041180, .mask = 0xff0fffff, .data = &x },
                { 0x000bb000, 0x000fffff },
                { 0, 0 },
            };
            """);
        Assert.Equal(["1a2b:0001", "1a2b:*", "class=010802/ffffff", "8086:1234", "10de:00ff"], s.Tables["demo_pci_ids"].Entries.Select(e => e.Value));
        Assert.Equal(["00041180/ff0fffff", "000bb000/000fffff"], s.Tables["demo_amba_ids"].Entries.Select(e => e.Value));
    }

    [Fact]
    public void EntriesWrittenThroughAFileMacroAreExpanded()
    {
        var s = Scan("""
            #define DEMO_ENTRY(c, d) { .compatible = c, .data = &d }
            #define DEMO_NAMED(n) { .compatible = "acme," #n }
            static const struct of_device_id demo_ids[] = {
                DEMO_ENTRY("acme,one", one_data),
                DEMO_NAMED(two),
                UNKNOWN_MACRO(three),
                { }
            };
            """);
        Assert.Equal(["acme,one", "acme,two"], s.Tables["demo_ids"].Entries.Select(e => e.Value));
        Assert.Equal(5, s.Tables["demo_ids"].Entries[1].Line);
        var u = Assert.Single(s.Unknowns);
        Assert.Equal(("match-entry", 6), (u.Fact, u.Source!.Value.Line));
    }

    [Fact]
    public void DriverOfAnotherBusIsRecordedAsUnknown()
    {
        var s = Scan("""
            static const struct of_device_id bt_of_match[] = { { .compatible = "acme,bt" }, { } };
            static struct serdev_device_driver bt_driver = { .driver = { .name = "bt", .of_match_table = bt_of_match } };
            """);
        Assert.Empty(s.Drivers);
        Assert.Equal(("serdev_device_driver", "bt_driver"), s.OtherBusTables["bt_of_match"]);
        Assert.Equal("other-bus", Assert.Single(s.Unknowns).Fact);
    }

    [Fact]
    public void ConstCharArrayNamesTheDriver()
    {
        var s = Scan("""
            static const char demo_name[] = "demo-x";
            static struct platform_driver d = { .driver = { .name = demo_name } };
            builtin_platform_driver(d);
            """);
        Assert.Equal("demo-x", Assert.Single(s.Drivers).Name);
    }

    [Fact]
    public void IrqchipPlatformDriverMacros()
    {
        // include/linux/irqchip.h: IRQCHIP_PLATFORM_DRIVER_BEGIN/IRQCHIP_MATCH/IRQCHIP_PLATFORM_DRIVER_END make a builtin platform driver
        var s = Scan("""
            IRQCHIP_PLATFORM_DRIVER_BEGIN(demo_intc)
            IRQCHIP_MATCH("acme,intc-a", demo_intc_init)
            IRQCHIP_MATCH("acme,intc-b", demo_intc_init)
            IRQCHIP_PLATFORM_DRIVER_END(demo_intc)
            """);
        var d = Assert.Single(s.Drivers);
        Assert.Equal(("demo_intc_driver", "demo_intc", "platform_irqchip_probe"), (d.Symbol, d.Name, d.Probe));
        Assert.Equal(["acme,intc-a", "acme,intc-b"], s.Tables[d.OfTable!].Entries.Select(e => e.Value));
        Assert.Equal(["demo_intc_driver"], Assert.Single(s.Registrations).Drivers);
    }

    [Fact]
    public void ExportedTableNoDriverPointsAt()
    {
        var s = Scan("""
            static const struct of_device_id chip_of[] = { { .compatible = "acme,chip" }, { } };
            MODULE_DEVICE_TABLE(of, chip_of);
            static struct i2c_driver chip = { .driver = { .name = "chip" }, .id_table = chip_ids };
            module_i2c_driver(chip);
            """);
        Assert.Equal(["chip_of"], s.AliasOnlyTables);
    }

    [Fact]
    public void BranchesThatOpenDifferentBracesKeepTheFirst()
    {
        // soundwire/qcom.c's shape: "#if X / if (a) { / #else / if (false) { / #endif" inside a function
        var s = Scan("""
            static int demo_setup(struct demo *d)
            {
            #if IS_REACHABLE(CONFIG_DEMO_BUS)
                if (d->bus) {
            #else
                if (false) {
            #endif
                    d->x = 1;
                }
                return 0;
            }
            static const struct of_device_id demo_ids[] = { { .compatible = "acme,demo" }, { } };
            static struct platform_driver demo_driver = { .driver = { .name = "demo", .of_match_table = demo_ids } };
            module_platform_driver(demo_driver);
            """);
        Assert.Equal("demo", Assert.Single(s.Drivers).Name);
        Assert.Single(s.Registrations);
    }
    [Fact]
    public void SunxiRsbAndSpmiDriversAreBusesOfTheirOwn()
    {
        // include/linux/sunxi-rsb.h module_sunxi_rsb_driver, include/linux/spmi.h module_spmi_driver / spmi_driver_register
        var s = Scan("""
            static const struct of_device_id pmic_rsb_of_match[] = {
                { .compatible = "acme,pmic-rsb", .data = (void *)ACME_ID },
                { }
            };
            static struct sunxi_rsb_driver pmic_rsb_driver = {
                .driver = { .name = "pmic-rsb", .of_match_table = of_match_ptr(pmic_rsb_of_match) },
                .probe = pmic_rsb_probe,
            };
            module_sunxi_rsb_driver(pmic_rsb_driver);

            static const struct of_device_id pmic_spmi_of_match[] = {
                { .compatible = "acme,pmic-spmi" },
                { }
            };
            static struct spmi_driver pmic_spmi_driver = {
                .probe = pmic_spmi_probe,
                .driver = { .name = "pmic-spmi", .of_match_table = pmic_spmi_of_match },
            };
            static int __init pmic_init(void)
            {
                return spmi_driver_register(&pmic_spmi_driver);
            }
            module_init(pmic_init);
            """);
        var rsb = s.Drivers.Single(d => d.Symbol == "pmic_rsb_driver");
        Assert.Equal((ImportedBus.SunxiRsb, "pmic-rsb", "pmic_rsb_of_match", "pmic_rsb_probe"), (rsb.Bus, rsb.Name, rsb.OfTable, rsb.Probe));
        var spmi = s.Drivers.Single(d => d.Symbol == "pmic_spmi_driver");
        Assert.Equal((ImportedBus.Spmi, "pmic-spmi", "pmic_spmi_of_match"), (spmi.Bus, spmi.Name, spmi.OfTable));
        Assert.Contains(s.Registrations, r => r.Drivers.SequenceEqual(["pmic_rsb_driver"]) && r.Function is null && r.Level == InitcallLevel.Device);
        Assert.Contains(s.Registrations, r => r.Drivers.SequenceEqual(["pmic_spmi_driver"]) && r.Function == "pmic_init" && r.Level == InitcallLevel.Device);
        // neither is an "other-bus" unknown any more
        Assert.DoesNotContain(s.Unknowns, u => u.Fact == "other-bus");
    }

    [Fact]
    public void AmbaProbeCompatibleGuardsAreRead()
    {
        var s = Scan("""
            static int box_probe(struct amba_device *adev, const struct amba_id *id)
            {
                struct device *dev = &adev->dev;

                if (!of_device_is_compatible(dev->of_node, "acme,box"))
                    return -ENODEV;
                if (of_device_is_compatible(dev->of_node, "acme,box-v2"))
                    dev_info(dev, "v2\n");
                if (!of_device_is_compatible(dev->of_node, "acme,other"))
                    return -EINVAL;
                return 0;
            }
            static struct amba_id box_ids[] = {
                { .id = 0x1bb123, .mask = 0xffffff },
                { 0, 0 },
            };
            static struct amba_driver box_driver = {
                .drv = { .name = "box" },
                .id_table = box_ids,
                .probe = box_probe,
            };
            module_amba_driver(box_driver);
            """);
        var d = Assert.Single(s.Drivers);
        // only the guard that rejects other parts with -ENODEV (a silent "rejects match"): line 5
        var g = Assert.Single(d.ProbeCompatibles);
        Assert.Equal((MatchKind.ProbeOf, "acme,box", 5), (g.Kind, g.Value, g.Line));
    }

    [Fact]
    public void PlatformDriversDoNotGetProbeGuards()
    {
        var s = Scan("""
            static int p_probe(struct platform_device *pdev)
            {
                if (!of_device_is_compatible(pdev->dev.of_node, "acme,p"))
                    return -ENODEV;
                return 0;
            }
            static struct platform_driver p_driver = { .probe = p_probe, .driver = { .name = "p" } };
            module_platform_driver(p_driver);
            """);
        Assert.Empty(Assert.Single(s.Drivers).ProbeCompatibles);
    }

    [Fact]
    public void OfEntryDataIsKeptWhenItIsASymbolOrNumber()
    {
        var s = Scan("""
            static const struct of_device_id v_of_match[] = {
                { .compatible = "acme,v1", .data = (void *)CHIP_V1 },
                { .compatible = "acme,v2", .data = &v2_info },
                { .compatible = "acme,v3", .data = (void *)(uintptr_t)3 },
                { .compatible = "acme,v4", .data = N_IDS(2) },
                { .compatible = "acme,v5" },
                { "", "", "acme,v6", (void *)CHIP_V6 },
                { }
            };
            static struct platform_driver v_driver = { .probe = v_probe, .driver = { .name = "v", .of_match_table = v_of_match } };
            module_platform_driver(v_driver);
            """);
        Assert.Equal(new string?[] { "CHIP_V1", "v2_info", "3", null, null, "CHIP_V6" }, s.Tables["v_of_match"].Entries.Select(e => e.Data));
    }
}
