using ProbeSim.DeviceTree.Binary;
using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Source.Writer;

namespace ProbeSim.DeviceTree.Tests.Binary;

/// <summary>
/// Nesting: a blob as deep as <see cref="DeviceTreeLimits.MaxNodeDepth"/> round-trips; a deeper one (100000 levels) is
/// refused at the byte offset of the first node past the limit, before anything is walked.
/// </summary>
public class FdtDeepNestingTests
{
    private const int Deep = 100_000;

    private static byte[] Chain(int depth, bool close, out int structOffset, out int nodeSize)
    {
        var r = new RawFdt();
        var x = r.String("x");
        structOffset = r.StructOffset;
        r.Begin("");
        var before = r.Here;
        r.Begin("n");
        nodeSize = r.Here - before;
        for (var i = 1; i < depth; i++) r.Begin("n");
        if (close)
        {
            r.Prop(x, 1, 2, 3, 4);
            for (var i = 0; i <= depth; i++) r.EndNode();
            r.End();
        }
        return r.Build();
    }

    [Fact]
    public void A_blob_nested_to_the_limit_round_trips()
    {
        // the root and MaxNodeDepth - 1 nested nodes: MaxNodeDepth levels
        var blob = Chain(DeviceTreeLimits.MaxNodeDepth - 1, close: true, out _, out _);
        var tree = FdtReader.Read(blob, "deep.dtb");
        Assert.Equal(blob, FdtWriter.Write(tree, FdtWriteOptions.Default));
        Assert.Equal(DeviceTreeLimits.MaxNodeDepth - 1, tree.AllNodes.Count() - 1);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_hundred_thousand_nested_nodes_are_refused_at_the_first_past_the_limit(bool close)
    {
        var blob = Chain(Deep, close, out var structOffset, out var nodeSize);
        var e = Assert.Throws<DeviceTreeException>(() => FdtReader.Read(blob, "deep.dtb"));
        var d = Assert.Single(e.Diagnostics);
        // the root's FDT_BEGIN_NODE takes 8 bytes, each "n" another nodeSize; the node at level MaxNodeDepth + 1 is refused
        var offset = structOffset + 8 + (DeviceTreeLimits.MaxNodeDepth - 1) * nodeSize;
        Assert.Equal(offset, d.ByteOffset);
        Assert.Contains($"nodes nested deeper than {DeviceTreeLimits.MaxNodeDepth} levels", d.Message);
    }

    [Fact]
    public void Open_nodes_without_an_end_fail_at_the_end_of_the_structure_block()
    {
        const int depth = DeviceTreeLimits.MaxNodeDepth - 1;
        var blob = Chain(depth, close: false, out var structOffset, out var nodeSize);
        var e = Assert.Throws<DeviceTreeException>(() => FdtReader.Read(blob, null));
        Assert.Equal(structOffset + 8 + depth * nodeSize, e.Diagnostics[0].ByteOffset);
        Assert.Contains("inside a node, without FDT_END", e.Diagnostics[0].Message);
    }

    [Fact]
    public void A_node_path_past_the_limit_is_refused_at_its_node()
    {
        var r = new RawFdt();
        r.Begin("");
        var name = new string('a', 1000);
        var offsets = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            offsets.Add(r.Here);
            r.Begin(name);
        }
        for (var i = 0; i < 6; i++) r.EndNode();
        r.End();
        var e = Assert.Throws<DeviceTreeException>(() => FdtReader.Read(r.Build(), "long.dtb"));
        // "/aaa…" is 1001 characters a level: the fifth level's path (5005) is the first past 4096
        Assert.Equal(offsets[4], e.Diagnostics[0].ByteOffset);
        Assert.Contains($"path longer than {DeviceTreeLimits.MaxPathLength} characters", e.Diagnostics[0].Message);
    }

    [Fact]
    public void Dts_text_that_indentation_would_blow_up_stops_at_the_limit()
    {
        // 999 levels, then 200000 properties: each line indented by 999 tabs, 200 MB of text from a 2.4 MB blob
        var r = new RawFdt();
        var x = r.String("x");
        r.Begin("");
        for (var i = 1; i < DeviceTreeLimits.MaxNodeDepth; i++) r.Begin("n");
        for (var i = 0; i < 200_000; i++) r.Prop(x);
        for (var i = 0; i < DeviceTreeLimits.MaxNodeDepth; i++) r.EndNode();
        r.End();
        var tree = FdtReader.Read(r.Build(), "wide.dtb");
        var e = Assert.Throws<DeviceTreeException>(() => DtsWriter.Write(tree));
        Assert.Equal($"the DTS text would be longer than {DeviceTreeLimits.MaxDtsChars} characters, the limit for DTS output", e.Diagnostics[0].Message);
    }

    [Fact]
    public void Deep_trees_built_in_code_write_as_dts()
    {
        // DTS indentation grows with depth (quadratic text), so a smaller depth here; the writer uses an explicit stack.
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
}
