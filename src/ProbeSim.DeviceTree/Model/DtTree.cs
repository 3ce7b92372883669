namespace ProbeSim.DeviceTree.Model;

/// <summary>A whole device tree (dtc's dt_info): the root node, the memory reservation map, the boot CPU and the plugin flag.</summary>
public sealed class DtTree
{
    public DtTree(DtNode? root = null) => Root = root ?? new DtNode("");

    public DtNode Root { get; set; }

    public List<ReserveEntry> ReserveMap { get; } = new();

    /// <summary>The FDT header's boot_cpuid_phys.</summary>
    public uint BootCpuIdPhys { get; set; }

    /// <summary>True for an overlay (<c>/plugin/</c>).</summary>
    public bool IsPlugin { get; set; }

    public IEnumerable<DtNode> AllNodes => Root.SelfAndDescendants();

    /// <summary>The node at an exact full path (<c>/soc/serial@e6e60000</c>), or null.</summary>
    public DtNode? FindByPath(string path)
    {
        if (path == "/") return Root;
        if (!path.StartsWith('/')) return null;
        var node = Root;
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node.GetChild(part);
            if (node is null) return null;
        }
        return node;
    }

    /// <summary>The first node in tree order carrying <paramref name="label"/>.</summary>
    public DtNode? FindByLabel(string label)
    {
        foreach (var n in AllNodes)
            if (n.Labels.Contains(label)) return n;
        return null;
    }

    public DtNode? FindByPhandle(uint phandle)
    {
        if (phandle is 0 or 0xffffffff) return null;
        foreach (var n in AllNodes)
            if (n.Phandle == phandle) return n;
        return null;
    }

    /// <summary>Resolves a dtc reference: <c>/path</c>, <c>label</c> or <c>label/relative/path</c>.</summary>
    public DtNode? Resolve(string reference)
    {
        if (reference == "/") return Root;
        if (reference.StartsWith('/')) return FindByPath(reference);
        var slash = reference.IndexOf('/');
        var label = slash < 0 ? reference : reference[..slash];
        var node = FindByLabel(label);
        if (node is null || slash < 0) return node;
        foreach (var part in reference[(slash + 1)..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node.GetChild(part);
            if (node is null) return null;
        }
        return node;
    }

    /// <summary>A read-only index for fast repeated lookups; rebuild it after changing the tree.</summary>
    public DeviceTreeIndex BuildIndex() => new(this);
}

/// <summary>Label, phandle and path lookups over a tree snapshot.</summary>
public sealed class DeviceTreeIndex
{
    private readonly Dictionary<string, DtNode> _byLabel = new(StringComparer.Ordinal);
    private readonly Dictionary<uint, DtNode> _byPhandle = new();
    private readonly Dictionary<string, DtNode> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<DtNode, string> _pathOf = new(ReferenceEqualityComparer.Instance);

    public DeviceTreeIndex(DtTree tree) : this(tree.Root)
    {
    }

    /// <summary>An index of the subtree under <paramref name="root"/> (paths are given as if it were the root).</summary>
    public DeviceTreeIndex(DtNode root)
    {
        // tree order, with an explicit stack (a tree built in code can be of any depth)
        var stack = new Stack<(DtNode Node, string Path)>();
        stack.Push((root, "/"));
        while (stack.Count > 0)
        {
            var (node, path) = stack.Pop();
            _byPath[path] = node;
            _pathOf[node] = path;
            if (node.HasLabels) foreach (var l in node.Labels) _byLabel.TryAdd(l, node);
            if (node.Phandle is not (0 or 0xffffffff)) _byPhandle.TryAdd(node.Phandle, node);
            for (var i = node.Children.Count - 1; i >= 0; i--)
            {
                var c = node.Children[i];
                stack.Push((c, path == "/" ? "/" + c.Name : path + "/" + c.Name));
            }
        }
    }

    public DtNode? ByLabel(string label) => _byLabel.GetValueOrDefault(label);
    public DtNode? ByPhandle(uint phandle) => _byPhandle.GetValueOrDefault(phandle);
    public DtNode? ByPath(string path) => _byPath.GetValueOrDefault(path);
    public string PathOf(DtNode node) => _pathOf.TryGetValue(node, out var p) ? p : node.Path;
    /// <summary>Nodes in the indexed tree.</summary>
    public int NodeCount => _pathOf.Count;
    public IEnumerable<KeyValuePair<string, DtNode>> Labels => _byLabel;
}
