namespace ProbeSim.Fuzz.Gen.Acpi;

/// <summary>Little-endian field access on a table's bytes, and the header's length and checksum made to agree.</summary>
public static class AcpiBytes
{
    public static void Put(byte[] b, int offset, int size, ulong value)
    {
        for (int i = 0; i < size && offset + i < b.Length; i++) b[offset + i] = (byte)(value >> (8 * i));
    }

    public static ulong Get(byte[] b, int offset, int size)
    {
        ulong v = 0;
        for (int i = 0; i < size && offset + i < b.Length; i++) v |= (ulong)b[offset + i] << (8 * i);
        return v;
    }

    /// <summary>The header's length set to the bytes' count and the checksum byte set so that they sum to 0.</summary>
    public static byte[] Agree(byte[] b)
    {
        if (b.Length < 10) return b;
        var c = (byte[])b.Clone();
        Put(c, 4, 4, (ulong)c.Length);
        c[9] = 0;
        byte sum = 0;
        foreach (var x in c) sum += x;
        c[9] = (byte)-sum;
        return c;
    }

    /// <summary>A 36-byte ACPI header with the signature, zero length and checksum (see <see cref="Agree"/>).</summary>
    public static List<byte> Header(string signature, byte revision)
    {
        var h = new List<byte>();
        h.AddRange(System.Text.Encoding.ASCII.GetBytes(signature));
        h.AddRange(new byte[4]);
        h.Add(revision);
        h.Add(0);
        h.AddRange("FUZZ  "u8.ToArray());
        h.AddRange("PROBESIM"u8.ToArray());
        h.AddRange(new byte[] { 1, 0, 0, 0 });
        h.AddRange("PSFZ"u8.ToArray());
        h.AddRange(new byte[] { 1, 0, 0, 0 });
        return h;
    }
}
