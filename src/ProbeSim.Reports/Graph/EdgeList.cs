namespace ProbeSim.Reports.Graph;

/// <summary>Edges in the order added, each (from, to, kind) once.</summary>
internal sealed class EdgeList
{
    private readonly List<GraphEdge> _items = new();
    private readonly HashSet<(string, string, GraphEdgeKind)> _seen = new();
    private readonly HashSet<(string, string)> _pairs = new();

    public IReadOnlyList<GraphEdge> Items => _items;

    public void Add(string from, string to, GraphEdgeKind kind, string? label)
    {
        if (!_seen.Add((from, to, kind))) return;
        _pairs.Add((from, to));
        _items.Add(new GraphEdge(from, to, kind, label));
    }

    /// <summary>True when some edge already goes from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public bool Connects(string from, string to) => _pairs.Contains((from, to));
}
