using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Tests;

/// <summary>The importer end to end on a hand-written tree: Kbuild status, cross-file registration, matches, manifest.</summary>
public class ImporterTests
{
    internal static (TestTree Tree, string Config) DemoTree()
    {
        var tree = new TestTree()
            .File("Makefile", "VERSION = 9\nPATCHLEVEL = 8\nSUBLEVEL = 7\nEXTRAVERSION = -demo\n")
            .File("Kbuild", "obj-y += drivers/\n")
            .File("drivers/Makefile", "obj-y += clk/ gpu/\n")
            .File("drivers/clk/Makefile", "obj-$(CONFIG_DEMO_CLK) += clk-demo.o\n")
            .File("drivers/clk/clk-demo.c", """
                static const struct of_device_id demo_clk_ids[] = { { .compatible = "acme,cru" }, { } };
                static struct platform_driver demo_clk_driver = {
                    .driver = { .name = "demo-clk", .of_match_table = demo_clk_ids },
                };
                builtin_platform_driver_probe(demo_clk_driver, demo_clk_probe);
                CLK_OF_DECLARE_DRIVER(demo_cru, "acme,cru", demo_cru_init);
                """)
            .File("drivers/gpu/Makefile", "gfx-y := gfx_drv.o gfx_hdmi.o\nobj-$(CONFIG_DEMO_GFX) += gfx.o\n")
            .File("drivers/gpu/gfx_drv.c", """
                static struct platform_driver * const parts[] = { &gfx_hdmi_driver };
                static int __init gfx_register(void)
                {
                    return platform_register_drivers(parts, ARRAY_SIZE(parts));
                }
                module_init(gfx_register);
                """)
            .File("drivers/gpu/gfx_hdmi.c", """
                static const struct of_device_id gfx_hdmi_ids[] = { { .compatible = "acme,hdmi" }, { } };
                struct platform_driver gfx_hdmi_driver = {
                    .probe = gfx_hdmi_probe,
                    .driver = { .name = "gfx_hdmi", .of_match_table = gfx_hdmi_ids },
                };
                """);
        return (tree, tree.Config("CONFIG_DEMO_CLK=y", "CONFIG_DEMO_GFX=m", "CONFIG_MODULES=y"));
    }

    [Fact]
    public void ImportsStatusRegistrationAndMatches()
    {
        var (tree, config) = DemoTree();
        var k = KernelImporter.Import(new ImportRequest(tree.Root, config, "arm64") { Command = "probesim kernel import ..." });
        var clk = k.Drivers.Single(d => d.Name == "demo-clk");
        Assert.Equal((BuildStatus.BuiltIn, InitcallLevel.Device, "demo_clk_probe"), (clk.Status, clk.Initcall!.Value, clk.ProbeFunction));
        Assert.Equal("drivers/clk/clk-demo.c:demo_clk_driver", clk.Id);
        var hdmi = k.Drivers.Single(d => d.Name == "gfx_hdmi");
        Assert.Equal((BuildStatus.Module, "gfx"), (hdmi.Status, hdmi.Module));
        Assert.Equal("drivers/gpu/gfx_drv.c:gfx_register", hdmi.RegisteredBy);
        Assert.Equal(InitcallLevel.Device, hdmi.Initcall);
        Assert.Equal(new SourceLine("drivers/gpu/gfx_hdmi.c", 1), k.Matches.Single(m => m.DriverId == hdmi.Id).Source);
        var early = Assert.Single(k.EarlyInits);
        Assert.Equal((EarlyTable.ClkDriver, true, BuildStatus.BuiltIn), (early.Table, early.LeavesNodeToDriver, early.Status));
        Assert.Equal("9.8.7-demo", k.Manifest.KernelVersion);
        Assert.Equal(["source", "config"], k.Manifest.Inputs.Select(i => i.Role));
        Assert.Equal(64, k.Manifest.Inputs[1].Sha256!.Length);
    }

    [Fact]
    public void HooksGivePlansAndEarlyProvides()
    {
        var (tree, config) = DemoTree();
        var calls = new List<string>();
        var k = KernelImporter.Import(new ImportRequest(tree.Root, config, "arm64")
        {
            PlanScanner = (root, file, probe, id) => { calls.Add($"{file}:{probe}"); return new ProbePlan(id, [], true); },
            EarlyInitScanner = (root, file, init) => ([EarlyProvides.Clock, EarlyProvides.Reset], false),
        });
        Assert.Equal(["drivers/clk/clk-demo.c:demo_clk_probe", "drivers/gpu/gfx_hdmi.c:gfx_hdmi_probe"], calls.Order(StringComparer.Ordinal));
        Assert.Equal(2, k.Plans.Count);
        Assert.Equal([EarlyProvides.Clock, EarlyProvides.Reset], k.EarlyInits[0].Provides);
    }

    [Fact]
    public void AMatchTableInTheDriversOwnHeaderIsRead()
    {
        // v6.12 drivers/usb/misc/onboard_usb_dev.c:559 names onboard_dev_match, which onboard_usb_dev.h:97 defines
        var tree = new TestTree()
            .File("Makefile", "VERSION = 6\nPATCHLEVEL = 12\nSUBLEVEL = 0\n")
            .File("Kbuild", "obj-y += drivers/\n")
            .File("drivers/Makefile", "obj-$(CONFIG_HUB) += hub.o\n")
            .File("drivers/hub.h", """
                struct hub_data { int x; };
                static const struct of_device_id hub_match[] = {
                    { .compatible = "usb424,2514" },
                    {}
                };
                """)
            .File("drivers/hub.c", """
                #include <linux/module.h>
                #include "hub.h"
                static struct platform_driver hub_driver = {
                    .probe = hub_probe,
                    .driver = { .name = "onboard-hub", .of_match_table = hub_match },
                };
                module_platform_driver(hub_driver);
                """);
        var k = KernelImporter.Import(new ImportRequest(tree.Root, tree.Config("CONFIG_HUB=m", "CONFIG_MODULES=y"), "arm64"));
        var m = Assert.Single(k.Matches);
        Assert.Equal(("usb424,2514", new SourceLine("drivers/hub.h", 3)), (m.Value, m.Source));
        Assert.DoesNotContain(k.Unknowns, u => u.Fact == "match-table");
    }

    [Fact]
    public void ADriverStructAMacroDefinesIsImportedAtTheMacrosUse()
    {
        // v6.12 drivers/firmware/arm_scmi/common.h:432 DEFINE_SCMI_TRANSPORT_DRIVER defines a probe and a struct
        // platform_driver whose name is #__tag "_transport"; transports/mailbox.c:389 uses it, then registers the driver
        var tree = new TestTree()
            .File("Makefile", "VERSION = 6\nPATCHLEVEL = 12\nSUBLEVEL = 0\n")
            .File("Kbuild", "obj-y += fw/\n")
            .File("fw/Makefile", "obj-$(CONFIG_XPORT) += xport.o\n")
            .File("fw/common.h", """
                #define DEFINE_XPORT_DRIVER(__tag, __drv, __match)		\
                static int __tag##_probe(struct platform_device *pdev)	\
                {								\
                	return xport_register(pdev);				\
                }								\
                								\
                static struct platform_driver __drv = {			\
                	.driver = {						\
                		.name = #__tag "_transport",			\
                		.of_match_table = __match,			\
                	},							\
                	.probe = __tag##_probe,					\
                }
                """)
            .File("fw/xport.c", """
                #include "common.h"

                static const struct of_device_id xport_ids[] = {
                	{ .compatible = "acme,xport" },
                	{ },
                };

                DEFINE_XPORT_DRIVER(acme_mbox, acme_mbox_driver,
                		    xport_ids);
                module_platform_driver(acme_mbox_driver);
                """);
        var k = KernelImporter.Import(new ImportRequest(tree.Root, tree.Config("CONFIG_XPORT=y"), "arm64")
        {
            PlanScanner = (root, file, probe, id) => new Plans.ProbePlanScanner(root).Scan(file, probe, id),
        });
        var d = Assert.Single(k.Drivers);
        Assert.Equal(("acme_mbox_transport", "acme_mbox_probe", BuildStatus.BuiltIn, InitcallLevel.Device), (d.Name, d.ProbeFunction, d.Status, d.Initcall));
        Assert.Equal(new SourceLine("fw/xport.c", 8), d.Source); // the macro's use
        Assert.Equal("acme,xport", Assert.Single(k.Matches).Value);
        // the plan scanner reads the probe the macro defines
        Assert.DoesNotContain(k.Plans.Single().Steps, s => s.Message?.Text.Contains("no definition") == true);
    }

    [Fact]
    public void OnlyFilesLimitsTheScan()
    {
        var (tree, config) = DemoTree();
        var k = KernelImporter.Import(new ImportRequest(tree.Root, config, "arm64") { OnlyFiles = ["drivers/gpu/gfx_hdmi.c"] });
        var d = Assert.Single(k.Drivers);
        Assert.Null(d.Initcall);
        Assert.Contains(k.Unknowns, u => u.Subject == d.Id && u.Fact == "registration");
    }

    [Fact]
    public void PciIdsFromTheDriversOwnHeaderAndPciIds()
    {
        var tree = new TestTree()
            .File("Makefile", "VERSION = 1\nPATCHLEVEL = 0\nSUBLEVEL = 0\n")
            .File("Kbuild", "obj-y += net/\n")
            .File("net/Makefile", "obj-m += nic.o\n")
            .File("include/linux/pci_ids.h", "#define PCI_VENDOR_ID_ACME 0x1abc\n#define PCI_DEVICE_ID_ACME_FAST 0x0042\n")
            .File("net/nic_hw.h", "#define NIC_DEV_ID_ONE 0x0101\n")
            .File("net/nic.c", """
                #include <linux/pci.h>
                #include "nic_hw.h"
                static const struct pci_device_id nic_ids[] = {
                    { PCI_VDEVICE(ACME, NIC_DEV_ID_ONE), 0 },
                    { PCI_DEVICE_DATA(ACME, FAST, &fast_info) },
                    { }
                };
                static struct pci_driver nic_driver = { .name = "nic", .id_table = nic_ids, .probe = nic_probe };
                module_pci_driver(nic_driver);
                """);
        var k = KernelImporter.Import(new ImportRequest(tree.Root, tree.Config("CONFIG_MODULES=y"), "arm64"));
        Assert.Equal(["1abc:0101", "1abc:0042"], k.Matches.Select(m => m.Value));
        Assert.Equal(BuildStatus.Module, Assert.Single(k.Drivers).Status);
    }

    [Fact]
    public void AnInitcallOfAnotherFileReachesTheRegisteringFunction()
    {
        // hci_uart's pattern: the module's init (hci_ldisc.c) calls bcm_init (hci_bcm.c), which registers bcm_driver
        var tree = new TestTree()
            .File("Makefile", "VERSION = 1\nPATCHLEVEL = 0\nSUBLEVEL = 0\n")
            .File("Kbuild", "obj-y += bt/\n")
            .File("bt/Makefile", "uart-y := core.o part.o\nobj-$(CONFIG_UART) += uart.o\n")
            .File("bt/core.c", """
                static int __init core_init(void)
                {
                    return part_init();
                }
                subsys_initcall(core_init)
                void core_other(void) { }
                """)
            .File("bt/part.c", """
                static struct platform_driver part_driver = { .driver = { .name = "part" }, .probe = part_probe };
                int __init part_init(void)
                {
                    return platform_driver_register(&part_driver);
                }
                """);
        var k = KernelImporter.Import(new ImportRequest(tree.Root, tree.Config("CONFIG_UART=y"), "arm64"));
        var d = Assert.Single(k.Drivers);
        Assert.Equal((BuildStatus.BuiltIn, InitcallLevel.Subsys, "bt/part.c:part_init"), (d.Status, d.Initcall!.Value, d.RegisteredBy));
        Assert.DoesNotContain(k.Unknowns, u => u.Subject == d.Id);
    }
}
