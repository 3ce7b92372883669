namespace ProbeSim.Reports.Graph;

/// <summary>What a graph node stands for.</summary>
public enum GraphNodeKind
{
    /// <summary>A device (or, with <see cref="GraphState.Disabled"/>/<see cref="GraphState.NotPresent"/>, a DT node with a compatible that never became one).</summary>
    Device,
    /// <summary>A DT node a consumer waits for that has no outcome of its own (no compatible: a pin group, a PMIC regulator child...).</summary>
    DtNode,
    /// <summary>An IOMMU instance (<c>/sys/class/iommu/NAME</c>).</summary>
    Iommu,
}

/// <summary>What an edge stands for; every edge points from the one that depends to the one it depends on.</summary>
public enum GraphEdgeKind
{
    /// <summary>A managed device link, consumer to supplier (<c>/sys/class/devlink</c>).</summary>
    DeviceLink,
    /// <summary>A sync-state-only device link (a parent waiting for a child's supplier).</summary>
    SyncStateOnly,
    /// <summary>An fwnode link whose supplier is not a device (yet): fw_devlink still waits for it.</summary>
    FwnodeLink,
    /// <summary>A device translated by an IOMMU instance, device to instance.</summary>
    Translation,
    /// <summary>An IOMMU instance to the device that registered it.</summary>
    IommuDevice,
}

/// <summary>
/// One node. <paramref name="Id"/> is unique in the graph; <paramref name="Label"/> lines are shown in the node,
/// <paramref name="Tooltip"/> (DT path, then reason or note; lines split at <c>\n</c>) on hover. <paramref name="State"/> is null for IOMMU instances.
/// </summary>
public sealed record GraphNode(string Id, GraphNodeKind Kind, GraphState? State, IReadOnlyList<string> Label, string? Tooltip);

/// <summary>One edge between two node ids, with an optional label (a device link's status when it is not <c>active</c>).</summary>
public sealed record GraphEdge(string From, string To, GraphEdgeKind Kind, string? Label);

/// <summary>One IOMMU group (<c>/sys/kernel/iommu_groups/N</c>) and the ids of its device nodes.</summary>
public sealed record GraphGroup(int Id, string Label, IReadOnlyList<string> Members);

/// <summary>The dependency graph of one boot: devices, their suppliers, IOMMU instances and IOMMU groups.</summary>
public sealed record DeviceGraph(string Title, IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges, IReadOnlyList<GraphGroup> Groups);
