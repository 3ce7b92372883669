namespace ProbeSim.Kernel.Tests.X86;

/// <summary>
/// DMAR tables written byte by byte (ACPI table header, ACPI 6.x 5.2.6; DMAR layout, VT-d specification 3.x, section 8):
/// a 48-byte header (signature, length, revision, checksum, OEM fields, host address width, flags), then remapping
/// structures. The checksum makes the bytes sum to zero.
/// </summary>
internal static class DmarBytes
{
    public static byte[] Table(byte flags, params byte[][] structures)
    {
        var body = structures.SelectMany(s => s).ToArray();
        var t = new byte[48 + body.Length];
        "DMAR"u8.CopyTo(t);
        BitConverter.GetBytes(t.Length).CopyTo(t, 4);
        t[8] = 1;
        "PRBSIM"u8.CopyTo(t.AsSpan(10));
        "TESTDMAR"u8.CopyTo(t.AsSpan(16));
        t[36] = 38; // host address width minus one: 39 bits
        t[37] = flags;
        body.CopyTo(t, 48);
        t[9] = (byte)(0x100 - t.Sum(b => b) % 0x100);
        return t;
    }

    /// <summary>Type 0 DRHD: flags (bit 0 INCLUDE_PCI_ALL), segment, register base, device scopes.</summary>
    public static byte[] Drhd(byte flags, ulong registerBase, params byte[][] scopes)
    {
        var s = new byte[16 + scopes.Sum(x => x.Length)];
        BitConverter.GetBytes((ushort)0).CopyTo(s, 0);
        BitConverter.GetBytes((ushort)s.Length).CopyTo(s, 2);
        s[4] = flags;
        BitConverter.GetBytes(registerBase).CopyTo(s, 8);
        scopes.SelectMany(x => x).ToArray().CopyTo(s, 16);
        return s;
    }

    /// <summary>Type 1 RMRR: segment 0, base and inclusive limit, device scopes.</summary>
    public static byte[] Rmrr(ulong baseAddress, ulong limit, params byte[][] scopes)
    {
        var s = new byte[24 + scopes.Sum(x => x.Length)];
        BitConverter.GetBytes((ushort)1).CopyTo(s, 0);
        BitConverter.GetBytes((ushort)s.Length).CopyTo(s, 2);
        BitConverter.GetBytes(baseAddress).CopyTo(s, 8);
        BitConverter.GetBytes(limit).CopyTo(s, 16);
        scopes.SelectMany(x => x).ToArray().CopyTo(s, 24);
        return s;
    }

    /// <summary>A device scope: type (1 endpoint, 2 bridge, 3 IOAPIC), enumeration id, start bus, path of (device, function).</summary>
    public static byte[] Scope(byte type, byte startBus, params (byte Dev, byte Fn)[] path)
    {
        var s = new byte[6 + 2 * path.Length];
        s[0] = type;
        s[1] = (byte)s.Length;
        s[5] = startBus;
        for (int i = 0; i < path.Length; i++) { s[6 + 2 * i] = path[i].Dev; s[7 + 2 * i] = path[i].Fn; }
        return s;
    }
}
