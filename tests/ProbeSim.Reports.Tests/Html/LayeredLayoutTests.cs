using ProbeSim.Reports.Html.Graph;

namespace ProbeSim.Reports.Tests.Html;

public sealed class LayeredLayoutTests
{
    private static ReportGraph Graph(int nodes, params (int From, int To)[] edges) => new(
        Enumerable.Range(0, nodes).Select(i => new GraphNode(i, GraphNodeKind.Device, "d" + i, "n" + i)).ToList(),
        edges.Select(e => new GraphEdge(e.From, e.To, GraphEdgeKind.Devlink, "active")).ToList());

    [Fact]
    public void Suppliers_are_left_of_their_consumers()
    {
        var p = LayeredLayout.Place(Graph(4, (0, 1), (1, 2), (0, 2), (3, 2)));
        Assert.True(p[0].X < p[1].X);
        Assert.True(p[1].X < p[2].X);
        Assert.True(p[3].X < p[2].X);
        Assert.Equal(p[0].X, p[3].X); // both are roots
    }

    [Fact]
    public void A_cycle_is_cut_and_every_node_gets_its_own_place()
    {
        var p = LayeredLayout.Place(Graph(3, (0, 1), (1, 2), (2, 0)));
        Assert.Equal(3, p.Distinct().Count());
        Assert.True(p[0].X < p[1].X && p[1].X < p[2].X);
    }

    [Fact]
    public void Nodes_without_edges_go_below_the_connected_ones()
    {
        var p = LayeredLayout.Place(Graph(5, (0, 1)));
        int bottom = Math.Max(p[0].Y, p[1].Y);
        Assert.All(new[] { 2, 3, 4 }, i => Assert.True(p[i].Y > bottom));
        Assert.Equal(5, p.Distinct().Count());
    }

    [Fact]
    public void A_tall_column_wraps_and_keeps_nodes_apart()
    {
        var edges = Enumerable.Range(1, 200).Select(i => (0, i)).ToArray();
        var p = LayeredLayout.Place(Graph(201, edges));
        Assert.Equal(201, p.Distinct().Count());
        Assert.True(p.Skip(1).Select(x => x.X).Distinct().Count() > 1);
        Assert.True(p.Skip(1).Max(x => x.Y) - p.Skip(1).Min(x => x.Y) <= 80 * LayeredLayout.RowHeight);
    }

    [Fact]
    public void Same_graph_same_positions()
    {
        var g = Graph(6, (0, 1), (2, 1), (1, 3), (3, 1), (4, 5));
        Assert.Equal(LayeredLayout.Place(g), LayeredLayout.Place(g));
    }
}
