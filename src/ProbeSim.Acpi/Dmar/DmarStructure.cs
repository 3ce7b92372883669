namespace ProbeSim.Acpi.Dmar;

/// <summary>One remapping structure of a DMAR table, at <see cref="Offset"/> (from the start of the table).</summary>
public abstract record DmarStructure(long Offset, ushort Type, ushort Length);

/// <summary>Type 0, DMA Remapping Hardware Unit Definition: one remapping unit and the devices it translates.</summary>
public sealed record DmarDrhd(long Offset, ushort Length, byte Flags, byte Size, ushort Segment, ulong RegisterBase,
    IReadOnlyList<DeviceScope> Scopes) : DmarStructure(Offset, 0, Length)
{
    public bool IncludePciAll => (Flags & DmarStructureFlags.IncludePciAll) != 0;

    /// <summary>The register set's size: 2^<see cref="Size"/> 4 KiB pages (bits 3:0 of byte 5; VT-d 3.x, reserved before).</summary>
    public ulong RegisterSetBytes => 4096UL << (Size & 0xf);
}

/// <summary>Type 1, Reserved Memory Region Reporting: memory the devices in scope use for DMA before and after the OS takes over.</summary>
public sealed record DmarRmrr(long Offset, ushort Length, ushort Segment, ulong BaseAddress, ulong LimitAddress,
    IReadOnlyList<DeviceScope> Scopes) : DmarStructure(Offset, 1, Length);

/// <summary>Type 2, Root Port ATS Capability Reporting: the root ports of a segment that support ATS.</summary>
public sealed record DmarAtsr(long Offset, ushort Length, byte Flags, ushort Segment,
    IReadOnlyList<DeviceScope> Scopes) : DmarStructure(Offset, 2, Length)
{
    public bool AllPorts => (Flags & DmarStructureFlags.AllPorts) != 0;
}

/// <summary>Type 3, Remapping Hardware Static Affinity: the proximity domain of the unit at <see cref="RegisterBase"/>.</summary>
public sealed record DmarRhsa(long Offset, ushort Length, ulong RegisterBase, uint ProximityDomain)
    : DmarStructure(Offset, 3, Length);

/// <summary>Type 4, ACPI Name-space Device Declaration: the ACPI device a namespace device scope's enumeration ID names.</summary>
public sealed record DmarAndd(long Offset, ushort Length, byte DeviceNumber, string ObjectName)
    : DmarStructure(Offset, 4, Length);

/// <summary>Type 5, SoC Integrated Address Translation Cache: devices with an ATC of their own.</summary>
public sealed record DmarSatc(long Offset, ushort Length, byte Flags, ushort Segment,
    IReadOnlyList<DeviceScope> Scopes) : DmarStructure(Offset, 5, Length)
{
    public bool AtcRequired => (Flags & DmarStructureFlags.AtcRequired) != 0;
}

/// <summary>A structure of a reserved type (6 and above): skipped, as <c>dmar_walk_remapping_entries</c> does.</summary>
public sealed record DmarUnknownStructure(long Offset, ushort Type, ushort Length) : DmarStructure(Offset, Type, Length);
