using System.Text;
using ProbeSim.DeviceTree.Binary;
using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Tests.Binary;

/// <summary>
/// Each broken blob must fail with the first problem's byte offset and message.
/// The simple blob's layout: header 0..40, reserve map 40..56, struct 56..128 (root at 0x38, its property at 0x40,
/// child@1 at 0x58, its property at 0x64, END_NODEs at 0x74/0x78, FDT_END at 0x7c), strings 128..143.
/// </summary>
public class FdtReaderNegativeTests
{
    private static void AssertFails(byte[] blob, long offset, string message, int maxDepth = FdtConstants.DefaultMaxDepth)
    {
        var e = Assert.Throws<DeviceTreeException>(() => FdtReader.Read(blob, "t.dtb", maxDepth));
        var d = Assert.Single(e.Diagnostics);
        Assert.Equal(message, d.Message);
        Assert.Equal(offset, d.ByteOffset);
        Assert.Equal("t.dtb", d.File);
        // The validator reports the same first problem.
        var v = FdtValidator.Check(blob, "t.dtb", maxDepth);
        Assert.NotNull(v);
        Assert.Equal(message, v!.Message);
        Assert.Equal(offset, v.ByteOffset);
    }

    private static byte[] Simple() => RawFdt.Simple().Blob;

    [Fact]
    public void SimpleBlobIsValidAndRoundTrips()
    {
        var blob = Simple();
        Assert.Equal(143, blob.Length);
        Assert.Null(FdtValidator.Check(blob));
        var tree = FdtReader.Read(blob, "t.dtb");
        Assert.Equal("acme,board", tree.Root.GetString("compatible"));
        Assert.Equal(1u, tree.Root.GetChild("child@1")!.GetU32("reg"));
        // RawFdt lays blobs out as dtc does, so the writer gives the same bytes back.
        Assert.Equal(blob, FdtWriter.Write(tree, FdtWriteOptions.Default));
    }

    [Fact]
    public void TooShortForAHeader() =>
        AssertFails(new byte[3], 3, "truncated blob: file has 3 bytes, too short for a header");

    [Fact]
    public void TooShortForTheVersionHeader() =>
        AssertFails(Simple()[..36], 36, "truncated blob: file has 36 bytes, too short for a version 17 header (40 bytes)");

    [Fact]
    public void BadMagic()
    {
        var b = Simple();
        RawFdt.SetU32(b, 0, 0x12345678);
        AssertFails(b, 0, "bad magic 0x12345678 (expected 0xd00dfeed)");
    }

    [Fact]
    public void Truncated() =>
        AssertFails(Simple()[..100], 100, "truncated blob: header says 143 bytes, file has 100");

    [Fact]
    public void TrailingBytesAfterTotalSizeAreIgnored()
    {
        // dt_from_blob reads totalsize bytes; libfdt's fdt_check_full accepts a larger buffer.
        var b = Simple().Concat(new byte[] { 1, 2, 3 }).ToArray();
        Assert.Null(FdtValidator.Check(b));
    }

    [Fact]
    public void VersionTooOld()
    {
        var b = Simple();
        RawFdt.SetU32(b, 20, 15);
        RawFdt.SetU32(b, 24, 15);
        AssertFails(b, 20, "bad version: version 15 is not supported (16 and 17 are)");
    }

    [Fact]
    public void LastCompatibleVersionTooNew()
    {
        var b = Simple();
        RawFdt.SetU32(b, 24, 18);
        RawFdt.SetU32(b, 20, 18);
        AssertFails(b, 24, "bad version: last compatible version 18 is newer than 17");
    }

    [Fact]
    public void VersionOlderThanLastCompatible()
    {
        var b = Simple();
        RawFdt.SetU32(b, 20, 16);
        RawFdt.SetU32(b, 24, 17);
        AssertFails(b, 20, "bad version: version 16 is older than its last compatible version 17");
    }

    [Fact]
    public void Version16IsRead()
    {
        var b = Simple();
        RawFdt.SetU32(b, 20, 16);
        var tree = FdtReader.Read(b, "t.dtb");
        Assert.Equal(Simple(), FdtWriter.Write(tree, FdtWriteOptions.Default));
    }

    [Fact]
    public void TotalSizeSmallerThanHeader()
    {
        var b = Simple();
        RawFdt.SetU32(b, 4, 20);
        AssertFails(b, 4, "totalsize 20 is smaller than the header (40 bytes)");
    }

    [Fact]
    public void AbsurdTotalSizeIsRejectedWithoutAllocating()
    {
        var b = Simple();
        RawFdt.SetU32(b, 4, 0xfffffff0);
        AssertFails(b, 4, "absurd totalsize 0xfffffff0 (over 2 GiB)");
    }

    [Fact]
    public void MisalignedReserveMap()
    {
        var b = Simple();
        RawFdt.SetU32(b, 16, 44);
        AssertFails(b, 16, "memory reservation map offset 0x2c is not 8-byte aligned");
    }

    [Fact]
    public void MisalignedStructBlock()
    {
        var b = Simple();
        RawFdt.SetU32(b, 8, 58);
        AssertFails(b, 8, "structure block offset 0x3a is not 4-byte aligned");
    }

    [Fact]
    public void StructBlockPastTheEnd()
    {
        var b = Simple();
        RawFdt.SetU32(b, 8, 200);
        AssertFails(b, 8, "structure block at 0xc8 size 0x48 is outside the blob (header 0x28, totalsize 0x8f)");
    }

    [Fact]
    public void StringsBlockPastTheEnd()
    {
        var b = Simple();
        RawFdt.SetU32(b, 32, 0x100);
        AssertFails(b, 12, "strings block at 0x80 size 0x100 is outside the blob (header 0x28, totalsize 0x8f)");
    }

    [Fact]
    public void ReserveMapPastTheEnd()
    {
        var b = Simple();
        RawFdt.SetU32(b, 16, 0x90);
        AssertFails(b, 16, "memory reservation map offset 0x90 is outside the blob (header 0x28, totalsize 0x8f)");
    }

    [Fact]
    public void OverlappingBlocks()
    {
        var b = Simple();
        RawFdt.SetU32(b, 12, 120);
        AssertFails(b, 12, "strings block [0x78, 0x87) overlaps the structure block [0x38, 0x80)");
    }

    [Fact]
    public void ReserveMapWithoutTerminator()
    {
        var b = Simple();
        RawFdt.SetU32(b, 16, 128); // the strings block: 15 bytes, not room for one entry
        AssertFails(b, 128, "memory reservation map runs past the end of the blob without a terminating entry");
    }

    [Fact]
    public void UnterminatedNodeName()
    {
        var r = new RawFdt();
        r.Begin("").Word(FdtConstants.BeginNode).RawBytes(Encoding.ASCII.GetBytes("abcd"));
        AssertFails(r.Build(), 0x44, "unterminated node name at 0x44");
    }

    [Fact]
    public void BadToken()
    {
        var r = new RawFdt();
        r.Begin("").Word(5).EndNode().End();
        AssertFails(r.Build(), 0x40, "bad token 0x00000005 at 0x40");
    }

    [Fact]
    public void AbsurdPropertyLength()
    {
        var r = new RawFdt();
        var x = r.String("x");
        r.Begin("").Word(FdtConstants.Prop).Word(0x7fffffff).Word(x);
        AssertFails(r.Build(), 0x44,
            "property at offset 0x40 has length 2147483647 (0x7fffffff), past the end of the structure block at 0x4c");
    }

    [Fact]
    public void NameOffsetOutOfRange()
    {
        var b = Simple();
        RawFdt.SetU32(b, 0x48, 0x999);
        AssertFails(b, 0x48, "property at offset 0x40 has a name offset 0x999 outside the strings block (size 0xf)");
    }

    [Fact]
    public void NameNotTerminatedInsideStringsBlock()
    {
        var b = Simple();
        RawFdt.SetU32(b, 32, 13); // "compatible\0re" - "reg" now runs off the block
        AssertFails(b, 0x6c,
            "property at offset 0x64 has a name at strings offset 0xb that is not NUL-terminated inside the strings block");
    }

    [Fact]
    public void MissingFdtEnd()
    {
        var r = new RawFdt();
        r.Begin("").EndNode();
        AssertFails(r.Build(), 0x44, "structure block ends at 0x44 without FDT_END");
    }

    [Fact]
    public void StructEndsInsideANode()
    {
        var r = new RawFdt();
        r.Begin("").Begin("a");
        AssertFails(r.Build(), 0x48, "structure block ends at 0x48 inside a node, without FDT_END");
    }

    [Fact]
    public void FdtEndInsideANode()
    {
        var r = new RawFdt();
        r.Begin("").Begin("a").EndNode().End();
        AssertFails(r.Build(), 0x4c, "FDT_END at 0x4c with 1 node(s) still open");
    }

    [Fact]
    public void DataAfterFdtEnd()
    {
        var r = new RawFdt();
        r.Begin("").EndNode().End().Word(FdtConstants.Nop);
        AssertFails(r.Build(), 0x48, "4 byte(s) of data after FDT_END in the structure block");
    }

    [Fact]
    public void RootNodeWithAName()
    {
        var r = new RawFdt();
        r.Begin("x").EndNode().End();
        AssertFails(r.Build(), 0x3c, "the root node at 0x38 has a name; it must be empty");
    }

    [Fact]
    public void SecondRootNode()
    {
        var r = new RawFdt();
        r.Begin("").EndNode().Begin("").EndNode().End();
        AssertFails(r.Build(), 0x44, "FDT_BEGIN_NODE at 0x44 after the root node closed (a second root node)");
    }

    [Fact]
    public void EndNodeWithoutBegin()
    {
        var r = new RawFdt();
        r.EndNode().End();
        AssertFails(r.Build(), 0x38, "FDT_END_NODE at 0x38 without a matching FDT_BEGIN_NODE");
    }

    [Fact]
    public void PropertyOutsideAnyNode()
    {
        var r = new RawFdt();
        var x = r.String("x");
        r.Prop(x).Begin("").EndNode().End();
        AssertFails(r.Build(), 0x38, "FDT_PROP at 0x38 outside any node");
    }

    [Fact]
    public void FdtEndBeforeAnyNode()
    {
        var r = new RawFdt();
        r.End();
        AssertFails(r.Build(), 0x38, "FDT_END at 0x38 before any node");
    }

    [Fact]
    public void NopsAreSkipped()
    {
        var r = new RawFdt();
        var x = r.String("x");
        r.Word(FdtConstants.Nop).Begin("").Word(FdtConstants.Nop).Prop(x, 1).Word(FdtConstants.Nop).EndNode().End();
        var tree = FdtReader.Read(r.Build(), null);
        Assert.Equal(new byte[] { 1 }, tree.Root.GetProperty("x")!.Value);
    }

    [Fact]
    public void DepthLimit()
    {
        var r = new RawFdt();
        r.Begin("");
        for (var i = 0; i < 5; i++) r.Begin("n");
        for (var i = 0; i < 6; i++) r.EndNode();
        r.End();
        // root (depth 1) at 0x38, each "n" takes 8 bytes: the node at depth 5 starts at 0x38 + 8 * 4
        AssertFails(r.Build(), 0x58, "nodes nested deeper than 4 levels at 0x58", maxDepth: 4);
    }
}
