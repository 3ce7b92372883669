using System.Buffers.Binary;
using System.Text;
using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Overlays;

/// <summary>libfdt's read-only lookups, over the object model instead of a blob.</summary>
internal static class FdtLookup
{
    // fdt_nodename_eq_: an exact match, or a wanted name without '@' matches "wanted@unit"
    public static bool NameMatches(string nodeName, ReadOnlySpan<char> wanted)
    {
        if (!nodeName.AsSpan().StartsWith(wanted, StringComparison.Ordinal)) return false;
        if (nodeName.Length == wanted.Length) return true;
        return wanted.IndexOf('@') < 0 && nodeName[wanted.Length] == '@';
    }

    // fdt_subnode_offset_namelen: the first child, in order, whose name matches
    public static DtNode? Subnode(DtNode parent, ReadOnlySpan<char> name)
    {
        foreach (var child in parent.ChildList)
            if (NameMatches(child.Name, name)) return child;
        return null;
    }

    // fdt_getprop: the first property of that name
    public static DtProperty? Prop(DtNode node, string name)
    {
        foreach (var p in node.PropertyList)
            if (p.Name == name) return p;
        return null;
    }

    /// <summary>The value read as a C string: up to the first NUL (all of it when there is none).</summary>
    public static string CString(byte[] value)
    {
        var end = Array.IndexOf(value, (byte)0);
        return Encoding.UTF8.GetString(value, 0, end < 0 ? value.Length : end);
    }

    // fdt_get_phandle: "phandle" if 4 bytes long, else "linux,phandle" if 4 bytes long, else 0
    public static uint Phandle(DtNode node)
    {
        var p = Prop(node, "phandle");
        if (p is { Length: 4 }) return p.GetU32();
        var lp = Prop(node, "linux,phandle");
        if (lp is { Length: 4 }) return lp.GetU32();
        // A tree built in code may carry the phandle only in the model's field.
        return p is null && lp is null ? node.Phandle : 0;
    }

    // fdt_find_max_phandle: the largest phandle of any node (0 when there is none)
    public static uint MaxPhandle(DtTree tree)
    {
        uint max = 0;
        foreach (var n in tree.AllNodes) max = Math.Max(max, Phandle(n));
        return max;
    }

    // fdt_node_offset_by_phandle: the first node in tree order with that phandle
    public static DtNode? NodeByPhandle(DtTree tree, uint phandle)
    {
        if (phandle is 0 or 0xffffffff) return null;
        foreach (var n in tree.AllNodes)
            if (Phandle(n) == phandle) return n;
        return null;
    }

    // fdt_get_alias_namelen: the /aliases property, only when it is a NUL-terminated absolute path
    public static string? Alias(DtTree tree, ReadOnlySpan<char> name)
    {
        var aliases = Subnode(tree.Root, "aliases");
        var p = aliases is null ? null : Prop(aliases, name.ToString());
        if (p is null || p.Length == 0 || p.Value[^1] != 0 || p.Value[0] != (byte)'/') return null;
        return CString(p.Value);
    }

    // fdt_path_offset: an absolute path, or "alias[/rest]"; repeated and trailing slashes are skipped
    public static DtNode? Path(DtTree tree, string path, out FdtError error)
    {
        error = FdtError.NotFound;
        if (path.Length == 0)
        {
            error = FdtError.BadPath;
            return null;
        }
        DtNode? node = tree.Root;
        var pos = 0;
        if (path[0] != '/')
        {
            var q = path.IndexOf('/');
            if (q < 0) q = path.Length;
            var alias = Alias(tree, path.AsSpan(0, q));
            if (alias is null)
            {
                error = FdtError.BadPath;
                return null;
            }
            node = Path(tree, alias, out error);
            if (node is null) return null;
            pos = q;
        }
        while (pos < path.Length)
        {
            while (path[pos] == '/')
            {
                pos++;
                if (pos == path.Length) return node;
            }
            var q = path.IndexOf('/', pos);
            if (q < 0) q = path.Length;
            node = Subnode(node, path.AsSpan(pos, q - pos));
            if (node is null)
            {
                error = FdtError.NotFound;
                return null;
            }
            pos = q;
        }
        return node;
    }

    public static void WriteU32(byte[] value, int offset, uint cell) =>
        BinaryPrimitives.WriteUInt32BigEndian(value.AsSpan(offset, 4), cell);

    public static uint ReadU32(byte[] value, int offset) =>
        BinaryPrimitives.ReadUInt32BigEndian(value.AsSpan(offset, 4));
}
