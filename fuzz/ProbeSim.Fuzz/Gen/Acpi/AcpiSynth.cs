using ProbeSim.Fuzz.Core;

namespace ProbeSim.Fuzz.Gen.Acpi;

/// <summary>
/// Well-formed DMAR, IVRS and MCFG tables made up from the specifications' layouts: every structure, device scope and
/// device entry type, in random numbers and order, with plausible values (requestor IDs, page-aligned ranges).
/// </summary>
public static class AcpiSynth
{
    public static byte[] Dmar(Rng rng)
    {
        var t = AcpiBytes.Header("DMAR", 1);
        t.Add((byte)rng.Pick(new[] { 38, 45, 47, 10, 11, 63, 255 }));
        t.Add((byte)rng.Next(8));
        t.AddRange(new byte[10]);
        var bases = new List<ulong>();
        for (int n = rng.Range(0, 8); n > 0; n--)
        {
            int type = rng.Percent(80) ? rng.Next(6) : rng.Pick(new[] { 6, 7, 0x100, 0xffff });
            t.AddRange(Structure(rng, type, bases));
        }
        return AcpiBytes.Agree(t.ToArray());
    }

    private static byte[] Structure(Rng rng, int type, List<ulong> bases)
    {
        var body = new List<byte>();
        void U16(ushort v) { body.Add((byte)v); body.Add((byte)(v >> 8)); }
        void U32(uint v) { U16((ushort)v); U16((ushort)(v >> 16)); }
        void U64(ulong v) { U32((uint)v); U32((uint)(v >> 32)); }
        switch (type)
        {
            case 0:
                ulong reg = 0xfed90000UL + (ulong)rng.Next(4) * 0x1000;
                bases.Add(reg);
                body.Add((byte)rng.Next(2)); body.Add((byte)rng.Next(16)); U16((ushort)rng.Next(2)); U64(reg);
                Scopes(rng, body);
                break;
            case 1:
                ulong b = 0x7c000000UL + (ulong)rng.Next(16) * 0x1000;
                body.AddRange(new byte[2]); U16((ushort)rng.Next(2)); U64(b); U64(rng.OneIn(4) ? b : b + (ulong)rng.Range(1, 64) * 0x1000 - 1);
                Scopes(rng, body);
                break;
            case 2:
            case 5:
                body.Add((byte)rng.Next(2)); body.Add(0); U16((ushort)rng.Next(2));
                Scopes(rng, body);
                break;
            case 3:
                U32(0); U64(bases.Count > 0 && rng.Percent(80) ? rng.Pick(bases) : 0xfed80000); U32((uint)rng.Next(4));
                break;
            case 4:
                body.AddRange(new byte[3]); body.Add((byte)rng.Next(4));
                body.AddRange(rng.Pick(new[] { "\\_SB.PCI0.I2C0\0"u8.ToArray(), "\\_SB.UAR1\0"u8.ToArray(), "X"u8.ToArray(), Array.Empty<byte>() }));
                break;
            default:
                body.AddRange(rng.Bytes(rng.Next(12)));
                break;
        }
        int length = 4 + body.Count;
        return [(byte)type, (byte)(type >> 8), (byte)length, (byte)(length >> 8), .. body];
    }

    private static void Scopes(Rng rng, List<byte> body)
    {
        for (int n = rng.Range(0, 4); n > 0; n--)
        {
            byte type = (byte)(rng.Percent(90) ? rng.Range(1, 5) : rng.Pick(new[] { 0, 6, 0xff }));
            int steps = rng.Percent(80) ? 1 : rng.Range(0, 3);
            body.AddRange(new byte[] { type, (byte)(6 + 2 * steps), 0, 0, (byte)rng.Next(16), (byte)rng.Pick(new[] { 0, 0, 1, 0xf0, 0xff }) });
            for (int i = 0; i < steps; i++) { body.Add((byte)rng.Next(32)); body.Add((byte)rng.Next(8)); }
        }
    }

    public static byte[] Ivrs(Rng rng)
    {
        var t = AcpiBytes.Header("IVRS", 2);
        uint ivinfo = rng.NextU32() & 0x7fffff;
        t.AddRange(BitConverter.GetBytes(ivinfo));
        t.AddRange(new byte[8]);
        for (int n = rng.Range(0, 5); n > 0; n--)
        {
            byte type = rng.Pick(new byte[] { 0x10, 0x11, 0x40, 0x10, 0x11, 0x40, 0x20, 0x21, 0x22, 0x50 });
            t.AddRange(type switch { 0x10 or 0x11 or 0x40 => Ivhd(rng, type), 0x50 => [0x50, 0, 8, 0, 0, 0, 0, 0], _ => Ivmd(rng, type) });
        }
        return AcpiBytes.Agree(t.ToArray());
    }

    private static byte[] Ivhd(Rng rng, byte type)
    {
        var b = new List<byte> { type, (byte)rng.Next(256), 0, 0, 2, 0, 0x40, 0, 0, 0, 0xb8, 0xfe, 0, 0, 0, 0, 0, 0, 0, 0 };
        b.AddRange(BitConverter.GetBytes(rng.NextU32()));
        if (type != 0x10) b.AddRange(rng.Bytes(16));
        for (int n = rng.Range(0, 10); n > 0; n--) b.AddRange(Entry(rng));
        b[2] = (byte)b.Count;
        b[3] = (byte)(b.Count >> 8);
        return b.ToArray();
    }

    private static byte[] Entry(Rng rng)
    {
        ushort dev = (ushort)rng.Pick(new[] { 0, 8, 0x10, 0xa0, 0x100, 0x1ff, 0xffff, rng.Next(0x10000) });
        byte dte = (byte)rng.Pick(new[] { 0, 0xd7, 0x40, rng.Next(256) });
        byte type = rng.Pick(new byte[] { 0x01, 0x02, 0x03, 0x04, 0x42, 0x43, 0x46, 0x47, 0x48, 0xF0, 0x00, 0x45 });
        if (type == 0xF0)
        {
            var hid = rng.Pick(new[] { "AMDI0020"u8.ToArray(), "AMDI0040"u8.ToArray(), new byte[8] });
            var uid = rng.Pick(new[] { Array.Empty<byte>(), new byte[] { 3 }, "ID00"u8.ToArray() });
            byte format = (byte)(uid.Length == 0 ? 0 : uid.Length == 1 ? 1 : 2);
            return [0xF0, (byte)dev, (byte)(dev >> 8), dte, .. hid, .. new byte[8], format, (byte)uid.Length, .. uid];
        }
        if (type < 0x40) return [type, (byte)dev, (byte)(dev >> 8), dte];
        ushort source = (ushort)rng.Pick(new[] { 0, 0xa0, 0x100, rng.Next(0x10000) });
        byte last = type == 0x48 ? (byte)rng.Range(0, 3) : (byte)0;
        return [type, (byte)dev, (byte)(dev >> 8), dte, (byte)rng.Next(256), (byte)source, (byte)(source >> 8), last];
    }

    private static byte[] Ivmd(Rng rng, byte type)
    {
        var b = new byte[32];
        b[0] = type;
        b[1] = (byte)rng.Next(16);
        b[2] = 32;
        AcpiBytes.Put(b, 4, 2, (ulong)rng.Next(0x10000));
        AcpiBytes.Put(b, 6, 2, (ulong)rng.Next(0x10000));
        AcpiBytes.Put(b, 16, 8, 0xfd000000UL + (ulong)rng.Next(256) * 0x1000);
        AcpiBytes.Put(b, 24, 8, (ulong)rng.Range(0, 16) * 0x1000);
        return b;
    }

    public static byte[] Mcfg(Rng rng)
    {
        var t = AcpiBytes.Header("MCFG", 1);
        t.AddRange(new byte[8]);
        for (int n = rng.Range(0, 3); n > 0; n--)
        {
            var a = new byte[16];
            AcpiBytes.Put(a, 0, 8, 0xb0000000UL + (ulong)n * 0x10000000);
            AcpiBytes.Put(a, 8, 2, (ulong)(n - 1));
            a[10] = 0;
            a[11] = (byte)rng.Pick(new[] { 0xff, 0x7f, 0 });
            t.AddRange(a);
        }
        return AcpiBytes.Agree(t.ToArray());
    }
}
