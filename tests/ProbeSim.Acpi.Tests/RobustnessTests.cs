using ProbeSim.Acpi.Dmar;
using ProbeSim.Acpi.Ivrs;
using ProbeSim.Acpi.Mcfg;
using ProbeSim.Acpi.Tables;
using static ProbeSim.Acpi.Tests.IvrsBytes;

namespace ProbeSim.Acpi.Tests;

/// <summary>
/// Every cut and every single-byte change of a few valid tables (with the length and checksum made to agree, so the
/// parse goes past the header) ends in a table or an <see cref="AcpiTableException"/>, never another exception.
/// </summary>
public class RobustnessTests
{
    public static TheoryData<string> Tables() => new() { "qemu-dmar", "qemu-ivrs", "rich-dmar", "rich-ivrs", "mcfg" };

    private static (byte[] Bytes, Func<byte[], object> Parse) Table(string name) => name switch
    {
        "qemu-dmar" => (QemuTables.Dmar, b => DmarParser.Parse(b)),
        "qemu-ivrs" => (QemuTables.Ivrs, b => IvrsParser.Parse(b)),
        "rich-dmar" => (RichDmar(), b => DmarParser.Parse(b)),
        "rich-ivrs" => (RichIvrs(), b => IvrsParser.Parse(b)),
        _ => (new TableBuilder("MCFG").Zeros(8).U64(0xb0000000).U16(0).U8(0).U8(0xff).Zeros(4).Build(), b => McfgParser.Parse(b)),
    };

    private static byte[] RichDmar() => DmarBytes.Table(flags: 7)
        .Bytes(DmarBytes.Drhd(0, 0, 0xfed90000, 1, DmarBytes.Scope(1, 0, 0, 2, 0), DmarBytes.Scope(2, 0, 0, 0x1c, 0, 0, 1)))
        .Bytes(DmarBytes.Drhd(1, 0, 0xfed91000, 0, DmarBytes.Scope(3, 2, 0xf0, 0x1f, 0)))
        .Bytes(DmarBytes.Rmrr(0, 0x7c000000, 0x7fffffff, DmarBytes.Scope(1, 0, 0, 0x14, 0)))
        .Bytes(DmarBytes.Atsr(0, 0, DmarBytes.Scope(2, 0, 0, 1, 0))).Bytes(DmarBytes.Rhsa(0xfed90000, 1))
        .Bytes(DmarBytes.Andd(1, "\\_SB.I2C0\0"u8.ToArray())).Bytes(DmarBytes.Satc(1, 0, DmarBytes.Scope(1, 0, 0, 2, 0))).Build();

    private static byte[] RichIvrs() => IvrsBytes.Table()
        .Bytes(Ivhd(0x10, 0xb0, 2, 0x40, 0xfeb80000, 0, 0, 0, 0, 0, Entry4(1, 0, 0), Entry4(3, 0x100, 0), Entry4(4, 0x1ff, 0)))
        .Bytes(Ivhd(0x40, 0xb0, 2, 0x40, 0xfeb80000, 0, 0, 0, 1, 2, Entry8(0x42, 0x200, 0, 0, 0x100, 0), Entry8(0x43, 0x300, 0, 0, 0xf0, 0),
            Entry4(4, 0x3ff, 0), Ext8(0x46, 8, 0, 1), Ext8(0x47, 0x400, 0, 1), Entry4(4, 0x407, 0), Entry8(0x48, 0, 0xd7, 0x21, 0xa0, 1),
            AcpiHid(0xa5, 0x40, "AMDI0020", "PNP0D40", 2, "ID00"u8.ToArray())))
        .Bytes(Ivmd(0x22, 7, 0x200, 0x2ff, 0, 0xfd000000, 0x1000)).Build();

    [Theory]
    [MemberData(nameof(Tables))]
    public void Every_cut_gives_a_table_or_a_table_error(string name)
    {
        var (bytes, parse) = Table(name);
        Assert.NotNull(parse(bytes));
        for (int n = 0; n <= bytes.Length; n++)
        {
            Check(parse, bytes[..n]);
            if (n >= 36) Check(parse, Agree(bytes[..n]));
        }
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void Every_byte_change_gives_a_table_or_a_table_error(string name)
    {
        var (bytes, parse) = Table(name);
        byte[] values = [0x00, 0x01, 0x02, 0x05, 0x7f, 0x80, 0xf0, 0xff];
        for (int i = 0; i < bytes.Length; i++)
            foreach (var v in values)
            {
                var b = (byte[])bytes.Clone();
                b[i] = v;
                Check(parse, b);
                if (i is not (>= 4 and < 8) and not 9) Check(parse, Agree(b));
            }
    }

    /// <summary>The length field set to the bytes' count and the checksum made right.</summary>
    private static byte[] Agree(byte[] b)
    {
        var c = (byte[])b.Clone();
        BitConverter.TryWriteBytes(c.AsSpan(4, 4), (uint)c.Length);
        c[9] = 0;
        byte sum = 0;
        foreach (var x in c) sum += x;
        c[9] = (byte)-sum;
        return c;
    }

    private static void Check(Func<byte[], object> parse, byte[] b)
    {
        try
        {
            parse(b);
        }
        catch (AcpiTableException)
        {
        }
    }
}
