using System.Globalization;
using ProbeSim.Kernel.Boot;

namespace ProbeSim.Reports.Html.Graph;

/// <summary>
/// Builds the report graph of a boot: first one node per device in result order (node index = device index), then one
/// per IOMMU group in result order, then one per firmware-node supplier in order of first mention. Edges: device links,
/// suppliers no device link stands for, IOMMU to group (or to a grouped-less device it probed), group to device.
/// </summary>
public static class ReportGraphBuilder
{
    public static ReportGraph Build(BootResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var nodes = new List<GraphNode>();
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        var byPath = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var d in result.Devices)
        {
            int i = nodes.Count;
            nodes.Add(new GraphNode(i, GraphNodeKind.Device, "d" + Num(i), d.Name));
            byName.TryAdd(d.Name, i);
            if (d.OfNode is { } path) byPath.TryAdd(path, i);
        }
        var groups = new Dictionary<int, int>();
        foreach (var g in result.IommuGroups)
        {
            int i = nodes.Count;
            nodes.Add(new GraphNode(i, GraphNodeKind.Group, "g" + Num(g.Id), "iommu_group " + Num(g.Id)));
            groups.TryAdd(g.Id, i);
        }

        var edges = new List<GraphEdge>();
        var seen = new HashSet<(int, int)>();
        void Add(int from, int to, GraphEdgeKind kind, string? status)
        {
            if (from != to && seen.Add((from, to))) edges.Add(new GraphEdge(from, to, kind, status));
        }
        // a supplier device by its name, a supplier node by its path: the device of that node when it has one, else its own node
        int Resolve(SupplierOutcome supplier)
        {
            var (key, known) = supplier switch
            {
                SupplierOutcome.Device d => (d.Name, byName),
                SupplierOutcome.Fwnode f => (f.Path, byPath),
                _ => throw new ArgumentOutOfRangeException(nameof(supplier)),
            };
            if (known.TryGetValue(key, out var i)) return i;
            i = nodes.Count;
            nodes.Add(new GraphNode(i, GraphNodeKind.Fwnode, "f" + Num(i - result.Devices.Count - result.IommuGroups.Count), key));
            byPath.Add(key, i);
            return i;
        }

        foreach (var l in result.Devlinks)
            if (byName.TryGetValue(l.Supplier, out var s) && byName.TryGetValue(l.Consumer, out var c))
                Add(s, c, GraphEdgeKind.Devlink, l.Status);
        for (int i = 0; i < result.Devices.Count; i++)
            foreach (var supplier in result.Devices[i].Suppliers)
                Add(Resolve(supplier), i, GraphEdgeKind.Supplier, null);
        foreach (var iommu in result.Iommus)
        {
            if (!byName.TryGetValue(iommu.Device, out var from)) continue;
            foreach (var member in iommu.Devices)
            {
                if (!byName.TryGetValue(member, out var dev)) continue;
                var to = result.Devices[dev].IommuGroup is int gid && groups.TryGetValue(gid, out var g) ? g : dev;
                Add(from, to, GraphEdgeKind.Iommu, null);
            }
        }
        foreach (var g in result.IommuGroups)
            foreach (var member in g.Devices)
                if (byName.TryGetValue(member, out var dev)) Add(groups[g.Id], dev, GraphEdgeKind.Group, null);
        return new ReportGraph(nodes, edges);
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
