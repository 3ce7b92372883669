using ProbeSim.Acpi.Tables;

namespace ProbeSim.Acpi.Ivrs;

/// <summary>
/// Reads an IVRS table as drivers/iommu/amd/init.c walks it: the 48-byte header with IVinfo, then blocks stepped by
/// their length (<c>init_iommu_all</c>, <c>init_memory_definitions</c>), IVHD blocks with their device entries.
/// </summary>
public static class IvrsParser
{
    /// <summary><c>IVRS_HEADER_LENGTH</c>: the ACPI header, IVinfo and 8 reserved bytes.</summary>
    public const int HeaderSize = 48;

    public static IvrsTable Parse(byte[] data, string file = "IVRS")
    {
        var warnings = new List<AcpiWarning>();
        var (header, t) = AcpiHeaderReader.Read(file, data, "IVRS", warnings);
        if (t.Length < HeaderSize)
            throw t.Fail(4, $"table length {t.Length} is shorter than the {HeaderSize}-byte IVRS header");
        // check_ivrs_checksum: unlike ACPICA, amd-iommu refuses an IVRS whose checksum is wrong (-ENODEV)
        var rejection = header.ChecksumValid ? null : new AcpiRejection("check_ivrs_checksum", 9, "IVRS invalid checksum");
        var blocks = new List<IvrsBlock>();
        for (long off = HeaderSize; off < t.Length;)
        {
            long left = t.Length - off;
            if (left < 4)
                throw t.Fail(off, $"{left} bytes left after the last block, too few for a 4-byte block header");
            byte type = t.U8(off, "block type");
            ushort length = t.U16(off + 2, "block length");
            // init_iommu_all and init_memory_definitions step by the block length and check nothing: 0 never advances
            if (length == 0)
                throw t.Fail(off, $"block type 0x{type:x2} has length 0: the kernel's walk over the blocks would never advance");
            // init_iommu_all: WARN_ON when the walk does not end at the table's end; a block past it reads beyond the table
            if (length > left)
                throw t.Fail(off, $"block type 0x{type:x2} length {length} runs past the end of the table ({left} bytes left)");
            blocks.Add(ReadBlock(t, type, off, length, warnings));
            off += length;
        }
        var table = new IvrsTable(header, new IvInfo(t.U32(36, "IVinfo")), blocks, warnings, rejection);
        return rejection is null ? table with { Rejection = IvrsRejections.Find(table) } : table;
    }

    private static IvrsBlock ReadBlock(TableBytes t, byte type, long off, ushort length, List<AcpiWarning> warnings)
    {
        byte flags = t.U8(off + 1, "block flags");
        switch (type)
        {
            case 0x10 or 0x11 or 0x40:
                return Ivhd(t, type, flags, off, length, warnings);
            case 0x20 or 0x21 or 0x22:
                if (length < 32)
                    throw t.Fail(off, $"IVMD block type 0x{type:x2} length {length} is shorter than its 32 bytes");
                return new IvmdBlock(off, type, flags, length, t.U16(off + 4, "IVMD device ID"), t.U16(off + 6, "IVMD aux data"),
                    t.U16(off + 8, "IVMD segment"), t.U64(off + 16, "IVMD start address"), t.U64(off + 24, "IVMD length"));
            default:
                return new IvrsOtherBlock(off, type, flags, length, length >= 6 ? t.U16(off + 4, "block device ID") : (ushort)0);
        }
    }

    private static IvhdBlock Ivhd(TableBytes t, byte type, byte flags, long off, ushort length, List<AcpiWarning> warnings)
    {
        // get_ivhd_header_size: 24 bytes for type 10h, 40 for 11h and 40h (they add the EFR register images)
        int size = type == 0x10 ? 24 : 40;
        if (length < size)
            throw t.Fail(off, $"IVHD block type 0x{type:x2} length {length} is shorter than its {size}-byte header");
        var entries = IvhdEntryParser.Parse(t, type, off + size, off + length, warnings);
        return new IvhdBlock(off, type, flags, length,
            t.U16(off + 4, "IVHD device ID"), t.U16(off + 6, "IVHD capability offset"), t.U64(off + 8, "IVHD base address"),
            t.U16(off + 16, "IVHD segment"), t.U16(off + 18, "IVHD info"), t.U32(off + 20, "IVHD feature reporting"),
            type == 0x10 ? null : t.U64(off + 24, "IVHD EFR image"), type == 0x10 ? null : t.U64(off + 32, "IVHD EFR2 image"),
            entries, IvhdDeviceMap.Ranges(entries), IvhdDeviceMap.LastDeviceId(entries));
    }
}
