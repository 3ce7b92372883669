using static ProbeSim.Acpi.Tests.TableBuilder;

namespace ProbeSim.Acpi.Tests;

/// <summary>
/// IVRS blocks and device entries laid out by hand from the AMD I/O Virtualization Technology (IOMMU) Specification:
/// the IVRS header (ACPI header, IVinfo, 8 reserved bytes), IVHD headers of 24 bytes (type 10h) or 40 bytes (11h, 40h:
/// plus the EFR register images), 4-byte entries (type, device ID, setting), 8-byte entries (the same and 4 more bytes),
/// ACPI HID entries (22 bytes and the UID), and 32-byte IVMD blocks.
/// </summary>
internal static class IvrsBytes
{
    public static TableBuilder Table(uint ivinfo = 0x00203041)
    {
        var t = new TableBuilder("IVRS", revision: 2);
        t.U32(ivinfo).Zeros(8);
        return t;
    }

    public static byte[] Ivhd(byte type, byte flags, ushort deviceId, ushort capOffset, ulong baseAddress, ushort segment,
        ushort info, uint features, ulong efr = 0, ulong efr2 = 0, params byte[][] entries)
    {
        var body = entries.SelectMany(e => e).ToArray();
        byte[] head = [type, flags, 0, 0, .. Le16(deviceId), .. Le16(capOffset), .. Le64(baseAddress), .. Le16(segment), .. Le16(info), .. Le32(features)];
        if (type != 0x10) head = [.. head, .. Le64(efr), .. Le64(efr2)];
        var block = head.Concat(body).ToArray();
        block[2] = (byte)block.Length;
        block[3] = (byte)(block.Length >> 8);
        return block;
    }

    public static byte[] Entry4(byte type, ushort deviceId, byte dte) => [type, .. Le16(deviceId), dte];

    public static byte[] Entry8(byte type, ushort deviceId, byte dte, byte b4, ushort w5, byte b7) => [type, .. Le16(deviceId), dte, b4, .. Le16(w5), b7];

    public static byte[] Ext8(byte type, ushort deviceId, byte dte, uint ext) => [type, .. Le16(deviceId), dte, .. Le32(ext)];

    public static byte[] AcpiHid(ushort deviceId, byte dte, string hid, string cid, byte uidFormat, byte[] uid)
    {
        var h = new byte[8];
        var c = new byte[8];
        System.Text.Encoding.ASCII.GetBytes(hid).CopyTo(h, 0);
        System.Text.Encoding.ASCII.GetBytes(cid).CopyTo(c, 0);
        return [0xF0, .. Le16(deviceId), dte, .. h, .. c, uidFormat, (byte)uid.Length, .. uid];
    }

    public static byte[] Ivmd(byte type, byte flags, ushort deviceId, ushort aux, ushort segment, ulong start, ulong length) =>
        [type, flags, .. Le16(32), .. Le16(deviceId), .. Le16(aux), .. Le16(segment), 0, 0, 0, 0, 0, 0, .. Le64(start), .. Le64(length)];

    /// <summary>A requestor ID: bus &lt;&lt; 8 | device &lt;&lt; 3 | function.</summary>
    public static ushort Bdf(int bus, int device, int function) => (ushort)(bus << 8 | device << 3 | function);
}
