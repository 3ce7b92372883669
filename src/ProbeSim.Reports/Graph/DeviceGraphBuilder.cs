using ProbeSim.Kernel.Boot;
using ProbeSim.Reports.Text;

namespace ProbeSim.Reports.Graph;

/// <summary>
/// Builds the <see cref="DeviceGraph"/> of a boot. Nodes: every device, the DT nodes that never became devices but
/// that a consumer names as supplier (all of them with <c>allNodes</c>), and the IOMMU instances. Edges, consumer to
/// supplier: the device links of <c>/sys/class/devlink</c>, each device's remaining suppliers (an fwnode link to a
/// DT path when the supplier has no device), device to the IOMMU instance that translates it, and instance to its
/// device. One cluster per IOMMU group. Everything comes in the order of the boot result, so the graph is as
/// deterministic as the boot.
/// </summary>
public static class DeviceGraphBuilder
{
    public static DeviceGraph Build(BootResult result, bool allNodes = false)
    {
        ArgumentNullException.ThrowIfNull(result);
        var devices = result.Devices;
        var ids = new GraphIds();
        var idOf = devices.Select(d => ids.Claim(d.State == DeviceState.NotPresent ? "of:" + (d.OfNode ?? d.Name) : (d.Bus ?? "device") + ":" + d.Name)).ToArray();

        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        var byNode = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < devices.Count; i++)
            if (devices[i].State != DeviceState.NotPresent)
            {
                byName.TryAdd(devices[i].Name, i);
                if (devices[i].OfNode is { } path) byNode.TryAdd(path, i);
            }
        for (int i = 0; i < devices.Count; i++)
            if (devices[i].State == DeviceState.NotPresent && devices[i].OfNode is { } path) byNode.TryAdd(path, i);

        var included = devices.Select(d => allNodes || d.State != DeviceState.NotPresent).ToArray();
        var extraNodes = new List<GraphNode>();
        var extraIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var edges = new EdgeList();

        string Target(string key, bool isPath)
        {
            if ((isPath ? byNode : byName).TryGetValue(key, out var i)) { included[i] = true; return idOf[i]; }
            if (!extraIds.TryGetValue(key, out var id))
            {
                id = ids.Claim((isPath ? "of:" : "unknown:") + key);
                extraIds.Add(key, id);
                var name = isPath ? key[(key.LastIndexOf('/') + 1)..] : key;
                extraNodes.Add(new GraphNode(id, GraphNodeKind.DtNode, GraphState.NotPresent,
                    [name.Length == 0 ? "/" : name, isPath ? "not a device" : "unknown device"], isPath ? key : null));
            }
            return id;
        }

        foreach (var link in result.Devlinks)
        {
            if (!byName.TryGetValue(link.Consumer, out var c)) continue;
            var kind = link.SyncStateOnly ? GraphEdgeKind.SyncStateOnly : GraphEdgeKind.DeviceLink;
            edges.Add(idOf[c], Target(link.Supplier, isPath: false), kind, link.Status == "active" ? null : link.Status);
        }
        for (int i = 0; i < devices.Count; i++)
        {
            if (devices[i].State == DeviceState.NotPresent) continue;
            foreach (var s in devices[i].Suppliers)
            {
                switch (s)
                {
                    case SupplierOutcome.Fwnode f:
                        edges.Add(idOf[i], Target(f.Path, isPath: true), GraphEdgeKind.FwnodeLink, null);
                        break;
                    case SupplierOutcome.Device d:
                        var to = Target(d.Name, isPath: false);
                        if (!edges.Connects(idOf[i], to)) edges.Add(idOf[i], to, GraphEdgeKind.DeviceLink, null);
                        break;
                }
            }
        }

        var iommuNodes = new List<GraphNode>();
        var iommuIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in result.Iommus)
        {
            var id = ids.Claim("iommu:" + m.Name);
            iommuIds.TryAdd(m.Name, id);
            iommuNodes.Add(new GraphNode(id, GraphNodeKind.Iommu, null, [m.Name, m.Driver], "/sys/class/iommu/" + m.Name));
            edges.Add(id, Target(m.Device, isPath: false), GraphEdgeKind.IommuDevice, null);
            foreach (var d in m.Devices)
                if (byName.TryGetValue(d, out var i)) edges.Add(idOf[i], id, GraphEdgeKind.Translation, null);
        }
        for (int i = 0; i < devices.Count; i++)
            if (devices[i].Iommu is { } name && devices[i].State != DeviceState.NotPresent && iommuIds.TryGetValue(name, out var id))
                edges.Add(idOf[i], id, GraphEdgeKind.Translation, null);

        var nodes = new List<GraphNode>();
        for (int i = 0; i < devices.Count; i++)
            if (included[i]) nodes.Add(DeviceNode(idOf[i], devices[i]));
        nodes.AddRange(extraNodes);
        nodes.AddRange(iommuNodes);

        var groups = result.IommuGroups
            .Select(g => new GraphGroup(g.Id, GroupLabel(g),
                g.Devices.Where(byName.ContainsKey).Select(d => idOf[byName[d]]).Distinct().ToList()))
            .ToList();
        var title = $"{result.Board}: profile {result.Profile}, drivers {result.DriverSet}" + (result.Cmdline.Length > 0 ? $", cmdline \"{result.Cmdline}\"" : "");
        return new DeviceGraph(title, nodes, edges.Items, groups);
    }

    private static GraphNode DeviceNode(string id, DeviceOutcome d)
    {
        var state = GraphStates.Of(d);
        var lines = new List<string> { d.Name };
        if (d.Driver is { } driver) lines.Add(driver);
        lines.Add(d.State == DeviceState.NotPresent ? GraphStates.Word(state) : DeviceRow.From(d).State);
        var why = Text.DeviceRow.ReasonText(d);
        var tooltip = string.Join("\n", new[] { d.OfNode, why }.Where(s => !string.IsNullOrEmpty(s)));
        return new GraphNode(id, GraphNodeKind.Device, state, lines, tooltip.Length == 0 ? null : tooltip);
    }

    private static string GroupLabel(IommuGroupOutcome g)
    {
        var label = $"iommu_group {g.Id}: {g.Type}";
        if (g.Domain is { } dom && dom != g.Type) label += $", domain {dom}";
        if (g.Owner is { } owner) label += $", owned by {owner}";
        return label;
    }
}
