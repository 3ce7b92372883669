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

/// <summary>
/// A fact the importer could not settle: Subject is a driver id, early entry or file; Fact names what is unknown;
/// Cause is the scanner rule that gave up (what reports count); Reason says it in words for the reader.
/// </summary>
public sealed record ImportedUnknown(string Subject, string Fact, string Reason, SourceLine? Source)
{
    public required UnknownCause Cause { get; init; }
}

/// <summary>Why the importer could not settle a fact: the rule of the scanner that gave up.</summary>
public enum UnknownCause
{
    /// <summary>A match-table entry written through a macro defined outside the file.</summary>
    EntryMacro,
    /// <summary>A match-table entry whose fields are not constants the scanner reads (a PCI id from a header, ...).</summary>
    EntryUnread,
    /// <summary>An IRQCHIP_MATCH entry whose compatible is not a string.</summary>
    IrqchipMatchUnread,
    /// <summary>A driver struct of a bus the import does not record (serdev, rpmsg, mipi-dsi, ...).</summary>
    OtherBus,
    /// <summary>The driver's name is not a constant string (a macro from a header).</summary>
    NameNotConstant,
    /// <summary>The driver struct sets no name.</summary>
    NoName,
    /// <summary>A registration call whose driver argument is not a symbol the scanner can name.</summary>
    RegistrationUnread,
    /// <summary>A registration of an array of drivers not defined in the file.</summary>
    RegisteredArrayMissing,
    /// <summary>No registration of the driver in the scanned files (a family library registers it).</summary>
    NoRegistration,
    /// <summary>Registered from a function no initcall of the file reaches.</summary>
    InitcallUnreached,
    /// <summary>The match table a driver names is defined in no scanned file of its module.</summary>
    TableMissing,
    /// <summary>The driver struct names no probe function.</summary>
    NoProbe,
    /// <summary>The probe-plan scanner failed on the file.</summary>
    PlanScannerFailed,
    /// <summary>An early OF declare with an unexpected number of arguments.</summary>
    EarlyDeclareArity,
    /// <summary>An early OF declare whose compatible or init function is not a plain constant.</summary>
    EarlyDeclareUnread,
    /// <summary>A file macro that wraps an early OF declare.</summary>
    EarlyDeclareWrapped,
    /// <summary>A directory the build descends into has no Kbuild or Makefile.</summary>
    KbuildNoMakefile,
    /// <summary>A Makefile construct the importer does not evaluate ($(call ...), $(shell ...)).</summary>
    KbuildUnevaluated,
    /// <summary>A Makefile include that is not in the tree.</summary>
    KbuildIncludeMissing,
    /// <summary>Read from a driver set of format 1, which did not record causes.</summary>
    NotRecorded,
}
