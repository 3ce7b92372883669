using System.Text;
using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Tests.Overlays;

/// <summary>Structural comparison of two trees: node names and order, property names, order and bytes, reserve map.</summary>
internal static class TreeComparer
{
    /// <summary>The first difference found, or null when the trees are the same.</summary>
    public static string? FirstDifference(DtTree expected, DtTree actual)
    {
        if (expected.ReserveMap.Count != actual.ReserveMap.Count) return "reserve map sizes differ";
        for (var i = 0; i < expected.ReserveMap.Count; i++)
            if (expected.ReserveMap[i].Address != actual.ReserveMap[i].Address || expected.ReserveMap[i].Size != actual.ReserveMap[i].Size)
                return $"reserve entry {i} differs";
        return Compare(expected.Root, actual.Root);
    }

    public static void AssertSame(DtTree expected, DtTree actual)
    {
        var diff = FirstDifference(expected, actual);
        Assert.True(diff is null, diff + Environment.NewLine + "actual:" + Environment.NewLine + Dump(actual.Root));
    }

    private static string? Compare(DtNode e, DtNode a)
    {
        if (e.Name != a.Name) return $"{e.Path}: node name '{e.Name}' vs '{a.Name}'";
        var ep = string.Join(", ", e.Properties.Select(p => p.Name));
        var ap = string.Join(", ", a.Properties.Select(p => p.Name));
        if (ep != ap) return $"{e.Path}: properties [{ep}] vs [{ap}]";
        for (var i = 0; i < e.Properties.Count; i++)
            if (!e.Properties[i].Value.AsSpan().SequenceEqual(a.Properties[i].Value))
                return $"{e.Path}: property '{e.Properties[i].Name}' = {Hex(e.Properties[i].Value)} vs {Hex(a.Properties[i].Value)}";
        var ec = string.Join(", ", e.Children.Select(c => c.Name));
        var ac = string.Join(", ", a.Children.Select(c => c.Name));
        if (ec != ac) return $"{e.Path}: children [{ec}] vs [{ac}]";
        for (var i = 0; i < e.Children.Count; i++)
            if (Compare(e.Children[i], a.Children[i]) is { } d) return d;
        return null;
    }

    private static string Hex(byte[] v) => v.Length > 64 ? Convert.ToHexString(v, 0, 64) + "…" : Convert.ToHexString(v);

    /// <summary>A readable listing of a subtree, for failure messages.</summary>
    public static string Dump(DtNode node)
    {
        var sb = new StringBuilder();
        Dump(node, 0, sb);
        return sb.ToString();
    }

    private static void Dump(DtNode node, int depth, StringBuilder sb)
    {
        var pad = new string(' ', depth * 2);
        sb.Append(pad).Append(node.Name.Length == 0 ? "/" : node.Name).AppendLine(" {");
        foreach (var p in node.Properties) sb.Append(pad).Append("  ").Append(p.Name).Append(" = ").AppendLine(Hex(p.Value));
        foreach (var c in node.Children) Dump(c, depth + 1, sb);
        sb.Append(pad).AppendLine("}");
    }
}
