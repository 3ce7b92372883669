using ProbeSim.Fuzz.Core;

namespace ProbeSim.Fuzz.Gen.Sysfs;

/// <summary>What a generated function is; decides its header type, class and PCIe port type.</summary>
public enum FunctionRole { Endpoint, RootPort, UpstreamPort, DownstreamPort, PciBridge, PcieToPciBridge, CardBus, HostBridge, Rciep, Legacy }

/// <summary>
/// Builds a function's configuration space the way Linux reads it from <c>config</c> (docs/pci-topology.md, "Sysfs dump
/// format"): ids, class, header type, bridge bus numbers, the capability list with a PCIe capability, and an ACS extended
/// capability; then breaks it as asked (lengths that end inside a field, loops, pointers out of range, reserved values).
/// </summary>
public static class ConfigSpace
{
    public static readonly int[] Lengths = [0, 1, 63, 64, 65, 255, 256, 257, 1024, 4095, 4096, 4097];

    public static bool IsBridge(FunctionRole r) => r is FunctionRole.RootPort or FunctionRole.UpstreamPort or FunctionRole.DownstreamPort or FunctionRole.PciBridge or FunctionRole.PcieToPciBridge;

    /// <param name="gentle">No damage: the space reads as the function it describes.</param>
    public static byte[] Build(Rng rng, FunctionRole role, bool multifunction, (byte Pri, byte Sec, byte Sub) buses, List<string> notes, bool gentle = false)
    {
        var b = new byte[4096];
        Put16(b, 0x00, !gentle && rng.OneIn(20) ? rng.Pick(new ushort[] { 0xffff, 0x0000 }) : rng.Pick(new ushort[] { 0x8086, 0x1b36, 0x1af4, 0x10de, 0x144d }));
        Put16(b, 0x02, (ushort)rng.Next(0x10000));
        uint cls = role switch
        {
            FunctionRole.HostBridge => 0x060000,
            FunctionRole.CardBus => 0x060700,
            _ when IsBridge(role) => 0x060400,
            _ => rng.Pick(new uint[] { 0x020000, 0x010802, 0x030000, 0x0c0330, 0x080700, 0xff0000 }),
        };
        Put32(b, 0x08, cls << 8 | (uint)rng.Next(256));
        byte header = role switch { FunctionRole.CardBus => 2, _ when IsBridge(role) => 1, _ => 0 };
        if (!gentle && rng.OneIn(25)) header = (byte)rng.Range(3, 0x7f);
        b[0x0e] = (byte)(header | (multifunction ? 0x80 : 0));
        if (header == 1) (b[0x18], b[0x19], b[0x1a]) = buses;
        bool caps = role != FunctionRole.Legacy || rng.OneIn(2);
        if (caps)
        {
            b[0x06] = 0x10;
            int ptr = header == 2 ? 0x14 : 0x34;
            b[ptr] = 0x40;
            // PM capability, then PCIe capability with the port type
            b[0x40] = 0x01;
            b[0x41] = 0x60;
            b[0x60] = 0x10;
            b[0x61] = 0x00;
            int type = role switch
            {
                FunctionRole.Endpoint => 0, FunctionRole.Legacy => 1, FunctionRole.Rciep => 9, FunctionRole.RootPort => 4,
                FunctionRole.UpstreamPort => 5, FunctionRole.DownstreamPort => 6, FunctionRole.PcieToPciBridge => 7, _ => 0,
            };
            if (!gentle && rng.OneIn(25)) type = rng.Pick(new[] { 2, 3, 0xb, 0xc, 0xf });
            Put16(b, 0x62, (ushort)(2 | type << 4));
            if (rng.OneIn(3))
            {
                // ACS extended capability at 0x100
                Put32(b, 0x100, 0x000d | 1u << 16);
                Put16(b, 0x104, (ushort)rng.Next(0x80));
                Put16(b, 0x106, (ushort)rng.Next(0x80));
            }
        }
        if (gentle) return b[..rng.Pick(new[] { 256, 4096, 4096 })];
        Break(rng, b, notes, out var length);
        return b[..length];
    }

    /// <summary>Damage that Linux's reader (and ours) must survive.</summary>
    public static void Break(Rng rng, byte[] b, List<string> notes, out int length, int natural = 4096)
    {
        length = rng.OneIn(4) ? rng.Pick(Lengths) : natural;
        if (length > b.Length) length = b.Length;
        if (!rng.OneIn(4)) return;
        switch (rng.Next(7))
        {
            case 0:
                b[0x61] = 0x40; // PCIe capability points back at PM: a loop
                notes.Add("capability list loops");
                break;
            case 1:
                b[0x34] = rng.Pick(new byte[] { 0x00, 0x01, 0x3f, 0xfc, 0xff, 0x41 });
                notes.Add($"capability pointer 0x{b[0x34]:x2}");
                break;
            case 2:
                Put32(b, 0x100, 0x000d | 1u << 16 | 0x100u << 20); // ACS points at itself
                notes.Add("extended capability list loops");
                break;
            case 3:
                Put32(b, 0x100, 0x000d | 1u << 16 | (uint)rng.Pick(new[] { 0xffc, 0xfff, 0x004, 0x0ff }) << 20);
                notes.Add("extended capability pointer out of range");
                break;
            case 4:
                b[0x0e] = rng.Pick(new byte[] { 0x03, 0x7f, 0xff, 0x81, 0x82 });
                notes.Add($"header type 0x{b[0x0e]:x2}");
                break;
            case 5:
                b[0x06] ^= 0x10;
                notes.Add("status capability bit flipped");
                break;
            default:
                for (int k = rng.Geometric(8); k > 0; k--) b[rng.Next(0x100)] ^= (byte)(1 << rng.Next(8));
                notes.Add("bits flipped in the header");
                break;
        }
    }

    private static void Put16(byte[] b, int off, ushort v)
    {
        if (off < 0 || off + 2 > b.Length) return;
        b[off] = (byte)v;
        b[off + 1] = (byte)(v >> 8);
    }

    private static void Put32(byte[] b, int off, uint v)
    {
        Put16(b, off, (ushort)v);
        Put16(b, off + 2, (ushort)(v >> 16));
    }
}
