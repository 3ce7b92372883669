using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Source.Writer;

/// <summary>
/// A property's markers as dtc keeps them: a singly linked list. Positions are "links": the node whose
/// <see cref="Link.Next"/> is looked at (the chain's head sentinel stands for the list head pointer).
/// </summary>
internal sealed class MarkerChain
{
    internal sealed class Link
    {
        public Link(MarkerKind kind, int offset, string? reference)
        {
            Kind = kind;
            Offset = offset;
            Ref = reference;
        }

        public MarkerKind Kind { get; }
        public int Offset { get; }
        public string? Ref { get; }
        public Link? Next { get; set; }
    }

    public Link Head { get; } = new(MarkerKind.Label, -1, null);

    public static MarkerChain From(IReadOnlyList<Marker> markers)
    {
        var chain = new MarkerChain();
        var tail = chain.Head;
        foreach (var m in markers)
        {
            tail.Next = new Link(m.Kind, m.Offset, m.Ref);
            tail = tail.Next;
        }
        return chain;
    }

    public static bool IsType(MarkerKind k) => k <= MarkerKind.TypeString;

    /// <summary>Inserts a marker at the first place from <paramref name="at"/> that keeps dtc's invariants; returns the link after it (or the link of the marker that made it redundant).</summary>
    // add_marker: sorted by offset, one type marker per offset and first, no duplicate of the same kind
    public static Link Add(Link at, MarkerKind kind, int offset, string? reference)
    {
        var mi = at;
        while (mi.Next is { } n && n.Offset < offset) mi = n;
        if (mi.Next is { } t && t.Offset == offset && IsType(t.Kind))
        {
            if (IsType(kind)) return mi;
            mi = t;
        }
        if (mi.Next is { } s && s.Offset == offset && s.Kind == kind) return mi;
        var nm = new Link(kind, offset, reference) { Next = mi.Next };
        mi.Next = nm;
        return nm;
    }
}
