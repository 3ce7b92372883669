using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Source.Compile;

/// <summary>One compilation's state after parsing: the tree, the messages, and dtc's phandle allocator.</summary>
internal sealed class CompileContext
{
    private readonly Dictionary<uint, DtNode> _byPhandle = new();
    private Dictionary<string, DtNode>? _byLabel;
    private uint _nextPhandle = 1;

    public CompileContext(DtTree tree, List<Diagnostic> diagnostics, bool generateSymbols)
    {
        Tree = tree;
        Diagnostics = diagnostics;
        GenerateSymbols = generateSymbols;
    }

    public DtTree Tree { get; }
    public List<Diagnostic> Diagnostics { get; }
    public bool GenerateSymbols { get; }
    public bool IsPlugin => Tree.IsPlugin;

    /// <summary>Nodes some reference points at (dtc's is_referenced).</summary>
    public HashSet<DtNode> Referenced { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Nodes marked /omit-if-no-ref/.</summary>
    public HashSet<DtNode> OmitIfUnused { get; } = new(ReferenceEqualityComparer.Instance);

    public bool HasErrors => Diagnostics.Exists(d => d.Severity == Severity.Error);

    private long _generatedBytes;

    /// <summary>
    /// Counts bytes the compile adds beyond the source (paths for references, generated nodes) against
    /// <see cref="DeviceTreeLimits.MaxGeneratedBytes"/>: each reference can add a whole path, so a small source could
    /// otherwise make a huge tree.
    /// </summary>
    public void Spend(long bytes, DtNode node, DtProperty? prop)
    {
        _generatedBytes += bytes;
        if (_generatedBytes > DeviceTreeLimits.MaxGeneratedBytes)
            throw DeviceTreeException.At(prop?.Location ?? node.Location ?? RootLocation ?? default,
                $"references and generated nodes make the tree more than {DeviceTreeLimits.MaxGeneratedBytes >> 20} MiB larger than its source");
    }

    /// <summary>A warning (within <see cref="DiagnosticCap"/>).</summary>
    public void Warn(Diagnostic d) => DiagnosticCap.Add(Diagnostics, d);

    public void Fail(DtNode node, DtProperty? prop, string message) =>
        DiagnosticCap.Add(Diagnostics, new Diagnostic(Severity.Error, $"{message} ({(prop is null ? "" : "'" + prop.Name + "' in ")}{node.Path})", prop?.Location ?? node.Location ?? RootLocation));

    public SourceLocation? RootLocation { get; set; }

    public DtNode? NodeByPhandle(uint phandle) => _byPhandle.GetValueOrDefault(phandle);

    public void RecordPhandle(DtNode node, uint phandle)
    {
        node.Phandle = phandle;
        _byPhandle.TryAdd(phandle, node);
    }

    public void ForgetPhandles(DtNode subtree)
    {
        foreach (var n in subtree.SelfAndDescendants())
            if (n.Phandle != 0 && _byPhandle.TryGetValue(n.Phandle, out var owner) && owner == n) _byPhandle.Remove(n.Phandle);
        _byLabel = null;
    }

    // get_node_phandle: a node without a phandle gets the next free one, and a "phandle" property
    public uint GetNodePhandle(DtNode node)
    {
        if (node.Phandle is not (0 or 0xffffffff)) return node.Phandle;
        while (_byPhandle.ContainsKey(_nextPhandle)) _nextPhandle++;
        RecordPhandle(node, _nextPhandle);
        if (node.GetProperty("phandle") is null)
        {
            var prop = new DtProperty("phandle", BigEndian.Cell(_nextPhandle));
            prop.Markers.Add(new Marker(0, MarkerKind.TypeUInt32, null));
            node.AddProperty(prop);
        }
        return node.Phandle;
    }

    /// <summary>get_node_by_ref over the compiled tree, with a label index built on first use.</summary>
    public DtNode? Resolve(string reference)
    {
        if (reference == "/") return Tree.Root;
        if (reference.StartsWith('/')) return Tree.FindByPath(reference);
        _byLabel ??= BuildLabelIndex();
        var slash = reference.IndexOf('/');
        var label = slash < 0 ? reference : reference[..slash];
        if (!_byLabel.TryGetValue(label, out var node)) return null;
        if (slash < 0) return node;
        foreach (var part in reference[(slash + 1)..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node.GetChild(part);
            if (node is null) return null;
        }
        return node;
    }

    private Dictionary<string, DtNode> BuildLabelIndex()
    {
        var d = new Dictionary<string, DtNode>(StringComparer.Ordinal);
        foreach (var n in Tree.AllNodes)
        {
            if (!n.HasLabels) continue;
            foreach (var l in n.Labels) d.TryAdd(l, n);
        }
        return d;
    }

    public void InvalidateLabels() => _byLabel = null;
}

internal static class BigEndian
{
    public static byte[] Cell(uint v)
    {
        var b = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(b, v);
        return b;
    }
}
