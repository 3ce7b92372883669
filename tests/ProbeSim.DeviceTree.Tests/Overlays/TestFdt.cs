using System.Buffers.Binary;
using System.Text;
using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Tests.Overlays;

/// <summary>A minimal flattened-device-tree reader for the overlay tests (test code only; the product reader lives elsewhere).</summary>
internal static class TestFdt
{
    private const uint Magic = 0xd00dfeed;
    private const uint BeginNode = 1, EndNode = 2, Prop = 3, Nop = 4, End = 9;

    public static DtTree ReadFile(string path) => Read(File.ReadAllBytes(path));

    public static DtTree Read(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < 40 || U32(blob, 0) != Magic) throw new InvalidDataException("not an FDT blob");
        var structOff = (int)U32(blob, 8);
        var stringsOff = (int)U32(blob, 12);
        var rsvOff = (int)U32(blob, 16);
        var tree = new DtTree { BootCpuIdPhys = U32(blob, 28) };
        for (var r = rsvOff; ; r += 16)
        {
            var addr = BinaryPrimitives.ReadUInt64BigEndian(blob[r..]);
            var size = BinaryPrimitives.ReadUInt64BigEndian(blob[(r + 8)..]);
            if (addr == 0 && size == 0) break;
            tree.ReserveMap.Add(new ReserveEntry(addr, size));
        }

        var stack = new Stack<DtNode>();
        DtNode? root = null;
        var pos = structOff;
        while (true)
        {
            var token = U32(blob, pos);
            pos += 4;
            switch (token)
            {
                case BeginNode:
                {
                    var end = blob[pos..].IndexOf((byte)0);
                    var node = new DtNode(Encoding.UTF8.GetString(blob.Slice(pos, end)));
                    pos = Align(pos + end + 1);
                    if (stack.Count == 0) root = node;
                    else stack.Peek().AddChild(node);
                    stack.Push(node);
                    break;
                }
                case EndNode:
                {
                    var node = stack.Pop();
                    var ph = node.GetProperty("phandle") is { Length: 4 } p ? p.GetU32()
                        : node.GetProperty("linux,phandle") is { Length: 4 } lp ? lp.GetU32() : 0u;
                    node.Phandle = ph;
                    break;
                }
                case Prop:
                {
                    var len = (int)U32(blob, pos);
                    var nameOff = (int)U32(blob, pos + 4);
                    pos += 8;
                    var nameStart = blob[(stringsOff + nameOff)..];
                    var name = Encoding.UTF8.GetString(nameStart[..nameStart.IndexOf((byte)0)]);
                    stack.Peek().AddProperty(new DtProperty(name, blob.Slice(pos, len).ToArray()));
                    pos = Align(pos + len);
                    break;
                }
                case Nop:
                    break;
                case End:
                    tree.Root = root ?? throw new InvalidDataException("FDT without a root node");
                    tree.IsPlugin = tree.Root.GetChild("__fixups__") is not null || tree.Root.GetChild("__local_fixups__") is not null;
                    return tree;
                default:
                    throw new InvalidDataException($"bad FDT token {token} at {pos - 4}");
            }
        }
    }

    private static uint U32(ReadOnlySpan<byte> b, int off) => BinaryPrimitives.ReadUInt32BigEndian(b[off..]);

    private static int Align(int pos) => (pos + 3) & ~3;
}
