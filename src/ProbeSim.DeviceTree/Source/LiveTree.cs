namespace ProbeSim.DeviceTree.Source;

/// <summary>The tree operations the DTS grammar performs while parsing (dtc's livetree.c).</summary>
internal static class LiveTree
{
    // merge_nodes: the new node's labels, properties and children go into the old node
    public static PNode Merge(PNode oldNode, PNode newNode, LabelIndex? index = null)
    {
        oldNode.Deleted = false;
        foreach (var l in newNode.Labels.Items)
        {
            oldNode.Labels.Add(l.Name);
            index?.Register(l.Name, oldNode);
        }

        foreach (var np in newNode.Properties)
        {
            if (np.Deleted)
            {
                DeletePropertyByName(oldNode, np.Name);
                continue;
            }
            PProperty? hit = null;
            foreach (var op in oldNode.Properties)
            {
                if (op.Name != np.Name) continue;
                hit = op;
                break;
            }
            if (hit is null)
            {
                oldNode.Properties.Add(np);
                continue;
            }
            foreach (var l in np.Labels.Items) hit.Labels.Add(l.Name);
            hit.Value = np.Value;
            hit.Deleted = false;
            hit.Location = np.Location;
        }

        foreach (var nc in newNode.Children)
        {
            if (nc.Deleted)
            {
                DeleteNodeByName(oldNode, nc.Name!);
                continue;
            }
            PNode? hit = null;
            foreach (var oc in oldNode.Children)
            {
                if (oc.Name != nc.Name) continue;
                hit = oc;
                break;
            }
            if (hit is null) AddChild(oldNode, nc);
            else Merge(hit, nc, index);
        }
        return oldNode;
    }

    // add_child
    public static void AddChild(PNode parent, PNode child)
    {
        child.Parent = parent;
        parent.Children.Add(child);
    }

    // delete_property_by_name: the first property of that name, deleted or not
    public static void DeletePropertyByName(PNode node, string name)
    {
        foreach (var p in node.Properties)
        {
            if (p.Name != name) continue;
            p.Deleted = true;
            p.Labels.DeleteAll();
            return;
        }
    }

    // delete_node_by_name
    public static void DeleteNodeByName(PNode parent, string name)
    {
        foreach (var c in parent.Children)
        {
            if (c.Name != name) continue;
            DeleteNode(c);
            return;
        }
    }

    // delete_node: the node, its subtree, its properties and labels (with an explicit stack: merges make trees of any depth)
    public static void DeleteNode(PNode node)
    {
        var stack = new Stack<PNode>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            n.Deleted = true;
            foreach (var c in n.Children)
                if (!c.Deleted) stack.Push(c);
            foreach (var p in n.Properties)
            {
                if (p.Deleted) continue;
                p.Deleted = true;
                p.Labels.DeleteAll();
            }
            n.Labels.DeleteAll();
        }
    }

    // get_node_by_ref: "/", "/path", "label" or "label/path"
    public static PNode? GetByRef(PNode root, string reference, LabelIndex? index = null)
    {
        if (reference == "/") return root;
        if (reference.StartsWith('/')) return GetByPath(root, reference);
        var slash = reference.IndexOf('/');
        var label = slash < 0 ? reference : reference[..slash];
        var target = index is null ? GetByLabel(root, label) : index.Find(root, label);
        if (target is null || slash < 0) return target;
        return GetByPath(target, reference[(slash + 1)..]);
    }

    // get_node_by_path: exact component names, skipping deleted nodes
    public static PNode? GetByPath(PNode tree, string path)
    {
        var node = tree;
        var i = 0;
        while (true)
        {
            while (i < path.Length && path[i] == '/') i++;
            if (i >= path.Length) return node.Deleted ? null : node;
            var slash = path.IndexOf('/', i);
            var part = slash < 0 ? path.AsSpan(i) : path.AsSpan(i, slash - i);
            PNode? next = null;
            foreach (var c in node.Children)
            {
                if (c.Deleted || !part.SequenceEqual(c.Name)) continue;
                next = c;
                break;
            }
            if (next is null) return null;
            if (slash < 0) return next;
            node = next;
            i = slash + 1;
        }
    }

    // get_node_by_label: depth first, in tree order (with an explicit stack)
    public static PNode? GetByLabel(PNode tree, string label)
    {
        var stack = new Stack<PNode>();
        stack.Push(tree);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n.Labels.Contains(label)) return n;
            for (var i = n.Children.Count - 1; i >= 0; i--)
                if (!n.Children[i].Deleted) stack.Push(n.Children[i]);
        }
        return null;
    }
}
