using ProbeSim.Acpi.Ivrs;
using ProbeSim.Kernel.Iommu.Amd;
using static ProbeSim.Acpi.Tests.IvrsBytes;

namespace ProbeSim.Kernel.Tests.Iommu.Amd;

/// <summary>
/// IVRS tables for the amd-iommu tests, laid out with ProbeSim.Acpi.Tests' byte helpers (IvrsBytes: the AMD IOMMU
/// specification's IVHD header and 4- and 8-byte device entries), then parsed by ProbeSim.Acpi.
/// </summary>
internal static class AmdIvrs
{
    public const ulong Mmio = 0xfeb80000;

    /// <summary>An IVRS with these blocks (IVinfo 0x00203041 unless given), parsed.</summary>
    public static IvrsTable Parse(params byte[][] blocks) => IvrsParser.Parse(Bytes(blocks));

    public static byte[] Bytes(params byte[][] blocks)
    {
        var t = Table();
        foreach (var b in blocks) t.Bytes(b);
        return t.Build();
    }

    /// <summary>A type 10h IVHD for the IOMMU at <paramref name="iommu"/> (bus &lt;&lt; 8 | devfn) in segment <paramref name="segment"/>.</summary>
    public static byte[] Ivhd10(ushort iommu, params byte[][] entries) => Ivhd(0x10, 0, iommu, 0x40, Mmio, 0, 0, 0, 0, 0, entries);

    public static byte[] Ivhd10(ushort iommu, ushort segment, params byte[][] entries) => Ivhd(0x10, 0, iommu, 0x40, Mmio, segment, 0, 0, 0, 0, entries);

    public static byte[] IvhdOfType(byte type, ushort iommu, params byte[][] entries) => Ivhd(type, 0, iommu, 0x40, Mmio, 0, 0, 0, 0, 0, entries);

    public static byte[] All(byte dte = 0) => Entry4(0x01, 0, dte);

    public static byte[] Select(ushort devid) => Entry4(0x02, devid, 0);

    public static byte[] RangeStart(ushort devid) => Entry4(0x03, devid, 0);

    public static byte[] RangeEnd(ushort devid) => Entry4(0x04, devid, 0);

    /// <summary>42h ALIAS_SELECT: <paramref name="devid"/> is seen with <paramref name="source"/> (bytes 5-6).</summary>
    public static byte[] AliasSelect(ushort devid, ushort source) => Entry8(0x42, devid, 0, 0, source, 0);

    /// <summary>43h ALIAS_START_RANGE: the range up to the next END_RANGE is seen with <paramref name="source"/>.</summary>
    public static byte[] AliasRangeStart(ushort devid, ushort source) => Entry8(0x43, devid, 0, 0, source, 0);

    /// <summary>48h SPECIAL: handle (byte 4), source ID (bytes 5-6), variety (byte 7: 1 IOAPIC, 2 HPET).</summary>
    public static byte[] Special(byte handle, ushort source, byte variety) => Entry8(0x48, 0, 0xd7, handle, source, variety);

    /// <summary>An IVMD block of <paramref name="type"/> (20h-22h) for <paramref name="devid"/>.</summary>
    public static byte[] Memory(byte type, ushort devid) => Ivmd(type, 0x01, devid, 0, 0, 0xfee00000, 0x1000);

    public static ushort D(int bus, int device, int function) => Bdf(bus, device, function);

    /// <summary>The tables the kernel builds, asserted to have no failure.</summary>
    public static AmdIommuTables Good(IvrsTable ivrs, AmdIommuCmdline? cmdline = null, AmdIommuRules? rules = null)
    {
        var t = AmdIommuTables.Build(ivrs, cmdline, rules);
        Assert.Null(t.Failure);
        return t;
    }
}
