namespace ProbeSim.Reports.Graph;

/// <summary>
/// The DOT attributes of nodes and edges (without the leading <c>[</c>): fill colours by state (bound green,
/// deferred yellow, failed red, no-driver grey, disabled light grey and dashed, not-present white and dotted),
/// IOMMU instances blue hexagons; edges solid for device links, dashed grey for sync-state-only links, dotted
/// orange for fwnode links still waiting for a supplier, blue for IOMMU translation.
/// </summary>
public static class DotStyles
{
    public static string Node(GraphNodeKind kind, GraphState? state) => kind switch
    {
        GraphNodeKind.Iommu => "shape=hexagon, style=filled, fillcolor=\"#bbdefb\", color=\"#1565c0\"",
        GraphNodeKind.DtNode => "shape=note, style=\"filled,dotted\", fillcolor=\"#ffffff\", color=\"#9e9e9e\", fontcolor=\"#616161\"",
        _ => State(state ?? GraphState.NotPresent),
    };

    public static string State(GraphState state) => state switch
    {
        GraphState.Bound => "fillcolor=\"#c8e6c9\", color=\"#2e7d32\"",
        GraphState.Deferred => "fillcolor=\"#fff59d\", color=\"#f9a825\"",
        GraphState.Failed => "fillcolor=\"#ef9a9a\", color=\"#c62828\"",
        GraphState.NoDriver => "fillcolor=\"#e0e0e0\", color=\"#757575\"",
        GraphState.Disabled => "style=\"rounded,filled,dashed\", fillcolor=\"#f5f5f5\", color=\"#9e9e9e\", fontcolor=\"#757575\"",
        GraphState.NotPresent => "style=\"rounded,filled,dotted\", fillcolor=\"#ffffff\", color=\"#9e9e9e\", fontcolor=\"#757575\"",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown graph state"),
    };

    public static string Edge(GraphEdgeKind kind) => kind switch
    {
        GraphEdgeKind.DeviceLink => "color=\"#212121\"",
        GraphEdgeKind.SyncStateOnly => "style=dashed, color=\"#757575\"",
        GraphEdgeKind.FwnodeLink => "style=dotted, color=\"#ef6c00\"",
        GraphEdgeKind.Translation => "color=\"#1565c0\", arrowhead=empty",
        GraphEdgeKind.IommuDevice => "style=dashed, color=\"#1565c0\", arrowhead=odot",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown edge kind"),
    };

    /// <summary>What each edge style means, for the legend.</summary>
    public static IReadOnlyList<string> EdgeLegend { get; } =
    [
        "edges point from consumer to supplier:",
        "black: device link (non-active status as label)",
        "grey dashed: sync-state-only device link",
        "orange dotted: fwnode link, supplier not a device",
        "blue: translated by this IOMMU",
        "blue dashed: IOMMU instance of this device",
    ];
}
