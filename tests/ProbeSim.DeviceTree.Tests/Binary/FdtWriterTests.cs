using System.Security.Cryptography;
using ProbeSim.DeviceTree.Binary;
using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Tests.Binary;

public class FdtWriterTests
{
    private static DtTree SmallTree()
    {
        var t = new DtTree { BootCpuIdPhys = 7 };
        t.ReserveMap.Add(new ReserveEntry(0x1000, 0x2000));
        t.Root.AddProperty(new DtProperty("compatible", "x\0"u8.ToArray()));
        var c = t.Root.AddChild(new DtNode("cpu@0"));
        c.AddProperty(new DtProperty("reg", new byte[4]));
        c.AddProperty(new DtProperty("patible", new byte[] { 1, 2, 3, 4, 5 }));
        c.AddProperty(new DtProperty("compatible", new byte[4]));
        c.AddProperty(new DtProperty("", Array.Empty<byte>()));
        return t;
    }

    [Fact]
    public void HeaderAndLayoutFollowDtToBlob()
    {
        var b = FdtWriter.Write(SmallTree(), FdtWriteOptions.Default);
        // header 40 + reserve (1 entry + terminator) 32 = struct at 72
        // struct: root 8, compatible 12+4, cpu@0 4+8, reg 12+4, patible 12+8, compatible 12+4, "" 12, 2 END_NODE, END = 112
        // strings: "compatible\0reg\0" then "patible" and "" reuse suffixes = 15
        Assert.Equal(0xd00dfeedu, RawFdt.GetU32(b, 0));
        Assert.Equal(72u + 112 + 15, RawFdt.GetU32(b, 4));
        Assert.Equal(72u, RawFdt.GetU32(b, 8));
        Assert.Equal(184u, RawFdt.GetU32(b, 12));
        Assert.Equal(40u, RawFdt.GetU32(b, 16));
        Assert.Equal(17u, RawFdt.GetU32(b, 20));
        Assert.Equal(16u, RawFdt.GetU32(b, 24));
        Assert.Equal(7u, RawFdt.GetU32(b, 28));
        Assert.Equal(15u, RawFdt.GetU32(b, 32));
        Assert.Equal(112u, RawFdt.GetU32(b, 36));
        Assert.Equal("compatible\0reg\0"u8.ToArray(), b[184..]);
        // "patible" shares the tail of "compatible" at offset 3; "" is the NUL after "compatible" (offset 10)
        Assert.Equal(3u, RawFdt.GetU32(b, 72 + 8 + 16 + 12 + 16 + 8));
        Assert.Equal(10u, RawFdt.GetU32(b, 72 + 8 + 16 + 12 + 16 + 20 + 16 + 8));
        var back = FdtReader.Read(b, null);
        Assert.Equal(b, FdtWriter.Write(back, FdtWriteOptions.Default));
        var re = Assert.Single(back.ReserveMap);
        Assert.Equal((0x1000ul, 0x2000ul), (re.Address, re.Size));
    }

    [Fact]
    public void StringTableSharesSuffixesFirstMatchWins()
    {
        var s = new FdtStringTable();
        Assert.Equal(0, s.Insert("linux,phandle"));
        Assert.Equal(6, s.Insert("phandle"));
        Assert.Equal(14, s.Insert("handles"));
        Assert.Equal(15, s.Insert("andles"));
        Assert.Equal(7, s.Insert("handle")); // the earlier "linux,phandle" tail wins over "handles"
        Assert.Equal(13, s.Insert(""));
        Assert.Equal(22, s.Length);
    }

    [Fact]
    public void LongNamesTakeLinearTimeAndMemory()
    {
        // a name of 200000 characters has 200000 suffixes: keeping each as a string would take 40 GB
        var s = OnThread.Run(() =>
        {
            var t = new FdtStringTable();
            t.Insert(new string('a', 200_000) + "reg");
            return t;
        });
        Assert.Equal(200_000, s.Insert("reg"));
        Assert.Equal(1, s.Insert(new string('a', 199_999) + "reg"));
        Assert.Equal(200_004, s.Insert("regs"));
        Assert.Equal(200_009, s.Length);
    }

    [Fact]
    public void EmptyNameInAnEmptyTableIsAppended()
    {
        var s = new FdtStringTable();
        Assert.Equal(0, s.Insert(""));
        Assert.Equal(1, s.Insert("a"));
        Assert.Equal(0, s.Insert(""));
        Assert.Equal(3, s.Length);
    }

    // Totals dtc 1.8.1 gives for arm/juno.dtb (27067 bytes as built), from `dtc -I dtb -O dtb <options>`.
    [Theory]
    [InlineData(3, 64, 0, 0, 27179, "962e866d3420c7c8")] // -R 3 -p 64: 3*16 more reserve bytes plus 64 padding
    [InlineData(0, 0, 20000, 0, 27067, "fd8df65df215f2b0")] // -S below the content size: no padding
    [InlineData(0, 0, 0, 256, 27136, "dd8e5ad00ca30bce")] // -a 256
    [InlineData(0, 10, 0, 64, 27136, "dd8e5ad00ca30bce")] // -p 10 -a 64: padding, then rounded up
    [InlineData(0, 0, 20000, 512, 27136, "dd8e5ad00ca30bce")] // -S 20000 -a 512
    [InlineData(1, 0, 0, 0, 27083, "53a0be0fb2d3f574")] // -R 1
    [InlineData(0, 0, 0, 1, 27067, "fd8df65df215f2b0")] // -a 1
    public void OptionsMatchDtc(int reserve, int pad, int min, int align, int total, string sha256Prefix)
    {
        var f = Path.Combine(CorpusBlobs.Dir, "arm", "juno.dtb");
        var tree = FdtReader.Read(File.ReadAllBytes(f), f);
        var b = FdtWriter.Write(tree, new FdtWriteOptions { ReserveEntries = reserve, PadSize = pad, MinSize = min, AlignSize = align });
        Assert.Equal(total, b.Length);
        Assert.Equal((uint)total, RawFdt.GetU32(b, 4));
        Assert.StartsWith(sha256Prefix, Convert.ToHexStringLower(SHA256.HashData(b)));
    }

    [Theory]
    [InlineData(0, 0, 0, 0, 0)]
    [InlineData(100, 0, 0, 0, 100)] // -p N adds N
    [InlineData(0, 1000, 0, 0, 800)] // -S pads up to the minimum
    [InlineData(0, 150, 0, 0, 0)] // -S below the size: nothing (dtc warns)
    [InlineData(0, 0, 8, 0, 0)] // already aligned
    [InlineData(0, 0, 128, 0, 56)] // 200 -> 256
    [InlineData(10, 0, 64, 0, 56)] // 200 + 10 -> 256
    [InlineData(0, 300, 128, 0, 184)] // -S then -a: 300 -> 384
    public void PaddingPrecedence(int pad, int min, int align, int dummy, long expected)
    {
        _ = dummy;
        var o = new FdtWriteOptions { PadSize = pad, MinSize = min, AlignSize = align };
        Assert.Equal(expected, o.PaddingFor(200));
    }

    [Fact]
    public void PaddingIsZerosCoveredByTotalSize()
    {
        var b = FdtWriter.Write(SmallTree(), new FdtWriteOptions { PadSize = 13 });
        Assert.Equal(199 + 13, b.Length);
        Assert.Equal((uint)b.Length, RawFdt.GetU32(b, 4));
        Assert.All(b[199..], x => Assert.Equal(0, x));
        Assert.Null(FdtValidator.Check(b));
    }

    [Fact]
    public void ExtraReserveEntriesAreEmptyAndReadBackAsNone()
    {
        var b = FdtWriter.Write(SmallTree(), new FdtWriteOptions { ReserveEntries = 2 });
        Assert.Equal(72u + 32, RawFdt.GetU32(b, 8));
        Assert.All(b[56..104], x => Assert.Equal(0, x));
        Assert.Single(FdtReader.Read(b, null).ReserveMap);
    }

    [Fact]
    public void InvalidOptionsAreRejectedLikeDtc()
    {
        var t = SmallTree();
        Assert.Equal("Can't set both -p and -S",
            Assert.Throws<ArgumentException>(() => FdtWriter.Write(t, new FdtWriteOptions { PadSize = 1, MinSize = 5 })).Message);
        Assert.Equal("Invalid argument \"3\" to -a option",
            Assert.Throws<ArgumentException>(() => FdtWriter.Write(t, new FdtWriteOptions { AlignSize = 3 })).Message);
    }
}
