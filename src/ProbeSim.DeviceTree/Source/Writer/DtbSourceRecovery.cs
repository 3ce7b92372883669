using System.Buffers.Binary;
using System.Text;
using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Source.Writer;

/// <summary>
/// What dtc 1.8.1 recovers from a blob's overlay/symbol nodes before writing source (dtc.c main, in this order):
/// labels from <c>__symbols__</c>, phandle references from <c>__fixups__</c> and from <c>__local_fixups__</c>.
/// Changes the tree: adds node labels and <see cref="MarkerKind.RefPhandle"/> markers. Problems are skipped
/// (dtc only warns); the warnings are returned.
/// </summary>
public static class DtbSourceRecovery
{
    /// <summary>Applies the recovery to <paramref name="tree"/> in place and returns it (warnings dropped, as with <c>dtc -q</c>).</summary>
    public static DtTree Recover(DtTree tree)
    {
        Apply(tree);
        return tree;
    }

    /// <summary>Applies the recovery to <paramref name="tree"/> in place; returns dtc's warnings.</summary>
    public static IReadOnlyList<string> Apply(DtTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var warnings = new List<string>();
        GenerateLabelsFromTree(tree.Root, "__symbols__", warnings);
        FixupPhandles(tree.Root, "__fixups__", warnings);
        LocalFixupPhandles(tree.Root, "__local_fixups__", warnings);
        return warnings;
    }

    // generate_labels_from_tree: each property of /__symbols__ names a label for the node at the path it holds
    public static void GenerateLabelsFromTree(DtNode root, string name, List<string> warnings)
    {
        var an = root.GetChild(name);
        if (an is null) return;
        foreach (var p in an.PropertyList)
        {
            var path = CString(p.Value, 0, p.Value.Length);
            var node = DtcLookup.GetNodeByPath(root, path);
            if (node is not null) AddLabel(node.Labels, p.Name);
            else warnings.Add($"Path {path} referenced in property {name}/{p.Name} missing");
        }
    }

    // add_label: a new label goes to the head of the list; one already there stays where it is
    private static void AddLabel(List<string> labels, string label)
    {
        if (!labels.Contains(label)) labels.Insert(0, label);
    }

    // fixup_phandles: each "path:property:offset" entry of /__fixups__/<label> marks a phandle reference to <label>
    public static void FixupPhandles(DtNode root, string name, List<string> warnings)
    {
        var an = root.GetChild(name);
        if (an is null) return;
        foreach (var fp in an.PropertyList)
        {
            var v = fp.Value;
            var next = 0;
            while (next < v.Length)
            {
                var start = next;
                var nul = Array.IndexOf(v, (byte)0, start);
                if (nul < 0)
                {
                    warnings.Add($"Malformed fixup entry for label {fp.Name}");
                    break;
                }
                next = nul + 1;
                var entry = v.AsSpan(start, nul - start);
                var c1 = entry.IndexOf((byte)':');
                if (c1 < 0) { warnings.Add($"Malformed fixup entry for label {fp.Name}"); continue; }
                var c2 = entry[(c1 + 1)..].IndexOf((byte)':');
                if (c2 < 0) { warnings.Add($"Malformed fixup entry for label {fp.Name}"); continue; }
                c2 += c1 + 1;

                var path = Encoding.Latin1.GetString(entry[..c1]);
                var node = DtcLookup.GetNodeByPath(root, path);
                if (node is null) { warnings.Add($"Label {fp.Name} references non-existing node {path}"); continue; }
                var propName = Encoding.Latin1.GetString(entry[(c1 + 1)..c2]);
                var prop = node.GetProperty(propName);
                if (prop is null)
                {
                    warnings.Add($"Label {fp.Name} references non-existing property {propName} in node {node.Path}");
                    continue;
                }
                var offset = DtcLookup.StrToL(entry[(c2 + 1)..]);
                if (offset is not { } off || off < 0 || off + 4 > prop.Value.Length)
                {
                    warnings.Add($"Label {fp.Name} contains invalid offset for property {prop.Name} in node {node.Path}");
                    continue;
                }
                prop.AddMarkerLikeDtc(MarkerKind.RefPhandle, (int)off, fp.Name);
            }
        }
    }

    // local_fixup_phandles: /__local_fixups__ mirrors the tree; each property lists offsets of phandle cells
    public static void LocalFixupPhandles(DtNode root, string name, List<string> warnings)
    {
        var an = root.GetChild(name);
        if (an is null) return;
        var phandles = new DeviceTreeIndex(root);
        var stack = new Stack<(DtNode Fixups, DtNode Node)>();
        stack.Push((an, root));
        while (stack.Count > 0)
        {
            var (lf, n) = stack.Pop();
            foreach (var lfp in lf.PropertyList)
            {
                var p = n.GetProperty(lfp.Name);
                if (p is null)
                {
                    warnings.Add($"Property {lfp.Name} in {n.Path} referenced in __local_fixups__ missing");
                    continue;
                }
                if (lfp.Value.Length % 4 != 0)
                {
                    warnings.Add($"property {lfp.Name} in /__local_fixups__{n.Path} malformed");
                    continue;
                }
                for (var i = 0; i < lfp.Value.Length; i += 4)
                    AddPhandleMarker(p, BinaryPrimitives.ReadUInt32BigEndian(lfp.Value.AsSpan(i)), phandles, warnings);
            }
            // children in reverse so they are visited in tree order
            for (var i = lf.Children.Count - 1; i >= 0; i--)
            {
                var lfsub = lf.Children[i];
                var sub = n.GetChild(lfsub.Name);
                if (sub is null)
                {
                    warnings.Add($"node {lfsub.Name}/{n.Path} referenced in __local_fixups__ missing");
                    continue;
                }
                stack.Push((lfsub, sub));
            }
        }
    }

    // add_phandle_marker: the cell names a node by phandle; refer to it by its first label, else its full path
    private static void AddPhandleMarker(DtProperty prop, uint offset, DeviceTreeIndex phandles, List<string> warnings)
    {
        if ((ulong)prop.Value.Length < (ulong)offset + 4)
        {
            warnings.Add($"property {prop.Name} too short to contain a phandle at offset {offset}");
            return;
        }
        var ph = BinaryPrimitives.ReadUInt32BigEndian(prop.Value.AsSpan((int)offset));
        if (phandles.ByPhandle(ph) is not { } target)
        {
            warnings.Add($"node referenced by phandle 0x{ph:x} in property {prop.Name} not found");
            return;
        }
        var reference = target.Labels.Count > 0 ? target.Labels[0] : target.Path;
        prop.AddMarkerLikeDtc(MarkerKind.RefPhandle, (int)offset, reference);
    }

    // A C string read from a value: up to the first NUL (or the value's end).
    private static string CString(byte[] v, int start, int max)
    {
        var end = Array.IndexOf(v, (byte)0, start, max);
        return Encoding.Latin1.GetString(v, start, (end < 0 ? start + max : end) - start);
    }
}
