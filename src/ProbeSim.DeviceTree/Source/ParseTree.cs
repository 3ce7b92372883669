using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Source;

/// <summary>A label as dtc keeps it while parsing: deleting a node marks its labels deleted, merging can revive them.</summary>
internal sealed class PLabel
{
    public PLabel(string name) => Name = name;
    public string Name { get; }
    public bool Deleted;
}

/// <summary>Label lists keep dtc's order: a new label goes in front (add_label).</summary>
internal sealed class PLabels
{
    private static readonly List<PLabel> None = new();
    private List<PLabel>? _items;

    /// <summary>The labels (a shared empty list until the first label is added: never add to it directly).</summary>
    public List<PLabel> Items => _items ?? None;

    // add_label: an existing label is revived in place, a new one is put first
    public void Add(string name)
    {
        foreach (var l in Items)
        {
            if (l.Name != name) continue;
            l.Deleted = false;
            return;
        }
        (_items ??= new List<PLabel>(1)).Insert(0, new PLabel(name));
    }

    // delete_labels
    public void DeleteAll()
    {
        if (_items is null) return;
        foreach (var l in _items) l.Deleted = true;
    }

    public void AddItem(PLabel label) => (_items ??= new List<PLabel>(1)).Add(label);

    public IEnumerable<string> Live()
    {
        foreach (var l in Items)
            if (!l.Deleted) yield return l.Name;
    }

    public bool Contains(string name)
    {
        foreach (var l in Items)
            if (!l.Deleted && l.Name == name) return true;
        return false;
    }
}

internal sealed class PProperty
{
    public PProperty(string name, PropertyData value, SourceLocation? location)
    {
        Name = name;
        Value = value;
        Location = location;
    }

    public string Name { get; }
    public PropertyData Value;
    public SourceLocation? Location;
    public readonly PLabels Labels = new();
    public bool Deleted;
}

/// <summary>A node of the tree being parsed (dtc's <c>struct node</c> with its deleted flags).</summary>
internal sealed class PNode
{
    public string? Name;
    public PNode? Parent;
    public readonly List<PProperty> Properties = new();
    public readonly List<PNode> Children = new();
    public readonly PLabels Labels = new();
    public SourceLocation? Location;
    public bool Deleted;
    public bool OmitIfUnused;
}
