namespace ProbeSim.Acpi.Tables;

/// <summary>Reads and checks the common header of one table file, and cuts the file to the table's length.</summary>
internal static class AcpiHeaderReader
{
    /// <summary>
    /// Checks the header against the file: long enough for a header, the expected signature, a length that covers the
    /// header and fits in the file. A bad checksum is a warning, as in Linux (see <see cref="ChecksumOf"/>).
    /// Returns the header and the table's bytes (the file cut to the header's length).
    /// </summary>
    public static (AcpiTableHeader Header, TableBytes Table) Read(string file, byte[] data, string signature, List<AcpiWarning> warnings)
    {
        if (data.Length < AcpiTableHeader.Size)
            throw new AcpiTableException(file, data.Length,
                $"truncated table: file has {data.Length} bytes, too short for the {AcpiTableHeader.Size}-byte ACPI table header");
        var all = new TableBytes(file, data);
        var sig = all.Text(0, 4, "signature");
        if (sig != signature)
            throw all.Fail(0, $"signature \"{Printable(all.Slice(0, 4, "signature"))}\" is not \"{signature}\"");
        uint length = all.U32(4, "length");
        if (length < AcpiTableHeader.Size)
            throw all.Fail(4, $"table length {length} is shorter than the {AcpiTableHeader.Size}-byte header");
        if (length > data.Length)
            throw all.Fail(4, $"table length {length} is larger than the file ({data.Length} bytes)");
        if (length < data.Length)
            warnings.Add(new AcpiWarning(file, length, AcpiWarningKind.TrailingBytes,
                $"{data.Length - length} bytes after the table's length {length} are not part of it"));

        var table = new TableBytes(file, data.AsSpan(0, (int)length).ToArray());
        byte sum = ChecksumOf(data.AsSpan(0, (int)length));
        byte stored = table.U8(9, "checksum");
        if (sum != 0)
        {
            // acpi_tb_verify_checksum (drivers/acpi/acpica/tbprint.c:179-188): a bad checksum is a BIOS warning and the
            // table is still installed and used; it is refused only when ACPI_CHECKSUM_ABORT is set, which Linux leaves
            // FALSE (include/acpi/acconfig.h:54).
            warnings.Add(new AcpiWarning(file, 9, AcpiWarningKind.BadChecksum,
                $"incorrect checksum in table [{signature}]: 0x{stored:X2}, should be 0x{(byte)(stored - sum):X2}"));
        }
        var header = new AcpiTableHeader(
            sig, length, table.U8(8, "revision"), stored,
            table.Text(10, 6, "OEM ID"), table.Text(16, 8, "OEM table ID"), table.U32(24, "OEM revision"),
            table.Text(28, 4, "creator ID"), table.U32(32, "creator revision"), sum == 0);
        return (header, table);
    }

    /// <summary>The byte sum of the table, as <c>acpi_tb_checksum</c> computes it: 0 for a valid table.</summary>
    public static byte ChecksumOf(ReadOnlySpan<byte> bytes)
    {
        byte sum = 0;
        foreach (var b in bytes) sum = (byte)(sum + b);
        return sum;
    }

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        for (int i = 0; i < bytes.Length; i++) chars[i] = bytes[i] is >= 0x20 and < 0x7f and not (byte)'"' ? (char)bytes[i] : '?';
        return new string(chars);
    }
}
