using static ProbeSim.Acpi.Tests.TableBuilder;

namespace ProbeSim.Acpi.Tests;

/// <summary>
/// DMAR structures laid out by hand from the VT-d specification ("DMA Remapping Reporting Structure" and the remapping
/// structure types): every structure starts with type (2 bytes) and length (2 bytes); a device scope is type, length,
/// 2 reserved bytes, enumeration ID, start bus, then (device, function) pairs.
/// </summary>
internal static class DmarBytes
{
    /// <summary>The DMAR header: ACPI header, host address width minus one, flags, 10 reserved bytes (48 bytes).</summary>
    public static TableBuilder Table(byte width = 38, byte flags = 0)
    {
        var t = new TableBuilder("DMAR");
        t.U8(width).U8(flags).Zeros(10);
        return t;
    }

    public static byte[] Scope(byte type, byte enumerationId, byte startBus, params byte[] path) =>
        [type, (byte)(6 + path.Length), 0, 0, enumerationId, startBus, .. path];

    /// <summary>DRHD: type 0, length, flags, size, segment, register base (16 bytes), device scopes.</summary>
    public static byte[] Drhd(byte flags, ushort segment, ulong registerBase, byte size = 0, params byte[][] scopes)
    {
        var body = scopes.SelectMany(s => s).ToArray();
        return [.. Le16(0), .. Le16((ushort)(16 + body.Length)), flags, size, .. Le16(segment), .. Le64(registerBase), .. body];
    }

    /// <summary>RMRR: type 1, length, 2 reserved, segment, base, limit (24 bytes), device scopes.</summary>
    public static byte[] Rmrr(ushort segment, ulong baseAddress, ulong limit, params byte[][] scopes)
    {
        var body = scopes.SelectMany(s => s).ToArray();
        return [.. Le16(1), .. Le16((ushort)(24 + body.Length)), 0, 0, .. Le16(segment), .. Le64(baseAddress), .. Le64(limit), .. body];
    }

    /// <summary>ATSR: type 2, length, flags, reserved, segment (8 bytes), device scopes.</summary>
    public static byte[] Atsr(byte flags, ushort segment, params byte[][] scopes)
    {
        var body = scopes.SelectMany(s => s).ToArray();
        return [.. Le16(2), .. Le16((ushort)(8 + body.Length)), flags, 0, .. Le16(segment), .. body];
    }

    /// <summary>RHSA: type 3, length 20, 4 reserved, register base, proximity domain.</summary>
    public static byte[] Rhsa(ulong registerBase, uint proximityDomain) =>
        [.. Le16(3), .. Le16(20), 0, 0, 0, 0, .. Le64(registerBase), .. Le32(proximityDomain)];

    /// <summary>ANDD: type 4, length, 3 reserved, ACPI device number, object name (the caller adds the NUL).</summary>
    public static byte[] Andd(byte deviceNumber, byte[] name) =>
        [.. Le16(4), .. Le16((ushort)(8 + name.Length)), 0, 0, 0, deviceNumber, .. name];

    /// <summary>SATC: type 5, length, flags, reserved, segment (8 bytes), device scopes.</summary>
    public static byte[] Satc(byte flags, ushort segment, params byte[][] scopes)
    {
        var body = scopes.SelectMany(s => s).ToArray();
        return [.. Le16(5), .. Le16((ushort)(8 + body.Length)), flags, 0, .. Le16(segment), .. body];
    }
}
