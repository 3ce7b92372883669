using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Source.Writer;

namespace ProbeSim.DeviceTree.Tests.DtsWriterTests;

/// <summary>
/// One property at a time. Expected lines are what dtc 1.8.1 prints: for markers, <c>-I dts -O dts</c> of the
/// source in each comment; without markers, <c>-I dtb -O dts</c>.
/// </summary>
public class DtsValueFormatTests
{
    private static string Line(DtProperty p, params string[] nodeLabels)
    {
        var t = new DtTree();
        t.Root.AddProperty(p);
        var text = ProbeSim.DeviceTree.Source.Writer.DtsWriter.Write(t);
        const string head = "/dts-v1/;\n\n/ {\n\t";
        Assert.StartsWith(head, text);
        Assert.EndsWith("};\n", text);
        return text[head.Length..^"};\n".Length];
    }

    private static DtProperty P(string name, byte[] value, params Marker[] markers)
    {
        var p = new DtProperty(name, value);
        p.Markers.AddRange(markers);
        return p;
    }

    private static byte[] B(params int[] bytes) => bytes.Select(b => (byte)b).ToArray();

    private static Marker M(int off, MarkerKind k, string? r = null) => new(off, k, r);

    [Theory]
    [InlineData(new byte[] { }, "p;\n")]
    [InlineData(new byte[] { 0x61, 0 }, "p = \"a\";\n")]
    [InlineData(new byte[] { 0x61, 0, 0x62, 0 }, "p = \"a\", \"b\";\n")]
    [InlineData(new byte[] { 0x61, 0, 0 }, "p = [61 00 00];\n")] // more NULs than text: not a string
    [InlineData(new byte[] { 0, 0, 0, 0 }, "p = <0x00>;\n")]
    [InlineData(new byte[] { 0, 0x41, 0 }, "p = [00 41 00];\n")]
    [InlineData(new byte[] { 0x63, 0x61, 0x66, 0xe9, 0 }, "p = [63 61 66 e9 00];\n")] // non-ASCII is not printable
    [InlineData(new byte[] { 9, 0x22, 0x5c, 7, 0 }, "p = \"\\t\\\"\\\\\\a\";\n")]
    [InlineData(new byte[] { 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff }, "p = <0x01 0xffffffff>;\n")]
    [InlineData(new byte[] { 1, 2, 3 }, "p = [01 02 03];\n")]
    public void GuessedWithoutMarkers(byte[] value, string expected) => Assert.Equal(expected, Line(P("p", value)));

    [Fact]
    public void TypedGroupsAndInnerLabels()
    {
        // l1: l2: p = <1 lab: 2>, lb: [01 02 lc:], "s" le:;  (label markers come before the type marker at an offset)
        var p = P("p", B(0, 0, 0, 1, 0, 0, 0, 2, 1, 2, 0x73, 0),
            M(0, MarkerKind.TypeUInt32), M(4, MarkerKind.Label, "lab"), M(8, MarkerKind.Label, "lb"),
            M(8, MarkerKind.TypeUInt8), M(10, MarkerKind.Label, "lc"), M(10, MarkerKind.TypeString), M(12, MarkerKind.Label, "le"));
        p.Labels.AddRange(["l1", "l2"]);
        Assert.Equal("l1: l2: p = <0x01  lab:0x02>, lb: [01 02], lc: \"s\" le:;\n", Line(p));
    }

    [Fact]
    public void PhandleReferences()
    {
        // c = <&a 3>, <&a 4>;
        var c = P("c", B(0, 0, 0, 1, 0, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0, 4),
            M(0, MarkerKind.TypeUInt32), M(0, MarkerKind.RefPhandle, "a"), M(8, MarkerKind.TypeUInt32), M(8, MarkerKind.RefPhandle, "a"));
        Assert.Equal("c = <&a 0x03>, <&a 0x04>;\n", Line(c));
        // r = <&{/n}>;
        var r = P("r", B(0, 0, 0, 1), M(0, MarkerKind.TypeUInt32), M(0, MarkerKind.RefPhandle, "/n"));
        Assert.Equal("r = <&{/n}>;\n", Line(r));
        // path = &a;  (the path is stored; dtc prints it as a string)
        var path = P("path", B(0x2f, 0x6e, 0), M(0, MarkerKind.TypeString), M(0, MarkerKind.RefPath, "a"));
        Assert.Equal("path = \"/n\";\n", Line(path));
    }

    [Fact]
    public void PhandleMarkersWithoutTypes()
    {
        // What fixup_phandles / local_fixup_phandles leave: references only; the rest is guessed.
        var p = P("bar", B(0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 3),
            M(0, MarkerKind.RefPhandle, "missing"), M(8, MarkerKind.RefPhandle, "other"));
        Assert.Equal("bar = <&missing>, <0x02>, <&other>, <0x03>;\n", Line(p));
        var s = P("baz", B(0x73, 0, 0, 0, 0, 0), M(2, MarkerKind.RefPhandle, "missing"));
        Assert.Equal("baz = \"s\", <&missing>;\n", Line(s));
    }

    [Fact]
    public void OtherWidthsAndSignedCharEscapes()
    {
        // bits16 = /bits/ 16 <1 2 3>; bits64 = /bits/ 64 <0x100000000>; hi = "caf\xe9";
        Assert.Equal("bits16 = /bits/ 16 <0x01 0x02 0x03>;\n",
            Line(P("bits16", B(0, 1, 0, 2, 0, 3), M(0, MarkerKind.TypeUInt16))));
        Assert.Equal("bits64 = /bits/ 64 <0x100000000>;\n",
            Line(P("bits64", B(0, 0, 0, 1, 0, 0, 0, 0), M(0, MarkerKind.TypeUInt64))));
        Assert.Equal("hi = \"caf\\xffffffe9\";\n",
            Line(P("hi", B(0x63, 0x61, 0x66, 0xe9, 0), M(0, MarkerKind.TypeString))));
        // mixed = "ab", <0x61626300>;
        Assert.Equal("mixed = \"ab\", <0x61626300>;\n",
            Line(P("mixed", B(0x61, 0x62, 0, 0x61, 0x62, 0x63, 0), M(0, MarkerKind.TypeString), M(3, MarkerKind.TypeUInt32))));
    }

    [Fact]
    public void HeaderPluginMemreserveAndNodeLabels()
    {
        var t = new DtTree { IsPlugin = true };
        var re = new ReserveEntry(0x1000, 0x10);
        re.Labels.Add("r1");
        t.ReserveMap.Add(re);
        var n = t.Root.AddChild(new DtNode("n@1"));
        n.Labels.AddRange(["b", "a"]);
        n.AddChild(new DtNode("m"));
        Assert.Equal(
            "/dts-v1/;\n/plugin/;\n\nr1: /memreserve/\t0x0000000000001000 0x0000000000000010;\n/ {\n\n\tb: a: n@1 {\n\n\t\tm {\n\t\t};\n\t};\n};\n",
            ProbeSim.DeviceTree.Source.Writer.DtsWriter.Write(t));
    }
}
