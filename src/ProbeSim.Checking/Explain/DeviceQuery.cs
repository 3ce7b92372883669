using ProbeSim.Kernel.Boot;

namespace ProbeSim.Checking.Explain;

/// <summary>Finds the device (or not-present node) a user names: device name, DT path, or label.</summary>
internal static class DeviceQuery
{
    public static DeviceOutcome Find(ProbeSim.DeviceTree.Model.DtTree tree, BootResult result, string query, string command = "explain")
    {
        var q = query.Trim();
        if (q.Length == 0) throw new ArgumentException($"{command}: no device named");
        foreach (var d in result.Devices) if (d.Name == q && d.State != DeviceState.NotPresent) return d;
        string? path = null;
        if (q.StartsWith('/')) path = q.Length > 1 ? q.TrimEnd('/') : q;
        else
        {
            var label = q.TrimStart('&');
            if (tree.FindByLabel(label) is { } n) path = n.Path;
        }
        if (path is not null)
        {
            // a device made from the node wins over the node's not-present entry; a PCI function has no node of its own
            var hits = result.Devices.Where(d => d.OfNode == path).ToList();
            if (hits.Count > 0) return hits.FirstOrDefault(d => d.State != DeviceState.NotPresent) ?? hits[0];
            throw new ArgumentException($"{command}: {q}: the node {path} has no compatible, so no device can be made from it");
        }
        foreach (var d in result.Devices) if (d.Name == q) return d;
        var near = result.Devices.Where(d => d.Name.Contains(q, StringComparison.OrdinalIgnoreCase)).Select(d => d.Name).Take(5).ToList();
        throw new ArgumentException($"{command}: no device, DT path or label '{q}' on {result.Board}"
            + (near.Count > 0 ? $" (did you mean {string.Join(", ", near)}?)" : ""));
    }
}
