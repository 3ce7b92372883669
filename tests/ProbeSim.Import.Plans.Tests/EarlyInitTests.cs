using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Plans.Tests;

/// <summary>What an early init registers for its node, through helpers in its file and family files.</summary>
public class EarlyInitTests
{
    [Fact]
    public void Providers_registered_directly_and_through_helpers_in_other_family_files()
    {
        using var t = new TempTree()
            .With("drivers/clk/rockchip/softrst.c", """
                void rockchip_register_softrst(struct device_node *np, unsigned int n, void __iomem *base, u8 flags)
                {
                	struct rockchip_softrst *s = kzalloc(sizeof(*s), GFP_KERNEL);
                	s->rcdev.of_node = np;
                	reset_controller_register(&s->rcdev);
                }
                """)
            .With("drivers/clk/acme/clk-acme.c", """
                static void __init acme_clk_setup(struct device_node *np)
                {
                	of_clk_add_hw_provider(np, of_clk_hw_onecell_get, data);
                }
                static void __init acme_clk_init(struct device_node *np)
                {
                	acme_clk_setup(np);
                	rockchip_register_softrst(np, 4, base, 0);
                }
                CLK_OF_DECLARE(acme_cru, "acme,cru", acme_clk_init);
                """);
        var (provides, leaves) = new ProbePlanScanner(t.Root).EarlyInit("drivers/clk/acme/clk-acme.c", "acme_clk_init");
        Assert.Equal(new[] { EarlyProvides.Clock, EarlyProvides.Reset }, provides);
        Assert.False(leaves);
    }

    [Fact]
    public void A_static_inline_wrapper_in_the_local_header_reaches_the_library_beside_it()
    {
        // v6.12 drivers/clk/rockchip/clk.h:1074 rockchip_register_softrst is a static inline calling
        // rockchip_register_softrst_lut (softrst.c:91), which registers the reset controller; clk-rk3399.c:1571 calls it
        using var t = new TempTree()
            .With("drivers/clk/acme/clk.h", """
                void acme_register_softrst_lut(struct device_node *np, const int *lut, unsigned int n, void __iomem *base, u8 flags);
                static inline void acme_register_softrst(struct device_node *np, unsigned int n, void __iomem *base, u8 flags)
                {
                	return acme_register_softrst_lut(np, NULL, n, base, flags);
                }
                """)
            .With("drivers/clk/acme/softrst.c", """
                #include "clk.h"
                void acme_register_softrst_lut(struct device_node *np, const int *lut, unsigned int n, void __iomem *base, u8 flags)
                {
                	s->rcdev.of_node = np;
                	reset_controller_register(&s->rcdev);
                }
                """)
            .With("drivers/clk/acme/clk-acme.c", """
                #include <linux/clk-provider.h>
                #include "clk.h"
                static void __init acme_clk_init(struct device_node *np)
                {
                	of_clk_add_hw_provider(np, of_clk_hw_onecell_get, data);
                	acme_register_softrst(np, 4, base, 0);
                }
                CLK_OF_DECLARE(acme_cru, "acme,cru", acme_clk_init);
                """);
        var (provides, _) = new ProbePlanScanner(t.Root).EarlyInit("drivers/clk/acme/clk-acme.c", "acme_clk_init");
        Assert.Equal(new[] { EarlyProvides.Clock, EarlyProvides.Reset }, provides);
    }

    [Fact]
    public void Clearing_of_populated_leaves_the_node_to_a_driver()
    {
        using var t = new TempTree().With("drivers/irqchip/irq-acme.c", """
            static int __init acme_irq_init(struct device_node *node, struct device_node *parent)
            {
            	domain = irq_domain_add_hierarchy(parent_domain, 0, 64, node, &acme_ops, priv);
            	of_node_clear_flag(node, OF_POPULATED);
            	return 0;
            }
            """);
        var (provides, leaves) = new ProbePlanScanner(t.Root).EarlyInit("drivers/irqchip/irq-acme.c", "acme_irq_init");
        Assert.Equal(new[] { EarlyProvides.Irq }, provides);
        Assert.True(leaves);
    }

    [Fact]
    public void Timers_are_timers_and_a_missing_function_provides_nothing()
    {
        using var t = new TempTree().With("drivers/clocksource/t.c", """
            static int __init acme_timer_init(struct device_node *np)
            {
            	clockevents_config_and_register(&ce, rate, 1, 0xffff);
            	return clocksource_mmio_init(base, "acme", rate, 200, 32, clocksource_mmio_readl_up);
            }
            """);
        var s = new ProbePlanScanner(t.Root);
        Assert.Equal(new[] { EarlyProvides.Timer }, s.EarlyInit("drivers/clocksource/t.c", "acme_timer_init").Provides);
        Assert.Empty(s.EarlyInit("drivers/clocksource/t.c", "nope").Provides);
    }
}
