namespace ProbeSim.Kernel.Iommu.Amd;

/// <summary>The states of amd-iommu's initialisation state machine (<c>enum iommu_init_state</c>) that the model reaches.</summary>
public enum AmdIommuInitState
{
    /// <summary>IOMMU_START_STATE: nothing ran (e.g. <c>iommu=off</c> without interrupt remapping).</summary>
    Start,
    /// <summary>IOMMU_IVRS_DETECTED: <c>detect_ivrs</c> found the table; the ACPI passes have not run.</summary>
    IvrsDetected,
    /// <summary>IOMMU_ACPI_FINISHED: the IVRS was read; the IOMMUs are set up and wait for PCI init (<see cref="AmdIommuTables.PciInit"/>).</summary>
    AcpiFinished,
    /// <summary>IOMMU_NOT_FOUND: no IVRS table, or one the kernel will not use (Stoney Ridge).</summary>
    NotFound,
    /// <summary>IOMMU_CMDLINE_DISABLED: <c>amd_iommu=off</c>.</summary>
    CmdlineDisabled,
    /// <summary>IOMMU_INIT_ERROR: the IVRS passes failed.</summary>
    InitError,
}

/// <summary>
/// The facts about the machine that amd-iommu's early detection reads besides the IVRS table and the command line.
/// <see cref="Bus0Functions"/>: vendor and device ID of function 0 of each slot on bus 0 of segment 0 (what
/// <c>read_pci_config</c> returns before PCI enumeration). <see cref="IrqRemapPrepare"/>: <c>irq_remapping_prepare</c>
/// reaches <c>amd_iommu_prepare</c> (CONFIG_IRQ_REMAP, the IO-APIC set up, Intel's prepare having failed); the
/// command line's <c>intremap=off</c>/<c>nointremap</c> is applied on top of it.
/// </summary>
public sealed record AmdIommuPlatform
{
    public IReadOnlyList<(int Slot, ushort Vendor, ushort Device)> Bus0Functions { get; init; } = Array.Empty<(int, ushort, ushort)>();
    public bool IrqRemapPrepare { get; init; } = true;

    public static AmdIommuPlatform Default { get; } = new();
}

/// <summary>
/// Where amd-iommu's initialisation stands before PCI enumeration (after <c>amd_iommu_detect</c>,
/// <c>amd_iommu_prepare</c> and the ACPI part of <c>amd_iommu_init</c>).
/// <see cref="Detected"/>: <c>amd_iommu_detect</c> succeeded (<c>iommu_detected</c>, <c>amd_iommu_init</c> hooked).
/// <see cref="AcsRequested"/>: <c>detect_ivrs</c> called <c>pci_request_acs</c>, so the PCI scan enables ACS.
/// <see cref="Tables"/>: what the IVRS passes built, when they ran (check <see cref="Failure"/>).
/// <see cref="Failure"/>: the first reason AMD-Vi is off; null when <see cref="State"/> is AcpiFinished.
/// </summary>
public sealed record AmdIommuState(
    AmdIommuInitState State,
    bool Detected,
    bool AcsRequested,
    AmdIommuTables? Tables,
    AmdIommuFailure? Failure)
{
    /// <summary>The IOMMUs to bring up at PCI init (empty unless the IVRS passes succeeded).</summary>
    public IReadOnlyList<AmdIommuUnit> Iommus => State == AmdIommuInitState.AcpiFinished && Tables is { } t ? t.Iommus : Array.Empty<AmdIommuUnit>();
}
