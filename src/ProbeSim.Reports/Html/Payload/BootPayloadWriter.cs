using System.Text.Json;
using ProbeSim.Checking.Explain;
using ProbeSim.Kernel.Boot;
using ProbeSim.Reports.Html.Graph;
using ProbeSim.Reports.Json;

namespace ProbeSim.Reports.Html.Payload;

/// <summary>
/// The <c>boot</c> object of the report payload (docs/html-report.md): the run's header, the graph's nodes (devices,
/// IOMMU groups, firmware-node suppliers) with their positions, its edges (supplier to consumer) and the IOMMU instances.
/// </summary>
public static class BootPayloadWriter
{
    public static void Write(Utf8JsonWriter writer, BootReportData data)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(data);
        var result = data.Result;
        var graph = ReportGraphBuilder.Build(result);
        var points = LayeredLayout.Place(graph);
        var explanations = new Dictionary<string, Explanation>(StringComparer.Ordinal);
        foreach (var e in data.Explanations) explanations.TryAdd(e.Device, e);
        var logs = result.Log.Where(l => l.Device is not null).ToLookup(l => l.Device!, StringComparer.Ordinal);
        var iommuOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var i in result.Iommus) iommuOf.TryAdd(i.Device, i.Name);

        writer.WriteStartObject();
        writer.WriteString("board", result.Board);
        writer.WriteString("profile", result.Profile);
        writer.WriteString("cmdline", result.Cmdline);
        writer.WriteString("driverSet", result.DriverSet);
        JsonOutput.WriteSeconds(writer, "endTime", result.EndTimeUs);
        writer.WriteString("crash", result.Crash);
        writer.WriteBoolean("explained", data.Explanations.Count > 0);
        writer.WriteStartArray("nodes");
        foreach (var node in graph.Nodes)
        {
            var at = points[node.Index];
            switch (node.Kind)
            {
                case GraphNodeKind.Device:
                    var d = result.Devices[node.Index];
                    var explanation = explanations.GetValueOrDefault(d.Name);
                    IEnumerable<LogLine> log = explanation is { Log.Count: > 0 } ? explanation.Log : logs[d.Name];
                    DeviceNodeJson.Write(writer, node, at, d, iommuOf.GetValueOrDefault(d.Name), explanation, log);
                    break;
                case GraphNodeKind.Group:
                    GroupNodeJson.Write(writer, node, at, result.IommuGroups[node.Index - result.Devices.Count], result.Iommus);
                    break;
                default:
                    WriteFwnode(writer, node, at);
                    break;
            }
        }
        writer.WriteEndArray();
        writer.WriteStartArray("edges");
        foreach (var e in graph.Edges)
        {
            writer.WriteStartObject();
            writer.WriteString("s", graph.Nodes[e.From].Id);
            writer.WriteString("t", graph.Nodes[e.To].Id);
            writer.WriteString("kind", EdgeKindWord(e.Kind));
            writer.WriteString("status", e.Status);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        IommuJson.WriteIommus(writer, result.Iommus);
        writer.WriteEndObject();
    }

    public static string EdgeKindWord(GraphEdgeKind kind) => kind switch
    {
        GraphEdgeKind.Devlink => "devlink",
        GraphEdgeKind.Supplier => "supplier",
        GraphEdgeKind.Iommu => "iommu",
        GraphEdgeKind.Group => "group",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown edge kind"),
    };

    private static void WriteFwnode(Utf8JsonWriter writer, GraphNode node, GraphPoint at)
    {
        writer.WriteStartObject();
        writer.WriteString("id", node.Id);
        writer.WriteString("kind", "fwnode");
        writer.WriteString("name", node.Label);
        writer.WriteNumber("x", at.X);
        writer.WriteNumber("y", at.Y);
        writer.WriteString("state", "fwnode");
        writer.WriteEndObject();
    }
}
