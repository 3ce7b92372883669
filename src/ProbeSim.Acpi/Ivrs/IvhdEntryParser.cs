using ProbeSim.Acpi.Tables;

namespace ProbeSim.Acpi.Ivrs;

/// <summary>Reads the device entries of one IVHD block, stepping as <c>ivhd_entry_length</c> does.</summary>
internal static class IvhdEntryParser
{
    /// <summary>The fixed part of an ACPI HID entry: the UID length is its byte 21.</summary>
    public const int AcpiHidFixedSize = 22;

    public static IReadOnlyList<IvhdEntry> Parse(TableBytes t, byte blockType, long start, long end, List<AcpiWarning> warnings)
    {
        var entries = new List<IvhdEntry>();
        for (long off = start; off < end;)
        {
            long left = end - off;
            byte type = t.U8(off, "device entry type");
            int length = Length(t, type, off, left);
            // find_last_devid_from_ivhd warns (WARN_ON) when the last entry does not end where the block does: the kernel
            // then reads another block's bytes as this entry's
            if (length > left)
                throw t.Fail(off, $"device entry type 0x{type:x2} ({length} bytes) runs past the end of its IVHD block ({left} bytes left)");
            entries.Add(Read(t, type, off, blockType, warnings));
            off += length;
        }
        return entries;
    }

    private static int Length(TableBytes t, byte type, long off, long left)
    {
        // ivhd_entry_length: types below 80h are 4 << (type >> 6) bytes (4 or 8), F0h is 22 plus its UID length
        if (type < 0x80) return 4 << (type >> 6);
        if (type == 0xF0)
        {
            if (left < AcpiHidFixedSize)
                throw t.Fail(off, $"ACPI HID entry needs {AcpiHidFixedSize} bytes before its UID, its IVHD block has {left} left");
            return AcpiHidFixedSize + t.U8(off + 21, "UID length");
        }
        // ivhd_entry_length gives 0 for any other type: the kernel's walk would never advance past it
        throw t.Fail(off, $"device entry type 0x{type:x2} has no length the kernel knows (ivhd_entry_length gives 0)");
    }

    private static IvhdEntry Read(TableBytes t, byte type, long off, byte blockType, List<AcpiWarning> warnings)
    {
        byte dte = t.U8(off + 3, "DTE setting");
        ushort devid = t.U16(off + 1, "device ID");
        switch (type)
        {
            case 0x01: return new IvhdAllEntry(off, dte);
            case 0x02: return new IvhdSelectEntry(off, dte, devid);
            case 0x03: return new IvhdRangeStartEntry(off, dte, devid);
            case 0x04: return new IvhdRangeEndEntry(off, dte, devid);
            // init_iommu_from_acpi: the alias source is bytes 5-6 of the entry (ext >> 8)
            case 0x42: return new IvhdAliasSelectEntry(off, dte, devid, t.U16(off + 5, "alias source ID"));
            case 0x43: return new IvhdAliasRangeStartEntry(off, dte, devid, t.U16(off + 5, "alias source ID"));
            case 0x46: return new IvhdExtSelectEntry(off, dte, devid, t.U32(off + 4, "extended setting"));
            case 0x47: return new IvhdExtRangeStartEntry(off, dte, devid, t.U32(off + 4, "extended setting"));
            case 0x48:
                {
                    byte variety = t.U8(off + 7, "special variety");
                    var kind = variety is 1 or 2 ? (IvhdSpecialVariety)variety : IvhdSpecialVariety.Unknown;
                    return new IvhdSpecialEntry(off, dte, devid, t.U8(off + 4, "special handle"), t.U16(off + 5, "special source ID"), kind, variety);
                }
            case 0xF0:
                return AcpiHid(t, off, dte, devid, blockType, warnings);
            default:
                // init_iommu_from_acpi: other types are stepped over
                return new IvhdUnknownEntry(off, type, dte, 4 << (type >> 6));
        }
    }

    private static IvhdAcpiHidEntry AcpiHid(TableBytes t, long off, byte dte, ushort devid, byte blockType, List<AcpiWarning> warnings)
    {
        string hid = t.Text(off + 4, 8, "HID");
        string cid = t.Text(off + 12, 8, "CID");
        byte uidFormat = t.U8(off + 20, "UID format");
        byte uidLength = t.U8(off + 21, "UID length");
        var uidBytes = t.Slice(off + AcpiHidFixedSize, uidLength, "UID").ToArray();
        bool used = true;
        // init_iommu_from_acpi: an ACPI HID entry counts only in a type 40h block ("Invalid IVHD device type")
        if (blockType != 0x40)
        {
            used = false;
            warnings.Add(new AcpiWarning(t.File, off, AcpiWarningKind.AcpiHidOutsideType40,
                $"ACPI HID entry in an IVHD block of type 0x{blockType:x2}: the kernel skips it (only type 0x40 has them)"));
        }
        else if (hid.Length == 0)
        {
            // init_iommu_from_acpi: an empty HID is "Invalid HID" and the entry is skipped
            used = false;
            warnings.Add(new AcpiWarning(t.File, off, AcpiWarningKind.EmptyHid, "ACPI HID entry with an empty HID: the kernel skips it"));
        }
        string uid = uidFormat switch
        {
            // init_iommu_from_acpi prints an integer UID from its first byte only (the entry's uid field is one byte)
            1 => uidLength > 0 ? uidBytes[0].ToString(System.Globalization.CultureInfo.InvariantCulture) : "",
            // a character UID is copied and read as a C string: it ends at its first NUL
            2 => System.Text.Encoding.Latin1.GetString(uidBytes.AsSpan(0, Array.IndexOf(uidBytes, (byte)0) is >= 0 and var n ? n : uidBytes.Length)),
            _ => "",
        };
        if (uidFormat == 0 && uidLength != 0 && used)
            warnings.Add(new AcpiWarning(t.File, off + 21, AcpiWarningKind.UidLengthWithoutUid,
                $"ACPI HID entry without a UID has UID length {uidLength}"));
        return new IvhdAcpiHidEntry(off, dte, devid, hid, cid, uidFormat, uidLength, uidBytes, uid, used);
    }
}
