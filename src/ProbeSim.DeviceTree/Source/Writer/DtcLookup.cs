using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Source.Writer;

/// <summary>dtc's node lookups (livetree.c), with their exact matching rules.</summary>
internal static class DtcLookup
{
    // get_node_by_path: leading slashes skipped, each component must equal a child's full name, first child wins,
    // an empty rest of path means the node itself
    public static DtNode? GetNodeByPath(DtNode tree, string path)
    {
        var node = tree;
        var rest = path.AsSpan();
        while (true)
        {
            if (rest.IsEmpty) return node;
            while (!rest.IsEmpty && rest[0] == '/') rest = rest[1..];
            var slash = rest.IndexOf('/');
            var part = slash < 0 ? rest : rest[..slash];
            DtNode? found = null;
            foreach (var child in node.ChildList)
            {
                if (part.SequenceEqual(child.Name.AsSpan()))
                {
                    found = child;
                    break;
                }
            }
            if (found is null) return null;
            if (slash < 0) return found;
            node = found;
            rest = rest[(slash + 1)..];
        }
    }

    /// <summary>strtol(s, NULL, 0): optional space and sign, 0x for hex, a leading 0 for octal; stops at the first non-digit. Null on overflow.</summary>
    public static long? StrToL(ReadOnlySpan<byte> s)
    {
        var i = 0;
        while (i < s.Length && (s[i] == ' ' || (s[i] >= 9 && s[i] <= 13))) i++;
        var negative = false;
        if (i < s.Length && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
        var radix = 10;
        if (i + 1 < s.Length && s[i] == '0' && (s[i + 1] | 0x20) == 'x' && i + 2 < s.Length && HexDigit(s[i + 2]) >= 0)
        {
            radix = 16;
            i += 2;
        }
        else if (i < s.Length && s[i] == '0')
        {
            radix = 8;
        }
        long v = 0;
        for (; i < s.Length; i++)
        {
            var d = HexDigit(s[i]);
            if (d < 0 || d >= radix) break;
            if (v > (long.MaxValue - d) / radix) return null;
            v = v * radix + d;
        }
        return negative ? -v : v;
    }

    private static int HexDigit(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
