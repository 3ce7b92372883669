namespace ProbeSim.DeviceTree.Source;

/// <summary>
/// Speeds up get_node_by_label while the tree is still changing: remembers which nodes were given a label and
/// checks on lookup that the label is live and the node is in the tree; falls back to a tree walk when in doubt.
/// </summary>
internal sealed class LabelIndex
{
    private readonly Dictionary<string, List<PNode>> _nodes = new(StringComparer.Ordinal);

    public void Register(string label, PNode node)
    {
        if (!_nodes.TryGetValue(label, out var list)) _nodes[label] = list = new List<PNode>(1);
        if (!list.Contains(node)) list.Add(node);
    }

    public PNode? Find(PNode root, string label)
    {
        if (!_nodes.TryGetValue(label, out var list)) return LiveTree.GetByLabel(root, label);
        PNode? found = null;
        var count = 0;
        foreach (var n in list)
        {
            if (!n.Labels.Contains(label) || !IsLiveUnder(root, n)) continue;
            found = n;
            count++;
        }
        return count == 1 ? found : LiveTree.GetByLabel(root, label);
    }

    private static bool IsLiveUnder(PNode root, PNode node)
    {
        for (var n = node; n is not null; n = n.Parent)
        {
            if (n == root) return true;
            if (n.Deleted) return false;
        }
        return false;
    }
}
