using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Overlays;

/// <summary>Deep copies of trees and nodes (labels, markers, phandles and locations included).</summary>
public static class TreeCloning
{
    public static DtTree DeepClone(this DtTree tree)
    {
        var copy = new DtTree(tree.Root.DeepClone())
        {
            BootCpuIdPhys = tree.BootCpuIdPhys,
            IsPlugin = tree.IsPlugin,
        };
        foreach (var r in tree.ReserveMap)
        {
            var e = new ReserveEntry(r.Address, r.Size);
            e.Labels.AddRange(r.Labels);
            copy.ReserveMap.Add(e);
        }
        return copy;
    }

    /// <summary>A detached copy of the node and everything below it (with an explicit stack: any depth).</summary>
    public static DtNode DeepClone(this DtNode node)
    {
        var top = ShallowClone(node);
        var stack = new Stack<(DtNode Source, DtNode Copy)>();
        stack.Push((node, top));
        while (stack.Count > 0)
        {
            var (source, copy) = stack.Pop();
            foreach (var c in source.ChildList)
            {
                var child = copy.AddChild(ShallowClone(c));
                stack.Push((c, child));
            }
        }
        return top;
    }

    private static DtNode ShallowClone(DtNode node)
    {
        var copy = new DtNode(node.Name) { Phandle = node.Phandle, Location = node.Location };
        if (node.HasLabels) copy.Labels.AddRange(node.Labels);
        foreach (var p in node.PropertyList) copy.AddProperty(p.Clone());
        return copy;
    }
}
