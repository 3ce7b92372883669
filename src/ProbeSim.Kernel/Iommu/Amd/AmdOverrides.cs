namespace ProbeSim.Kernel.Iommu.Amd;

/// <summary>
/// An <c>ivrs_ioapic</c> or <c>ivrs_hpet</c> override: the IOAPIC or HPET <see cref="Id"/> (kept as the byte the kernel's
/// map stores) and the requestor ID its interrupts come with, as segment and 16-bit device ID.
/// <see cref="Deprecated"/> is the old <c>[id]=bus:dev.fn</c> form (the kernel warns and accepts it).
/// </summary>
public sealed record AmdSpecialOverride(byte Id, ushort Segment, ushort DeviceId, bool Deprecated);

/// <summary>An <c>ivrs_acpihid</c> override: the ACPI device by HID and UID (leading zeros of the UID dropped) and its requestor ID.</summary>
public sealed record AmdAcpiHidOverride(string Hid, string Uid, ushort Segment, ushort DeviceId, bool Deprecated);

/// <summary>Why the kernel dropped an <c>ivrs_*</c> parameter (it prints an error and goes on).</summary>
public enum AmdOverrideRejection
{
    /// <summary>"Invalid command line": no format matched.</summary>
    InvalidFormat,
    /// <summary>"Early ... map overflow": the fifth override of its kind (<c>EARLY_MAP_SIZE</c> is 4).</summary>
    MapFull,
    /// <summary>"Invalid command line: hid or uid": no ':' between HID and UID, or an empty HID.</summary>
    InvalidHidOrUid,
    /// <summary>"hid is too long": 9 characters or more.</summary>
    HidTooLong,
    /// <summary>"uid is too long": 256 characters or more.</summary>
    UidTooLong,
}

/// <summary>A dropped <c>ivrs_*</c> parameter, as written, and why.</summary>
public sealed record AmdRejectedOverride(string Parameter, AmdOverrideRejection Reason);
