using System.Globalization;

namespace ProbeSim.Reports.Graph;

/// <summary>
/// Writes a <see cref="DeviceGraph"/> as a Graphviz digraph: one <c>cluster_iommu_group_N</c> subgraph per IOMMU
/// group holding its devices, the other nodes, the edges, and a legend cluster. Ids and values are always quoted
/// (<see cref="DotSyntax"/>), lines end in <c>\n</c>, and the text depends on nothing but the graph.
/// Render with <c>dot -Tsvg FILE -o FILE.svg</c>.
/// </summary>
public static class DotWriter
{
    public static void Write(TextWriter w, DeviceGraph graph, bool legend = true)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(graph);
        w.Write("digraph \"probesim\" {\n");
        w.Write($"  graph [label={DotSyntax.Quote(graph.Title)}, labelloc=t, rankdir=LR, fontname=\"Helvetica\", fontsize=12];\n");
        w.Write("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];\n");
        w.Write("  edge [fontname=\"Helvetica\", fontsize=9];\n");

        var byId = graph.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var inGroup = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in graph.Groups)
        {
            var members = g.Members.Where(m => byId.ContainsKey(m) && inGroup.Add(m)).ToList();
            w.Write($"  subgraph {DotSyntax.Quote("cluster_iommu_group_" + g.Id.ToString(CultureInfo.InvariantCulture))} {{\n");
            w.Write($"    graph [label={DotSyntax.Quote(g.Label)}, style=\"rounded,dashed\", color=\"#1565c0\", fontcolor=\"#1565c0\"];\n");
            foreach (var m in members) WriteNode(w, byId[m], "    ");
            w.Write("  }\n");
        }
        foreach (var n in graph.Nodes)
            if (!inGroup.Contains(n.Id)) WriteNode(w, n, "  ");
        foreach (var e in graph.Edges)
        {
            var label = e.Label is null ? "" : $", label={DotSyntax.Quote(e.Label)}";
            w.Write($"  {DotSyntax.Quote(e.From)} -> {DotSyntax.Quote(e.To)} [{DotStyles.Edge(e.Kind)}{label}];\n");
        }
        if (legend) WriteLegend(w);
        w.Write("}\n");
    }

    /// <summary>The DOT text as one string.</summary>
    public static string Format(DeviceGraph graph, bool legend = true)
    {
        using var w = new StringWriter(CultureInfo.InvariantCulture);
        Write(w, graph, legend);
        return w.ToString();
    }

    private static void WriteNode(TextWriter w, GraphNode n, string indent)
    {
        var tooltip = n.Tooltip is null ? "" : $", tooltip={DotSyntax.Lines(n.Tooltip.Split('\n'))}";
        w.Write($"{indent}{DotSyntax.Quote(n.Id)} [label={DotSyntax.Lines(n.Label)}, {DotStyles.Node(n.Kind, n.State)}{tooltip}];\n");
    }

    private static void WriteLegend(TextWriter w)
    {
        w.Write("  subgraph \"cluster_legend\" {\n");
        w.Write("    graph [label=\"legend\", style=\"rounded\", color=\"#9e9e9e\"];\n");
        foreach (var s in GraphStates.Order)
        {
            var word = GraphStates.Word(s);
            w.Write($"    {DotSyntax.Quote("legend:" + word)} [label={DotSyntax.Quote(word)}, {DotStyles.State(s)}];\n");
        }
        w.Write($"    \"legend:iommu\" [label=\"IOMMU\", {DotStyles.Node(GraphNodeKind.Iommu, null)}];\n");
        w.Write($"    \"legend:edges\" [shape=plaintext, style=\"\", label={DotSyntax.LeftLines(DotStyles.EdgeLegend)}];\n");
        w.Write("  }\n");
    }
}
