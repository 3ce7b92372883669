namespace ProbeSim.Acpi.Ivrs;

/// <summary>One block of an IVRS table, at <see cref="Offset"/> from the start of the table.</summary>
public abstract record IvrsBlock(long Offset, byte Type, byte Flags, ushort Length);

/// <summary>The flags byte of an IVHD block.</summary>
[Flags]
public enum IvhdFlags : byte
{
    None = 0,
    HtTunEn = 0x01,
    PassPw = 0x02,
    ResPassPw = 0x04,
    Isoc = 0x08,
    IotlbSup = 0x10,
    Coherent = 0x20,
    PrefSup = 0x40,
    PprSup = 0x80,
}

/// <summary>
/// An I/O Virtualization Hardware Definition block (type 10h, 11h or 40h): one IOMMU, its PCI function, registers, and the
/// device entries saying which requestor IDs it translates. <see cref="Entries"/> are the entries as written;
/// <see cref="Devices"/> are the requestor-ID ranges they give, paired the way <c>init_iommu_from_acpi</c> pairs them.
/// </summary>
public sealed record IvhdBlock(
    long Offset,
    byte Type,
    byte Flags,
    ushort Length,
    ushort DeviceId,
    ushort CapabilityOffset,
    ulong BaseAddress,
    ushort Segment,
    ushort Info,
    uint FeatureReporting,
    ulong? Efr,
    ulong? Efr2,
    IReadOnlyList<IvhdEntry> Entries,
    IReadOnlyList<IvhdDeviceRange> Devices,
    int? LastDeviceId) : IvrsBlock(Offset, Type, Flags, Length)
{
    public IvhdFlags Features => (IvhdFlags)Flags;

    /// <summary>Info bits 4:0: the MSI message number the IOMMU uses for its events.</summary>
    public int MsiNumber => Info & 0x1f;

    /// <summary>Info bits 12:8: the HyperTransport unit ID.</summary>
    public int UnitId => (Info >> 8) & 0x1f;
}

/// <summary>The flags byte of an IVMD block.</summary>
[Flags]
public enum IvmdFlags : byte
{
    None = 0,
    UnityMap = 0x01,
    Read = 0x02,
    Write = 0x04,
    ExclusionRange = 0x08,
}

/// <summary>
/// An I/O Virtualization Memory Definition block (20h all devices, 21h one device, 22h a range of devices): a memory
/// range those devices must see unity-mapped, or an exclusion range.
/// </summary>
public sealed record IvmdBlock(
    long Offset,
    byte Type,
    byte Flags,
    ushort Length,
    ushort DeviceId,
    ushort AuxData,
    ushort Segment,
    ulong StartAddress,
    ulong MemoryLength) : IvrsBlock(Offset, Type, Flags, Length)
{
    public IvmdFlags Memory => (IvmdFlags)Flags;

    /// <summary>Whether every device of the segment is covered (type 20h).</summary>
    public bool AllDevices => Type == 0x20;

    /// <summary>The first device ID covered: 0 for 20h, the device ID for 21h and 22h (<c>init_unity_map_range</c>).</summary>
    public ushort FirstDeviceId => Type == 0x20 ? (ushort)0 : DeviceId;

    /// <summary>The last device ID covered: the segment's last for 20h (given as 0xffff), the device ID for 21h, the aux field for 22h.</summary>
    public ushort LastDeviceId => Type switch { 0x20 => 0xffff, 0x22 => AuxData, _ => DeviceId };
}

/// <summary>
/// A block of a type the kernel does not read: skipped by its length, as the kernel's walks do. <see cref="DeviceId"/> is
/// its bytes 4-5 (0 for a block shorter than 6 bytes), which <c>get_highest_supported_ivhd_type</c> compares as for any block.
/// </summary>
public sealed record IvrsOtherBlock(long Offset, byte Type, byte Flags, ushort Length, ushort DeviceId) : IvrsBlock(Offset, Type, Flags, Length);
