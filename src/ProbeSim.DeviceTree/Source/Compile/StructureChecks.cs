using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Source.Compile;

/// <summary>dtc's error-level structure checks (checks.c), run in its order over the whole tree.</summary>
internal static class StructureChecks
{
    /// <summary>Runs every check on each node in one walk (messages come out node by node).</summary>
    public static void Run(CompileContext ctx)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in ctx.Tree.AllNodes)
        {
            DuplicateNodeNames(ctx, n, seen);
            DuplicatePropertyNames(ctx, n, seen);
            NodeNameChars(ctx, n);
            PropertyNameChars(ctx, n);
            NameProperties(ctx, n);
        }
    }

    // check_duplicate_node_names (a set only for nodes with many children)
    private static void DuplicateNodeNames(CompileContext ctx, DtNode node, HashSet<string> seen)
    {
        var c = node.Children;
        if (c.Count < 2) return;
        if (c.Count > 12) seen.Clear();
        for (var i = 0; i < c.Count; i++)
            if (c.Count > 12 ? !seen.Add(c[i].Name) : SeenBefore(c, i, static x => x.Name)) ctx.Fail(c[i], null, "Duplicate node name");
    }

    // check_duplicate_property_names
    private static void DuplicatePropertyNames(CompileContext ctx, DtNode node, HashSet<string> seen)
    {
        var p = node.Properties;
        if (p.Count < 2) return;
        if (p.Count > 12) seen.Clear();
        for (var i = 0; i < p.Count; i++)
            if (p.Count > 12 ? !seen.Add(p[i].Name) : SeenBefore(p, i, static x => x.Name)) ctx.Fail(node, p[i], "Duplicate property name");
    }

    private static bool SeenBefore<T>(IReadOnlyList<T> items, int i, Func<T, string> name)
    {
        var n = name(items[i]);
        for (var j = 0; j < i; j++)
            if (name(items[j]) == n) return true;
        return false;
    }

    private static bool IsNodeChar(char c) => char.IsAsciiLetterOrDigit(c) || c is ',' or '.' or '_' or '+' or '-' or '@';
    private static bool IsPropChar(char c) => char.IsAsciiLetterOrDigit(c) || c is ',' or '.' or '_' or '+' or '*' or '#' or '?' or '-';

    // check_node_name_chars, check_node_name_format, check_node_name_not_empty
    private static void NodeNameChars(CompileContext ctx, DtNode node)
    {
        if (node.IsRoot) return;
        var name = node.Name;
        foreach (var c in name)
        {
            if (IsNodeChar(c)) continue;
            ctx.Fail(node, null, $"Bad character '{c}' in node name");
            break;
        }
        if (name.IndexOf('@') != name.LastIndexOf('@')) ctx.Fail(node, null, "multiple '@' characters in node name");
        if (node.BaseName.Length == 0) ctx.Fail(node, null, "Empty node name");
    }

    // check_property_name_chars
    private static void PropertyNameChars(CompileContext ctx, DtNode node)
    {
        foreach (var p in node.PropertyList)
        {
            foreach (var c in p.Name)
            {
                if (IsPropChar(c)) continue;
                ctx.Fail(node, p, $"Bad character '{c}' in property name");
                break;
            }
        }
    }

    // check_name_properties: a "name" property equal to the base name is redundant and dropped; another value is an error
    private static void NameProperties(CompileContext ctx, DtNode node)
    {
        var props = node.Properties;
        for (var i = 0; i < props.Count; i++)
        {
            var p = props[i];
            if (p.Name != "name") continue;
            if (p.Length == 0 || p.Value[^1] != 0 || Array.IndexOf(p.Value, (byte)0) != p.Length - 1)
            {
                ctx.Fail(node, p, "property is not a string");
                return;
            }
            var baseName = System.Text.Encoding.UTF8.GetBytes(node.BaseName);
            if (p.Length == baseName.Length + 1 && p.Value.AsSpan(0, baseName.Length).SequenceEqual(baseName))
                node.RemovePropertyAt(i);
            else
                ctx.Fail(node, p, $"\"name\" property is incorrect (\"{p.AsString()}\" instead of base node name)");
            return;
        }
    }
}
