using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Tests;

/// <summary>What a driver's registration says about it: platform_driver_probe, and an init that registers two drivers.</summary>
public class RegistrationTests
{
    private static ImportedKernel Import(string file, string text)
    {
        var tree = new TestTree()
            .File("Makefile", "VERSION = 6\nPATCHLEVEL = 1\nSUBLEVEL = 0\nEXTRAVERSION =\n")
            .File("Kbuild", "obj-y += drivers/\n")
            .File("drivers/Makefile", "obj-y += demo/\n")
            .File("drivers/demo/Makefile", "obj-y += demo.o\n")
            .File("drivers/demo/" + file, text);
        return KernelImporter.Import(new ImportRequest(tree.Root, tree.Config("CONFIG_MODULES=y"), "arm64") { Command = "test" });
    }

    [Fact]
    public void A_driver_registered_with_its_probe_never_defers()
    {
        // __platform_driver_probe sets drv->prevent_deferred_probe (drivers/base/platform.c:928);
        // clk_rk3399_driver is registered so (drivers/clk/rockchip/clk-rk3399.c:1658)
        var k = Import("demo.c", """
            static struct platform_driver demo_driver = { .driver = { .name = "demo" } };
            builtin_platform_driver_probe(demo_driver, demo_probe);
            static struct platform_driver plain_driver = { .probe = plain_probe, .driver = { .name = "plain" } };
            builtin_platform_driver(plain_driver);
            """);
        Assert.True(k.Drivers.Single(d => d.Name == "demo").PreventDeferredProbe);
        Assert.False(k.Drivers.Single(d => d.Name == "plain").PreventDeferredProbe);
    }

    [Fact]
    public void An_init_that_registers_two_drivers_registers_the_first_for_the_last()
    {
        // pl011_init registers arm_sbsa_uart_platform_driver, then pl011_driver (drivers/tty/serial/amba-pl011.c:3013-3015)
        var k = Import("demo.c", """
            static struct platform_driver sub_driver = { .probe = sub_probe, .driver = { .name = "sub" } };
            static struct amba_driver main_driver = { .probe = main_probe, .drv = { .name = "main" } };
            static int __init main_init(void)
            {
            	if (platform_driver_register(&sub_driver))
            		pr_warn("could not register sub driver\n");
            	return amba_driver_register(&main_driver);
            }
            arch_initcall(main_init);
            """);
        Assert.Equal("drivers/demo/demo.c:main_init", k.Drivers.Single(d => d.Name == "sub").RegisteredBy);
        Assert.Null(k.Drivers.Single(d => d.Name == "main").RegisteredBy);
    }
}
