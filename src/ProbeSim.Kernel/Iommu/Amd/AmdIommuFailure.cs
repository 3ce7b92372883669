namespace ProbeSim.Kernel.Iommu.Amd;

/// <summary>
/// Why amd-iommu gives up on AMD-Vi (no DMA remapping by it at all): the kernel function that stops, the errno it
/// returns, and the facts it stopped on. The words are made by whoever reports them.
/// </summary>
public abstract record AmdIommuFailure(string KernelFunction, int Errno);

/// <summary><c>amd_iommu_detect</c>: <c>iommu=off</c> set <c>no_iommu</c>; the IVRS table is not even looked for.</summary>
public sealed record AmdNoIommuOnCmdline() : AmdIommuFailure("amd_iommu_detect", -19);

/// <summary><c>amd_iommu=off</c>: <c>state_next</c> goes to IOMMU_CMDLINE_DISABLED (older kernels: <c>amd_iommu_detect</c> returns -ENODEV).</summary>
public sealed record AmdDisabledOnCmdline(string Where) : AmdIommuFailure(Where, Where == "amd_iommu_detect" ? -19 : -22);

/// <summary><c>detect_ivrs</c>: the firmware has no IVRS table (IOMMU_NOT_FOUND).</summary>
public sealed record AmdNoIvrs() : AmdIommuFailure("detect_ivrs", -19);

/// <summary><c>detect_ivrs</c>: bus 0 has Stoney Ridge graphics (1002:98e4) at <see cref="Slot"/> and <c>amd_iommu=force_enable</c> is not given.</summary>
public sealed record AmdStoneyRidgeGraphics(int Slot) : AmdIommuFailure("detect_ivrs", -19);

/// <summary><c>early_amd_iommu_init</c>: <c>amd_iommu_detect</c> never succeeded (e.g. <c>iommu=off</c>), reached from interrupt-remapping setup.</summary>
public sealed record AmdNotDetected() : AmdIommuFailure("early_amd_iommu_init", -19);

/// <summary><c>check_ivrs_checksum</c>: the IVRS bytes do not sum to 0 ("IVRS invalid checksum").</summary>
public sealed record AmdIvrsBadChecksum(byte Checksum) : AmdIommuFailure("check_ivrs_checksum", -19);

/// <summary>
/// <c>find_last_devid_from_ivhd</c>: the block type the kernel chose to read (<see cref="Type"/>, at <see cref="Offset"/>)
/// is not an IVHD type it knows (10h, 11h, 40h): "Unsupported IVHD type"; the PCI segment cannot be set up.
/// </summary>
public sealed record AmdUnsupportedIvhdType(byte Type, long Offset) : AmdIommuFailure("find_last_devid_from_ivhd", -12);

/// <summary>
/// <c>find_last_devid_acpi</c>: the IVHD at <see cref="Offset"/> (segment <see cref="Segment"/>) has no ALL, SELECT,
/// END_RANGE, ALIAS_SELECT or EXT_SELECT entry; the segment cannot be set up and <c>init_iommu_one</c> fails (-ENOMEM).
/// </summary>
public sealed record AmdIvhdWithoutDevices(ushort Segment, long Offset) : AmdIommuFailure("find_last_devid_acpi", -12);

/// <summary><c>add_special_device</c>: a SPECIAL entry (at <see cref="Offset"/>) whose variety is neither IOAPIC (1) nor HPET (2).</summary>
public sealed record AmdUnknownSpecialVariety(byte Variety, long Offset) : AmdIommuFailure("add_special_device", -22);

/// <summary><c>init_iommu_one</c>: the IVHD at <see cref="Offset"/> would be IOMMU number <c>MAX_IOMMUS</c> (32) or more.</summary>
public sealed record AmdTooManyIommus(int Index, long Offset) : AmdIommuFailure("init_iommu_one", -38);

/// <summary>
/// <c>iommu_init_pci</c>: no PCI function at the IOMMU's own address (segment, bus, devfn of its IVHD); IOMMU
/// <see cref="Index"/> fails and with it amd-iommu ("Failed to initialize IOMMU Hardware").
/// </summary>
public sealed record AmdIommuPciFunctionMissing(int Index, ushort Segment, ushort DeviceId) : AmdIommuFailure("iommu_init_pci", -19);
