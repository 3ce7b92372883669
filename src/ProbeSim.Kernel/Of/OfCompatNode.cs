using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Of;

/// <summary>The v5.x fw_devlink way of finding the node that stands for a device: the nearest node with a <c>compatible</c>.</summary>
public static class OfCompatNode
{
    /// <summary>
    /// <paramref name="node"/> itself or its nearest ancestor with a <c>compatible</c> property; null when the walk
    /// reaches an unavailable node first (status not okay) or runs off the root.
    /// </summary>
    // of_get_compat_node: walk up from the node itself; an unavailable node on the way ends the walk with nothing
    public static DtNode? NearestCompatibleAncestor(DtNode node)
    {
        for (DtNode? n = node; n is not null; n = n.Parent)
        {
            if (!n.IsAvailable) return null;
            if (n.HasProperty("compatible")) return n;
        }
        return null;
    }
}
