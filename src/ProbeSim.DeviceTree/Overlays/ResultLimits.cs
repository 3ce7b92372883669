using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Overlays;

/// <summary>
/// An overlay puts its fragments under nodes of the base, so base and overlay within the limits can still make a tree
/// deeper than <see cref="DeviceTreeLimits.MaxNodeDepth"/> or with a path longer than
/// <see cref="DeviceTreeLimits.MaxPathLength"/>; such a result is refused like such an input.
/// </summary>
internal static class ResultLimits
{
    /// <summary>Null when the tree is within the limits, else what is wrong.</summary>
    public static string? Check(DtTree tree)
    {
        var stack = new Stack<(DtNode Node, int Depth, int PathLength)>();
        stack.Push((tree.Root, 1, 0));
        while (stack.Count > 0)
        {
            var (node, depth, pathLength) = stack.Pop();
            foreach (var c in node.ChildList)
            {
                var childPath = pathLength + 1 + c.Name.Length;
                if (depth + 1 > DeviceTreeLimits.MaxNodeDepth)
                    return $"the result has nodes nested more than {DeviceTreeLimits.MaxNodeDepth} deep";
                if (childPath > DeviceTreeLimits.MaxPathLength)
                    return $"the result has a node path longer than {DeviceTreeLimits.MaxPathLength} characters";
                stack.Push((c, depth + 1, childPath));
            }
        }
        return null;
    }
}
