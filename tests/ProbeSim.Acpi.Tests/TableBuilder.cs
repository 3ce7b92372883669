using System.Text;

namespace ProbeSim.Acpi.Tests;

/// <summary>
/// Writes an ACPI table by hand, field by field, as the ACPI specification lays out the 36-byte header
/// (signature, length, revision, checksum, OEM ID, OEM table ID, OEM revision, creator ID, creator revision),
/// then whatever the test appends. <see cref="Build"/> fills in the length and the checksum (the byte that makes all
/// bytes sum to 0) unless the test asks for other values.
/// </summary>
internal sealed class TableBuilder
{
    private readonly List<byte> _bytes = new();

    public TableBuilder(string signature, byte revision = 1, string oemId = "PRBSIM", string oemTableId = "TESTTBL ",
        uint oemRevision = 0x01020304, string creatorId = "HAND", uint creatorRevision = 0x20260101)
    {
        Ascii(signature, 4);
        U32(0);               // 4: length, filled by Build
        U8(revision);         // 8
        U8(0);                // 9: checksum, filled by Build
        Ascii(oemId, 6);      // 10
        Ascii(oemTableId, 8); // 16
        U32(oemRevision);     // 24
        Ascii(creatorId, 4);  // 28
        U32(creatorRevision); // 32
    }

    public int Count => _bytes.Count;

    public TableBuilder U8(byte v) { _bytes.Add(v); return this; }

    public TableBuilder U16(ushort v) { _bytes.Add((byte)v); _bytes.Add((byte)(v >> 8)); return this; }

    public TableBuilder U32(uint v) { for (int i = 0; i < 4; i++) _bytes.Add((byte)(v >> (8 * i))); return this; }

    public TableBuilder U64(ulong v) { for (int i = 0; i < 8; i++) _bytes.Add((byte)(v >> (8 * i))); return this; }

    public TableBuilder Zeros(int n) { for (int i = 0; i < n; i++) _bytes.Add(0); return this; }

    public TableBuilder Bytes(params byte[] b) { _bytes.AddRange(b); return this; }

    public TableBuilder Ascii(string s, int width)
    {
        var b = Encoding.ASCII.GetBytes(s);
        for (int i = 0; i < width; i++) _bytes.Add(i < b.Length ? b[i] : (byte)0);
        return this;
    }

    /// <param name="length">The header's length field; the real length when null.</param>
    /// <param name="checksumDelta">Added to the right checksum byte: 0 gives a valid table.</param>
    public byte[] Build(uint? length = null, byte checksumDelta = 0)
    {
        var b = _bytes.ToArray();
        uint len = length ?? (uint)b.Length;
        for (int i = 0; i < 4; i++) b[4 + i] = (byte)(len >> (8 * i));
        b[9] = 0;
        byte sum = 0;
        for (int i = 0; i < Math.Min((long)len, b.Length); i++) sum += b[i];
        b[9] = (byte)(-sum + checksumDelta);
        return b;
    }

    /// <summary>Little-endian bytes of a value, for structures written inline.</summary>
    public static byte[] Le16(ushort v) => [(byte)v, (byte)(v >> 8)];

    public static byte[] Le32(uint v) => [(byte)v, (byte)(v >> 8), (byte)(v >> 16), (byte)(v >> 24)];

    public static byte[] Le64(ulong v) => [.. Le32((uint)v), .. Le32((uint)(v >> 32))];

    public static byte[] Hex(string hex) => Convert.FromHexString(hex);
}
