namespace ProbeSim.Kernel.Drivers;

/// <summary>Early OF "declare" tables a kernel scans before any driver registers.</summary>
public enum EarlyTable
{
    /// <summary>CLK_OF_DECLARE (of_clk_init): provider ready at once, node marked populated, no platform device.</summary>
    Clk,
    /// <summary>CLK_OF_DECLARE_DRIVER: provider set up early and a platform device is still created.</summary>
    ClkDriver,
    /// <summary>IRQCHIP_DECLARE (of_irq_init).</summary>
    Irqchip,
    /// <summary>TIMER_OF_DECLARE (timer_probe).</summary>
    Timer,
    /// <summary>RESERVEDMEM_OF_DECLARE.</summary>
    ReservedMem,
    /// <summary>OF_EARLYCON_DECLARE: console only, no effect on probing.</summary>
    Earlycon,
    /// <summary>IOMMU_OF_DECLARE (v4.12-rc1..v4.14 __iommu_of_table).</summary>
    Iommu,
}

/// <summary>One early table entry.</summary>
public sealed record EarlyEntry(EarlyTable Table, string Compatible, string? InitFunction = null)
{
    /// <summary>What the init registers for its node besides the table's own kind (the RK3399 CRU's early init also
    /// registers its reset controller); empty = only the table's kind.</summary>
    public IReadOnlyList<Imported.EarlyProvides> Provides { get; init; } = Array.Empty<Imported.EarlyProvides>();
    /// <summary>A platform device is still created for the node (CLK_OF_DECLARE_DRIVER, or an init that clears
    /// OF_POPULATED as imx_gpcv2_irqchip_init does); null = the table's default.</summary>
    public bool? LeavesNodeToDriver { get; init; }
}
