using System.Text;

namespace ProbeSim.DeviceTree.Model;

/// <summary>A device-tree node. Children and properties keep the order dtc gives them.</summary>
public sealed class DtNode
{
    private readonly List<DtProperty> _properties = new();
    private readonly List<DtNode> _children = new();

    public DtNode(string name) => Name = name;

    /// <summary>The node name with its unit address (<c>serial@e6e60000</c>); empty for the root.</summary>
    public string Name { get; internal set; }

    public DtNode? Parent { get; private set; }

    public IReadOnlyList<DtProperty> Properties => _properties;

    public IReadOnlyList<DtNode> Children => _children;

    /// <summary>The same lists as <see cref="Properties"/> and <see cref="Children"/>, for loops in this assembly that
    /// should not box an enumerator per node (the corpus build walks every node several times).</summary>
    internal List<DtProperty> PropertyList => _properties;

    internal List<DtNode> ChildList => _children;

    private List<string>? _labels;

    /// <summary>Labels on the node, in dtc's list order (the most recently added first).</summary>
    public List<string> Labels => _labels ??= new List<string>(1);

    public bool HasLabels => _labels is { Count: > 0 };

    /// <summary>The phandle (0 when the node has none).</summary>
    public uint Phandle { get; set; }

    public SourceLocation? Location { get; set; }

    public bool IsRoot => Parent is null;

    /// <summary>The name without the unit address (<c>serial</c>).</summary>
    public string BaseName
    {
        get
        {
            var at = Name.IndexOf('@');
            return at < 0 ? Name : Name[..at];
        }
    }

    /// <summary>The unit address (<c>e6e60000</c>), or null when the name has none.</summary>
    public string? UnitAddress
    {
        get
        {
            var at = Name.IndexOf('@');
            return at < 0 ? null : Name[(at + 1)..];
        }
    }

    /// <summary>The full path (<c>/soc/serial@e6e60000</c>); <c>/</c> for the root.</summary>
    public string Path
    {
        get
        {
            if (Parent is null) return "/";
            if (Depth <= MaxCachedPathDepth) return CachedPath();
            var parts = new List<string>();
            for (var n = this; n.Parent is not null; n = n.Parent) parts.Add(n.Name);
            var sb = new StringBuilder();
            for (var i = parts.Count - 1; i >= 0; i--) sb.Append('/').Append(parts[i]);
            return sb.ToString();
        }
    }

    // Paths are read on every lookup and message of a boot: each node keeps its last path with the parent and name it
    // was made from, and a changed name or parent anywhere above gives a new parent path, so a stale one is never returned.
    // The entry is one immutable object (threads reading one tree see a whole entry); deep trees are built uncached.
    private const int MaxCachedPathDepth = 256;

    private sealed record PathCache(DtNode Parent, string Name, string ParentPath, string Path);

    private PathCache? _path;

    private string CachedPath()
    {
        var parent = Parent!;
        var parentPath = parent.Parent is null ? "/" : parent.CachedPath();
        if (_path is { } c && ReferenceEquals(c.Parent, parent) && ReferenceEquals(c.Name, Name) && ReferenceEquals(c.ParentPath, parentPath))
            return c.Path;
        var path = parentPath == "/" ? "/" + Name : parentPath + "/" + Name;
        _path = new PathCache(parent, Name, parentPath, path);
        return path;
    }

    public int Depth
    {
        get
        {
            var d = 0;
            for (var n = Parent; n is not null; n = n.Parent) d++;
            return d;
        }
    }

    public DtProperty? GetProperty(string name)
    {
        foreach (var p in _properties)
            if (p.Name == name) return p;
        return null;
    }

    public bool HasProperty(string name) => GetProperty(name) is not null;

    /// <summary>Appends a property (no check for duplicates; see <see cref="SetProperty"/>).</summary>
    public DtProperty AddProperty(DtProperty property)
    {
        _properties.Add(property);
        return property;
    }

    /// <summary>Replaces the value of an existing property in place, or appends a new one.</summary>
    public DtProperty SetProperty(string name, byte[] value)
    {
        var p = GetProperty(name);
        if (p is null) return AddProperty(new DtProperty(name, value));
        p.Value = value;
        p.Markers.Clear();
        return p;
    }

    public bool RemoveProperty(string name)
    {
        var i = _properties.FindIndex(p => p.Name == name);
        if (i < 0) return false;
        _properties.RemoveAt(i);
        return true;
    }

    public void RemovePropertyAt(int index) => _properties.RemoveAt(index);

    /// <summary>Puts <paramref name="property"/> at <paramref name="index"/> among the properties.</summary>
    internal void InsertProperty(int index, DtProperty property) => _properties.Insert(index, property);

    /// <summary>Makes <paramref name="child"/> the child at <paramref name="index"/> (taking it from its parent, if any).</summary>
    internal void InsertChild(int index, DtNode child)
    {
        child.Parent?._children.Remove(child);
        child.Parent = this;
        _children.Insert(index, child);
    }

    public DtNode? GetChild(string name)
    {
        foreach (var c in _children)
            if (c.Name == name) return c;
        return null;
    }

    /// <summary>Appends a child node (detaching it from any previous parent).</summary>
    public DtNode AddChild(DtNode child)
    {
        child.Parent?._children.Remove(child);
        child.Parent = this;
        _children.Add(child);
        return child;
    }

    public DtNode GetOrAddChild(string name) => GetChild(name) ?? AddChild(new DtNode(name));

    public bool RemoveChild(DtNode child)
    {
        if (!_children.Remove(child)) return false;
        child.Parent = null;
        return true;
    }

    /// <summary>This node and all below it, parents before children, in tree order.</summary>
    public IEnumerable<DtNode> SelfAndDescendants()
    {
        var stack = new Stack<DtNode>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            yield return n;
            for (var i = n._children.Count - 1; i >= 0; i--) stack.Push(n._children[i]);
        }
    }

    // ---- typed accessors ----

    public uint? GetU32(string name)
    {
        var p = GetProperty(name);
        return p is { Length: >= 4 } ? p.GetU32() : null;
    }

    public ulong? GetU64(string name)
    {
        var p = GetProperty(name);
        return p is { Length: >= 8 } ? p.GetU64() : null;
    }

    public string? GetString(string name) => GetProperty(name)?.AsString();

    public IReadOnlyList<string> GetStringList(string name) =>
        GetProperty(name)?.AsStringList() ?? (IReadOnlyList<string>)Array.Empty<string>();

    public uint[]? GetCells(string name) => GetProperty(name)?.ToCells();

    public IReadOnlyList<string> Compatible => GetStringList("compatible");

    public bool IsCompatible(string compatible)
    {
        foreach (var c in Compatible)
            if (string.Equals(c, compatible, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>The <c>status</c> string, or null when the node has none.</summary>
    public string? Status => GetString("status");

    /// <summary>of_device_is_available: no status, or status "okay"/"ok".</summary>
    public bool IsAvailable
    {
        get
        {
            var p = GetProperty("status");
            if (p is null) return true;
            var s = p.AsString();
            return s is "okay" or "ok";
        }
    }

    /// <summary>This node's own <c>#address-cells</c>, if it has one.</summary>
    public int? OwnAddressCells => (int?)GetU32("#address-cells");

    /// <summary>This node's own <c>#size-cells</c>, if it has one.</summary>
    public int? OwnSizeCells => (int?)GetU32("#size-cells");

    /// <summary>The cells a child's <c>reg</c> address takes: this node's <c>#address-cells</c>, else 2 (the devicetree specification's default, as dtc uses).</summary>
    public int ChildAddressCells => OwnAddressCells ?? 2;

    /// <summary>The cells a child's <c>reg</c> size takes: this node's <c>#size-cells</c>, else 1.</summary>
    public int ChildSizeCells => OwnSizeCells ?? 1;

    /// <summary>Decodes <c>reg</c> with the parent's cell counts; empty when there is no reg or it does not divide evenly.</summary>
    public IReadOnlyList<RegEntry> GetReg()
    {
        var p = GetProperty("reg");
        if (p is null || Parent is null) return Array.Empty<RegEntry>();
        var ac = Parent.ChildAddressCells;
        var sc = Parent.ChildSizeCells;
        var stride = ac + sc;
        if (stride == 0 || p.Length % 4 != 0 || p.CellCount % stride != 0) return Array.Empty<RegEntry>();
        var list = new List<RegEntry>(p.CellCount / stride);
        for (var i = 0; i < p.CellCount; i += stride)
            list.Add(new RegEntry(p.ReadNumber(i, ac), p.ReadNumber(i + ac, sc)));
        return list;
    }

    public override string ToString() => Path;
}
