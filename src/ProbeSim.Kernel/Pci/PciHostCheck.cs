using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Pci;

/// <summary>
/// Checks, before a boot, that a PCI hierarchy can hang off the board: the kernel model enumerates it from the probe
/// of the host bridge node (the node <c>host:</c> names, else the first node with <c>device_type = "pci"</c> that binds),
/// so a hierarchy without such a node would be dropped without a word.
/// </summary>
public static class PciHostCheck
{
    /// <summary>Throws a <see cref="PciTopologyException"/> when the board has no node the hierarchy can hang off.</summary>
    /// <param name="topology">The hierarchy.</param>
    /// <param name="tree">The board.</param>
    /// <param name="board">The board's name, for the message.</param>
    /// <param name="givenBy">The option that gave the hierarchy (<c>--pci</c>), for the message; null when it came from a file's <c>pci:</c>.</param>
    public static void Check(PciTopology topology, DtTree tree, string board, string? givenBy = null)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(tree);
        var location = topology.Location ?? PciTopologySpec.NoLocation;
        var by = givenBy is null ? "" : givenBy + ": ";
        if (topology.HostDtPath is { } path)
        {
            var node = tree.FindByPath(path);
            if (node is not null && node.Path == path) return;
            var hint = node is not null ? $" (did you mean {node.Path}?)" : HostBridgeHint(tree);
            throw new PciTopologyException(topology.HostLocation ?? location, $"host: board {board} has no node {path}{hint}");
        }
        if (tree.AllNodes.Any(IsHostBridge)) return;
        throw new PciTopologyException(location,
            $"{by}board {board} has no PCI host bridge (no node with device_type = \"pci\"): the PCI hierarchy would be dropped");
    }

    /// <summary>What the kernel model takes for a host bridge when <c>host:</c> is not given.</summary>
    public static bool IsHostBridge(DtNode node) => node.GetProperty("device_type")?.AsString() == "pci";

    private static string HostBridgeHint(DtTree tree)
    {
        var hosts = tree.AllNodes.Where(IsHostBridge).Select(n => n.Path).Take(3).ToList();
        return hosts.Count == 0 ? " (and no node with device_type = \"pci\")" : $" (its PCI host bridges: {string.Join(", ", hosts)})";
    }
}
