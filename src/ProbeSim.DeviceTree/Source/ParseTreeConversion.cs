using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Source;

/// <summary>Turns the parse tree into the model, dropping what was deleted.</summary>
internal static class ParseTreeConversion
{
    public static DtTree ToModel(ParsedSource parsed, out List<DtNode> omitIfUnused)
    {
        var omit = new List<DtNode>();
        var tree = new DtTree(Convert(parsed.Root, omit)) { IsPlugin = parsed.IsPlugin };
        foreach (var (addr, size, labels) in parsed.ReserveMap)
        {
            var e = new ReserveEntry(addr, size);
            e.Labels.AddRange(labels);
            tree.ReserveMap.Add(e);
        }
        omitIfUnused = omit;
        return tree;
    }

    /// <summary>
    /// The live nodes in tree order, with an explicit stack: merges by reference can stack sources into a tree of any
    /// depth, so depth and path length are checked here, at the node that passes a limit.
    /// </summary>
    private static DtNode Convert(PNode root, List<DtNode> omit)
    {
        var top = NewNode(root, omit);
        var stack = new Stack<(PNode Source, DtNode Node, int Next, int Depth, int PathLength)>();
        stack.Push((root, top, 0, 1, 0));
        while (stack.Count > 0)
        {
            var (p, n, next, depth, pathLength) = stack.Pop();
            while (next < p.Children.Count && p.Children[next].Deleted) next++;
            if (next >= p.Children.Count) continue;
            stack.Push((p, n, next + 1, depth, pathLength));
            var c = p.Children[next];
            var childPath = pathLength + 1 + (c.Name?.Length ?? 0);
            if (depth + 1 > DeviceTreeLimits.MaxNodeDepth)
                throw DeviceTreeException.At(c.Location ?? p.Location ?? default, $"nodes nested more than {DeviceTreeLimits.MaxNodeDepth} deep");
            if (childPath > DeviceTreeLimits.MaxPathLength)
                throw DeviceTreeException.At(c.Location ?? p.Location ?? default, $"node path longer than {DeviceTreeLimits.MaxPathLength} characters");
            var child = NewNode(c, omit);
            n.AddChild(child);
            stack.Push((c, child, 0, depth + 1, childPath));
        }
        return top;
    }

    private static DtNode NewNode(PNode p, List<DtNode> omit)
    {
        var n = new DtNode(p.Name ?? "") { Location = p.Location };
        if (p.Labels.Items.Count > 0) n.Labels.AddRange(p.Labels.Live());
        if (p.OmitIfUnused) omit.Add(n);
        foreach (var pp in p.Properties)
        {
            if (pp.Deleted) continue;
            var prop = new DtProperty(pp.Name, pp.Value.ToArray()) { Location = pp.Location };
            if (pp.Labels.Items.Count > 0) prop.Labels.AddRange(pp.Labels.Live());
            if (pp.Value.HasMarkers) prop.AdoptMarkers(pp.Value.Markers);
            n.AddProperty(prop);
        }
        return n;
    }
}
