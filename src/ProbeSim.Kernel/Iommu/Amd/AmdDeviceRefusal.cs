namespace ProbeSim.Kernel.Iommu.Amd;

/// <summary>Why amd-iommu will not translate a device (<c>check_device</c> false, or <c>amd_iommu_probe_device</c> -ENODEV).</summary>
public abstract record AmdDeviceRefusal;

/// <summary>No IVHD of the type read names the device's PCI segment, so there is no rlookup table to look in.</summary>
public sealed record AmdNoPciSegment(ushort Segment) : AmdDeviceRefusal;

/// <summary>The device ID has no rlookup entry: no IVHD device entry (nor alias or SPECIAL target) covers it.</summary>
public sealed record AmdNotInIvrs(ushort Segment, ushort DeviceId) : AmdDeviceRefusal;

/// <summary>The device is IOMMU <see cref="Iommu"/>'s own PCI function: its rlookup entry was cleared after the IVRS was read.</summary>
public sealed record AmdIommuOwnFunction(ushort Segment, ushort DeviceId, int Iommu) : AmdDeviceRefusal;

/// <summary>The device ID has an rlookup entry but lies above the segment's <see cref="LastBdf"/> ("Out of our scope").</summary>
public sealed record AmdBeyondLastBdf(ushort Segment, ushort DeviceId, ushort LastBdf) : AmdDeviceRefusal;

/// <summary>An ACPI device (not PCI) whose HID and UID no <c>acpihid_map</c> entry matches.</summary>
public sealed record AmdNoAcpiHidEntry(string Hid, string? Uid) : AmdDeviceRefusal;

/// <summary>The device's IOMMU has not been registered yet (<c>iommu->iommu.ops</c> unset): probed again when it is.</summary>
public sealed record AmdIommuNotRegistered(int Iommu) : AmdDeviceRefusal;
