using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Of;

/// <summary>The parts of the OF graph binding (port/endpoint nodes) that fw_devlink uses (drivers/of/property.c).</summary>
public static class OfGraph
{
    /// <summary>The device node that owns the port containing <paramref name="endpoint"/>: the port's parent, or the grandparent when that parent is a <c>ports</c>/<c>in-ports</c>/<c>out-ports</c> node.</summary>
    // of_graph_get_port_parent: endpoint -> port -> (ports ->) device
    public static DtNode? GetPortParent(DtNode endpoint)
    {
        var port = endpoint.Parent;
        var parent = port?.Parent;
        if (parent is null) return null;
        return parent.BaseName is "ports" or "in-ports" or "out-ports" ? parent.Parent : parent;
    }

    /// <summary>The node the <c>remote-endpoint</c> phandle of <paramref name="endpoint"/> points at, or null.</summary>
    // of_graph_get_remote_endpoint: of_parse_phandle(node, "remote-endpoint", 0)
    public static DtNode? GetRemoteEndpoint(DtNode endpoint, DeviceTreeIndex? index = null) =>
        OfPhandleArgs.ParsePhandle(endpoint, "remote-endpoint", 0, index)?.Provider;

    /// <summary>The port parent of the remote endpoint, or null when the phandle does not resolve.</summary>
    // of_graph_get_remote_port_parent
    public static DtNode? GetRemotePortParent(DtNode endpoint, DeviceTreeIndex? index = null) =>
        GetRemoteEndpoint(endpoint, index) is { } remote ? GetPortParent(remote) : null;
}
