namespace ProbeSim.Acpi.Ivrs;

/// <summary>
/// One IVHD device entry at <see cref="Offset"/> (from the start of the table). <see cref="DteSetting"/> is the raw
/// "data setting" byte (INITPass, EIntPass, NMIPass, SysMgt, Lint0Pass, Lint1Pass) the kernel copies into the DTE.
/// </summary>
public abstract record IvhdEntry(long Offset, byte Type, byte DteSetting);

/// <summary>01h ALL: every device of the segment (4 bytes).</summary>
public sealed record IvhdAllEntry(long Offset, byte DteSetting) : IvhdEntry(Offset, 0x01, DteSetting);

/// <summary>02h SELECT: one device (4 bytes).</summary>
public sealed record IvhdSelectEntry(long Offset, byte DteSetting, ushort DeviceId) : IvhdEntry(Offset, 0x02, DteSetting);

/// <summary>03h START_RANGE: the first device of a range closed by an END_RANGE (4 bytes).</summary>
public sealed record IvhdRangeStartEntry(long Offset, byte DteSetting, ushort DeviceId) : IvhdEntry(Offset, 0x03, DteSetting);

/// <summary>04h END_RANGE: the last device of the range opened before it (4 bytes; its setting byte is unused).</summary>
public sealed record IvhdRangeEndEntry(long Offset, byte DteSetting, ushort DeviceId) : IvhdEntry(Offset, 0x04, DteSetting);

/// <summary>42h ALIAS_SELECT: one device whose DMA the IOMMU sees with <see cref="SourceId"/> (8 bytes).</summary>
public sealed record IvhdAliasSelectEntry(long Offset, byte DteSetting, ushort DeviceId, ushort SourceId) : IvhdEntry(Offset, 0x42, DteSetting);

/// <summary>43h ALIAS_START_RANGE: a range whose devices are all seen with <see cref="SourceId"/> (8 bytes).</summary>
public sealed record IvhdAliasRangeStartEntry(long Offset, byte DteSetting, ushort DeviceId, ushort SourceId) : IvhdEntry(Offset, 0x43, DteSetting);

/// <summary>46h EXT_SELECT: one device with an extended setting (ATS disable and others; 8 bytes).</summary>
public sealed record IvhdExtSelectEntry(long Offset, byte DteSetting, ushort DeviceId, uint ExtSetting) : IvhdEntry(Offset, 0x46, DteSetting);

/// <summary>47h EXT_START_RANGE: a range with an extended setting (8 bytes).</summary>
public sealed record IvhdExtRangeStartEntry(long Offset, byte DteSetting, ushort DeviceId, uint ExtSetting) : IvhdEntry(Offset, 0x47, DteSetting);

/// <summary>The kind of device a SPECIAL entry describes.</summary>
public enum IvhdSpecialVariety
{
    Unknown = 0,
    IoApic = 1,
    Hpet = 2,
}

/// <summary>
/// 48h SPECIAL: an I/O APIC or HPET with its handle (APIC ID or HPET number) and the requestor ID its interrupts come with
/// (8 bytes). The kernel sets the DTE of <see cref="SourceId"/>, not of <see cref="DeviceId"/>.
/// </summary>
public sealed record IvhdSpecialEntry(long Offset, byte DteSetting, ushort DeviceId, byte Handle, ushort SourceId,
    IvhdSpecialVariety Variety, byte RawVariety) : IvhdEntry(Offset, 0x48, DteSetting);

/// <summary>
/// F0h ACPI HID: an ACPI device (no PCI function of its own) by its _HID, _CID and _UID, and the requestor ID it uses
/// (22 bytes plus the UID). <see cref="Uid"/> is the UID as the kernel makes it; <see cref="UidBytes"/> the raw bytes.
/// <see cref="Used"/> is false when <c>init_iommu_from_acpi</c> skips the entry (a block other than 40h, an empty HID).
/// </summary>
public sealed record IvhdAcpiHidEntry(long Offset, byte DteSetting, ushort DeviceId, string Hid, string Cid,
    byte UidFormat, byte UidLength, IReadOnlyList<byte> UidBytes, string Uid, bool Used) : IvhdEntry(Offset, 0xF0, DteSetting)
{
    public int Length => 22 + UidLength;
}

/// <summary>An entry of another type (padding 00h, reserved types): the kernel steps over it by its length.</summary>
public sealed record IvhdUnknownEntry(long Offset, byte Type, byte DteSetting, int Length) : IvhdEntry(Offset, Type, DteSetting);
