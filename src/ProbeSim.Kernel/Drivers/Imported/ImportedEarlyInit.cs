namespace ProbeSim.Kernel.Drivers.Imported;

/// <summary>What an early OF init function registers for its node (so lookups of that kind resolve at once).</summary>
public enum EarlyProvides { Clock, Reset, Irq, Timer, ReservedMem, Console, PowerDomain, Gpio, Pinctrl }

/// <summary>
/// One early OF table entry (CLK_OF_DECLARE[_DRIVER], IRQCHIP_DECLARE, TIMER_OF_DECLARE, RESERVEDMEM_OF_DECLARE,
/// OF_EARLYCON_DECLARE, IOMMU_OF_DECLARE) with what its init registers and whether the node is still left to a platform
/// driver (CLK_OF_DECLARE_DRIVER, or an init that clears OF_POPULATED as imx_gpcv2's does).
/// </summary>
public sealed record ImportedEarlyInit
{
    public required EarlyTable Table { get; init; }
    public required string Compatible { get; init; }
    public required string InitFunction { get; init; }
    public required BuildStatus Status { get; init; }
    public IReadOnlyList<EarlyProvides> Provides { get; init; } = Array.Empty<EarlyProvides>();
    /// <summary>A platform device is still created for the node (CLK_OF_DECLARE_DRIVER; of_node_clear_flag(OF_POPULATED)).</summary>
    public bool LeavesNodeToDriver { get; init; }
    public required SourceLine Source { get; init; }
}

/// <summary>A fact the importer could not settle: Subject is a driver id, early entry or file; Fact names what is unknown.</summary>
public sealed record ImportedUnknown(string Subject, string Fact, string Reason, SourceLine? Source);
