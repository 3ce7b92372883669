namespace ProbeSim.Kernel.Drivers;

/// <summary>
/// The early OF tables of the default driver set: a small embedded list of the common arm/arm64 declare-table
/// entries (init function names as in Linux, for explanations).
/// <list type="bullet">
/// <item>IRQCHIP_DECLARE: <c>arm,gic-400</c>, <c>arm,cortex-a15-gic</c>, <c>arm,cortex-a9-gic</c>, <c>arm,cortex-a7-gic</c>
/// (irq-gic.c <c>gic_of_init</c>) and <c>arm,gic-v3</c> (irq-gic-v3.c's own <c>gic_of_init</c>).</item>
/// <item>TIMER_OF_DECLARE: <c>arm,armv8-timer</c>, <c>arm,armv7-timer</c> (<c>arch_timer_of_init</c>),
/// <c>arm,armv7-timer-mem</c> (<c>arch_timer_mem_of_init</c>).</item>
/// <item>CLK_OF_DECLARE: <c>fixed-clock</c>, <c>fixed-factor-clock</c>, and the R-Car Gen2 clocks of the arm32
/// Renesas boards (clk-rcar-gen2.c, clk-mstp.c, clk-div6.c: <c>renesas,rcar-gen2-cpg-clocks</c>,
/// <c>renesas,cpg-mstp-clocks</c>, <c>renesas,cpg-div6-clock</c>).</item>
/// <item>RESERVEDMEM_OF_DECLARE: <c>shared-dma-pool</c> twice (CMA and coherent DMA pool), as in Linux.</item>
/// </list>
/// <c>arm,gic-v2m-frame</c> is deliberately not here: Linux has no IRQCHIP_DECLARE for it. The GICv2 init
/// (<c>gic_of_init</c>) calls <c>gicv2m_init</c>, which finds the frames among the GIC node's children with
/// <c>of_find_matching_node</c>; the frames never become devices (the GIC node is not a bus, and of_irq_init marks
/// it populated). The same holds for <c>arm,gic-v3-its</c> under a GICv3. The default set gives neither a driver
/// (<see cref="DefaultDriverSet.NoDriverCompatibles"/>).
/// </summary>
public static class DefaultEarlyTables
{
    /// <summary>The embedded entries, in table order.</summary>
    public static IReadOnlyList<EarlyEntry> Entries { get; } = Array.AsReadOnly(new[]
    {
        new EarlyEntry(EarlyTable.Irqchip, "arm,gic-400", "gic_of_init"),
        new EarlyEntry(EarlyTable.Irqchip, "arm,cortex-a15-gic", "gic_of_init"),
        new EarlyEntry(EarlyTable.Irqchip, "arm,cortex-a9-gic", "gic_of_init"),
        new EarlyEntry(EarlyTable.Irqchip, "arm,cortex-a7-gic", "gic_of_init"),
        new EarlyEntry(EarlyTable.Irqchip, "arm,gic-v3", "gic_of_init"),
        new EarlyEntry(EarlyTable.Timer, "arm,armv8-timer", "arch_timer_of_init"),
        new EarlyEntry(EarlyTable.Timer, "arm,armv7-timer", "arch_timer_of_init"),
        new EarlyEntry(EarlyTable.Timer, "arm,armv7-timer-mem", "arch_timer_mem_of_init"),
        new EarlyEntry(EarlyTable.Clk, "fixed-clock", "of_fixed_clk_setup"),
        new EarlyEntry(EarlyTable.Clk, "fixed-factor-clock", "of_fixed_factor_clk_setup"),
        new EarlyEntry(EarlyTable.Clk, "renesas,rcar-gen2-cpg-clocks", "rcar_gen2_cpg_clocks_init"),
        new EarlyEntry(EarlyTable.Clk, "renesas,cpg-mstp-clocks", "cpg_mstp_clocks_init"),
        new EarlyEntry(EarlyTable.Clk, "renesas,cpg-div6-clock", "cpg_div6_clock_init"),
        new EarlyEntry(EarlyTable.ReservedMem, "shared-dma-pool", "rmem_cma_setup"),
        new EarlyEntry(EarlyTable.ReservedMem, "shared-dma-pool", "rmem_dma_setup"),
    });

    /// <summary>
    /// True for tables whose nodes get no driver: CLK_OF_DECLARE (provider set up early, node marked populated),
    /// IRQCHIP_DECLARE, TIMER_OF_DECLARE and RESERVEDMEM_OF_DECLARE. CLK_OF_DECLARE_DRIVER, earlycon and IOMMU
    /// entries keep their platform driver.
    /// </summary>
    public static bool TakesNodeWithoutDriver(EarlyTable table) =>
        table is EarlyTable.Clk or EarlyTable.Irqchip or EarlyTable.Timer or EarlyTable.ReservedMem;
}
