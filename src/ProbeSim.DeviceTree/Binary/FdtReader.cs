using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Binary;

/// <summary>Reads a flattened device tree (versions 16 and 17) into a <see cref="DtTree"/>, checking it as it goes.</summary>
public static class FdtReader
{
    public static DtTree Read(ReadOnlySpan<byte> blob, string? fileName) =>
        Read(blob, fileName, FdtConstants.DefaultMaxDepth);

    public static DtTree Read(ReadOnlySpan<byte> blob, string? fileName, int maxDepth)
    {
        var h = FdtHeaderCheck.Check(blob, fileName);
        var tree = new DtTree { BootCpuIdPhys = h.BootCpuidPhys };
        FdtReserveMap.Read(blob, h, fileName, tree.ReserveMap);

        // Names repeat a lot: decode each strings-block offset once.
        var names = new Dictionary<uint, string>();
        var open = new Stack<DtNode>();
        var pathLengths = new Stack<int>();
        DtNode? root = null;
        var scanner = new FdtStructScanner(blob, h, fileName, maxDepth);
        while (scanner.Next(out var t))
        {
            switch (t.Tag)
            {
                case FdtConstants.BeginNode:
                    // unflatten_tree: a node joins its parent's children in blob order
                    var node = new DtNode(FdtText.Decode(blob.Slice(t.NameStart, t.NameLength)));
                    var pathLength = open.Count == 0 ? 0 : pathLengths.Peek() + 1 + node.Name.Length;
                    if (pathLength > DeviceTreeLimits.MaxPathLength)
                        throw FdtHeaderCheck.Fail(fileName, t.Offset, $"node at 0x{t.Offset:x} has a path longer than {DeviceTreeLimits.MaxPathLength} characters");
                    if (open.TryPeek(out var parent)) parent.AddChild(node);
                    else root = node;
                    open.Push(node);
                    pathLengths.Push(pathLength);
                    break;
                case FdtConstants.EndNode:
                    open.Pop();
                    pathLengths.Pop();
                    break;
                case FdtConstants.Prop:
                    if (!names.TryGetValue(t.NameOffset, out var name))
                        names[t.NameOffset] = name = FdtText.Decode(blob.Slice(t.NameStart, t.NameLength));
                    // flat_read_property: properties keep blob order, duplicates included
                    open.Peek().AddProperty(new DtProperty(name, blob.Slice(t.ValueStart, t.ValueLength).ToArray()));
                    break;
            }
        }

        tree.Root = root!; // the scanner guarantees a root before FDT_END
        FdtPhandles.Assign(tree.Root);
        // dt_from_blob: a tree with __fixups__ or __local_fixups__ is an overlay
        tree.IsPlugin = tree.Root.GetChild("__fixups__") is not null || tree.Root.GetChild("__local_fixups__") is not null;
        return tree;
    }

    /// <summary>Reads a blob file (within <see cref="DeviceTreeLimits.MaxFileBytes"/>).</summary>
    public static DtTree ReadFile(string path) => Read(Files.InputFiles.ReadAllBytes(path), path);
}
