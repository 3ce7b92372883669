using ProbeSim.DeviceTree.Binary;
using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Source.Writer;

namespace ProbeSim.DeviceTree.Tests.Binary;

/// <summary>100000 nested nodes: reader, writer and DTS writer use explicit stacks, so nothing overflows.</summary>
public class FdtDeepNestingTests
{
    private const int Depth = 100_000;

    [Fact]
    public void HundredThousandNestedNodesRoundTrip()
    {
        var r = new RawFdt();
        var x = r.String("x");
        r.Begin("");
        for (var i = 0; i < Depth; i++) r.Begin("n");
        r.Prop(x, 1, 2, 3, 4);
        for (var i = 0; i <= Depth; i++) r.EndNode();
        r.End();
        var blob = r.Build();

        var tree = FdtReader.Read(blob, "deep.dtb");
        Assert.Equal(blob, FdtWriter.Write(tree, FdtWriteOptions.Default));
        Assert.Equal(Depth, tree.AllNodes.Count() - 1);
    }

    [Fact]
    public void DeepTreesWriteAsDts()
    {
        // DTS indentation grows with depth (quadratic text), so a smaller depth here.
        const int depth = 2000;
        var tree = new DtTree();
        var n = tree.Root;
        for (var i = 0; i < depth; i++) n = n.AddChild(new DtNode("n"));
        n.AddProperty(new DtProperty("x", new byte[] { 1, 2, 3, 4 }));
        var dts = DtsWriter.Write(tree);
        Assert.StartsWith("/dts-v1/;\n\n/ {\n\n\tn {\n", dts);
        Assert.Contains("\n" + new string('\t', depth + 1) + "x = <0x1020304>;\n", dts);
        Assert.EndsWith("\t};\n};\n", dts);
    }

    [Fact]
    public void HundredThousandOpenNodesWithoutEndFailCleanly()
    {
        var r = new RawFdt();
        r.Begin("");
        for (var i = 0; i < Depth; i++) r.Begin("n");
        var blob = r.Build();
        var e = Assert.Throws<DeviceTreeException>(() => FdtReader.Read(blob, null));
        Assert.Equal(blob.Length, e.Diagnostics[0].ByteOffset);
    }
}
