using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Binary;

/// <summary>A tree in blob order as a flat list of node openings and closings, built with an explicit stack.</summary>
internal static class FdtTreeWalk
{
    public readonly record struct Step(DtNode Node, bool IsEnd);

    public static List<Step> Flatten(DtNode root)
    {
        var steps = new List<Step>();
        var stack = new Stack<(DtNode Node, int Next)>();
        steps.Add(new Step(root, false));
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next < node.Children.Count)
            {
                stack.Push((node, next + 1));
                var child = node.Children[next];
                steps.Add(new Step(child, false));
                stack.Push((child, 0));
            }
            else
            {
                steps.Add(new Step(node, true));
            }
        }
        return steps;
    }
}
