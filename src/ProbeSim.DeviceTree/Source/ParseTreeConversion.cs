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

    private static DtNode Convert(PNode p, List<DtNode> omit)
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
        foreach (var c in p.Children)
            if (!c.Deleted) n.AddChild(Convert(c, omit));
        return n;
    }
}
