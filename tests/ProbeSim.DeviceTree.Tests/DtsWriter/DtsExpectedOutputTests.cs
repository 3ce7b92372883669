using ProbeSim.DeviceTree.Binary;
using ProbeSim.DeviceTree.Source.Writer;

namespace ProbeSim.DeviceTree.Tests.DtsWriterTests;

/// <summary>
/// Blobs compiled by dtc 1.8.1 from <c>Expected/*.source.dts</c> (with <c>-@</c>) and dtc 1.8.1's own
/// <c>-I dtb -O dts</c> output for them: string lists, escapes, guessed cells and bytes, memreserves,
/// labels from <c>__symbols__</c>, and an overlay's <c>__fixups__</c> / <c>__local_fixups__</c> references.
/// </summary>
public class DtsExpectedOutputTests
{
    private static string Expected(string name) =>
        Path.Combine(TestPaths.RepoRoot, "tests", "ProbeSim.DeviceTree.Tests", "DtsWriter", "Expected", name);

    private static string Decompile(string blobName, out ProbeSim.DeviceTree.Model.DtTree tree)
    {
        var blob = Convert.FromBase64String(File.ReadAllText(Expected(blobName)).Trim());
        tree = FdtReader.Read(blob, blobName);
        Assert.Equal(blob, FdtWriter.Write(tree, FdtWriteOptions.Default));
        Assert.Empty(DtbSourceRecovery.Apply(tree));
        return ProbeSim.DeviceTree.Source.Writer.DtsWriter.Write(tree);
    }

    [Fact]
    public void BaseBlobMatchesDtc()
    {
        var text = Decompile("base.dtb.b64", out var tree);
        Assert.Equal(File.ReadAllText(Expected("base.dtc-1.8.1.dts")), text);
        Assert.False(tree.IsPlugin);
        Assert.Equal(2, tree.ReserveMap.Count);
        Assert.Equal(["clk"], tree.FindByPath("/clock@1")!.Labels);
        Assert.Equal(1u, tree.FindByPath("/clock@1")!.Phandle);
    }

    [Fact]
    public void OverlayBlobMatchesDtc()
    {
        var text = Decompile("overlay.dtb.b64", out var tree);
        Assert.Equal(File.ReadAllText(Expected("overlay.dtc-1.8.1.dts")), text);
        Assert.True(tree.IsPlugin);
        var bar = tree.FindByPath("/fragment@0/__overlay__/extra")!.GetProperty("bar")!;
        Assert.Equal(
            [new(0, ProbeSim.DeviceTree.Model.MarkerKind.RefPhandle, "missing"), new ProbeSim.DeviceTree.Model.Marker(8, ProbeSim.DeviceTree.Model.MarkerKind.RefPhandle, "other")],
            bar.Markers);
    }

    [Fact]
    public void DtsWriterDoesNotChangeTheTree()
    {
        Decompile("overlay.dtb.b64", out var tree);
        var before = tree.AllNodes.SelectMany(n => n.Properties).Sum(p => p.Markers.Count);
        ProbeSim.DeviceTree.Source.Writer.DtsWriter.Write(tree);
        Assert.Equal(before, tree.AllNodes.SelectMany(n => n.Properties).Sum(p => p.Markers.Count));
    }
}
