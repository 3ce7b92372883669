using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Source.Compile;

/// <summary>
/// Entries appended to the properties of one node, each at most once per property, as dtc's append_unique_str_to_property
/// and append_unique_u32_to_property leave them, but built in one pass: dtc rescans and copies the whole value for every
/// entry, which takes time and memory quadratic in the number of references.
/// </summary>
internal sealed class UniqueLists<T> where T : notnull
{
    private sealed class Entries
    {
        public readonly HashSet<T> Seen = new();
        public readonly List<T> Added = new();
        public bool Ignored;
    }

    private readonly DtNode _node;
    private readonly Func<DtProperty, IEnumerable<T>?> _existing;
    private readonly Dictionary<string, Entries> _byName = new(StringComparer.Ordinal);
    private readonly List<string> _order = new();

    /// <param name="node">The node whose properties get the entries.</param>
    /// <param name="existing">The entries a property of the node already holds, or null when dtc appends nothing to it.</param>
    public UniqueLists(DtNode node, Func<DtProperty, IEnumerable<T>?> existing)
    {
        _node = node;
        _existing = existing;
    }

    /// <summary>True when <paramref name="entry"/> is new for <paramref name="property"/> and will be appended.</summary>
    public bool Add(string property, T entry)
    {
        if (!_byName.TryGetValue(property, out var e))
        {
            _byName[property] = e = new Entries();
            _order.Add(property);
            if (_node.GetProperty(property) is { } p)
            {
                var old = _existing(p);
                if (old is null) e.Ignored = true;
                else foreach (var x in old) e.Seen.Add(x);
            }
        }
        if (e.Ignored || !e.Seen.Add(entry)) return false;
        e.Added.Add(entry);
        return true;
    }

    /// <summary>Appends the new entries, in the order first met, to the properties (made where missing, in that order).</summary>
    public void Write(Action<MemoryStream, List<Marker>, string, T> append)
    {
        foreach (var name in _order)
        {
            var e = _byName[name];
            if (e.Ignored || e.Added.Count == 0) continue;
            var p = _node.GetProperty(name) ?? _node.AddProperty(new DtProperty(name, Array.Empty<byte>()));
            var value = new MemoryStream();
            value.Write(p.Value);
            foreach (var x in e.Added) append(value, p.Markers, name, x);
            p.Value = value.ToArray();
        }
    }
}
