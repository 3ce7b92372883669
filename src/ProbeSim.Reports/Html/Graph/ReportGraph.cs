namespace ProbeSim.Reports.Html.Graph;

/// <summary>What a node of the report graph stands for.</summary>
public enum GraphNodeKind
{
    /// <summary>A device (or a DT node that never became one), one per <c>BootResult.Devices</c> entry, in that order.</summary>
    Device,
    /// <summary>An IOMMU group (<c>/sys/kernel/iommu_groups/N</c>).</summary>
    Group,
    /// <summary>A supplier the kernel knows only as a firmware node (a DT path no device has).</summary>
    Fwnode,
}

/// <summary>What an edge of the report graph stands for; edges point from supplier to consumer.</summary>
public enum GraphEdgeKind
{
    /// <summary>A device link (<c>/sys/class/devlink</c>).</summary>
    Devlink,
    /// <summary>A supplier the device lists that no device link stands for (a firmware node, for example).</summary>
    Supplier,
    /// <summary>IOMMU instance to one of its groups, or to a device it probed that has no group.</summary>
    Iommu,
    /// <summary>IOMMU group to one of its devices.</summary>
    Group,
}

/// <summary>One node: <paramref name="Index"/> is its position in <see cref="ReportGraph.Nodes"/>, <paramref name="Id"/> the element id the page uses (<c>d3</c>, <c>g0</c>, <c>f1</c>).</summary>
public sealed record GraphNode(int Index, GraphNodeKind Kind, string Id, string Label);

/// <summary>One edge from <paramref name="From"/> (supplier) to <paramref name="To"/> (consumer), as node indexes.</summary>
/// <param name="Status">The device link's status (<c>active</c>, <c>available</c>, <c>dormant</c>, ...), or null for other kinds.</param>
public sealed record GraphEdge(int From, int To, GraphEdgeKind Kind, string? Status);

/// <summary>The graph the HTML report draws: devices, IOMMU groups and firmware-node suppliers, and the edges between them.</summary>
public sealed record ReportGraph(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges);
