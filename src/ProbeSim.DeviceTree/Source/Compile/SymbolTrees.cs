using System.Buffers.Binary;
using System.Text;
using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Source.Compile;

/// <summary>The generated nodes for overlays: <c>__symbols__</c> (-@), <c>aliases</c> (-A), <c>__fixups__</c> and <c>__local_fixups__</c>.</summary>
internal static class SymbolTrees
{
    // generate_label_tree: one string property per label naming the labelled node's path
    public static void GenerateLabelTree(CompileContext ctx, string name, bool allocatePhandles)
    {
        var root = ctx.Tree.Root;
        if (!root.SelfAndDescendants().Any(n => n.HasLabels)) return;
        var an = root.GetOrAddChild(name);
        var names = new HashSet<string>(an.Properties.Select(p => p.Name), StringComparer.Ordinal);
        foreach (var node in root.SelfAndDescendants().ToList())
        {
            if (!node.HasLabels) continue;
            foreach (var label in node.Labels)
            {
                if (!names.Add(label))
                {
                    ctx.Warn(new Diagnostic(Severity.Warning, $"label {label} already exists in /{name}", node.Location));
                    continue;
                }
                var p = new DtProperty(label, Encoding.UTF8.GetBytes(node.Path + "\0"));
                ctx.Spend(label.Length + p.Length, node, null);
                p.Markers.Add(new Marker(0, MarkerKind.TypeString, null));
                an.AddProperty(p);
            }
            if (allocatePhandles) ctx.GetNodePhandle(node);
        }
    }

    // generate_fixups_tree: "path:property:offset" per unresolved phandle reference, grouped by label
    public static void GenerateFixupsTree(CompileContext ctx)
    {
        var root = ctx.Tree.Root;
        var unresolved = References(ctx).Where(r => r.Target is null).ToList();
        if (unresolved.Count == 0) return;
        var fn = root.GetOrAddChild("__fixups__");
        var lists = new UniqueLists<string>(fn, static p => p.Length > 0 && p.Value[^1] != 0 ? null : p.AsStringList());
        foreach (var (node, prop, marker, _) in unresolved)
        {
            if (marker.Ref!.Contains('/'))
                throw DeviceTreeException.At(prop.Location ?? node.Location ?? default, $"Can't generate fixup for reference to path &{{{marker.Ref}}}");
            var path = node.Path;
            if (path.Contains(':') || prop.Name.Contains(':'))
                throw DeviceTreeException.At(prop.Location ?? node.Location ?? default, "arguments should not contain ':'");
            var entry = $"{path}:{prop.Name}:{marker.Offset}";
            if (lists.Add(marker.Ref, entry)) ctx.Spend(entry.Length + 1, node, prop);
        }
        lists.Write(AppendString);
    }

    // generate_local_fixups_tree: for each resolved phandle reference, the offset under a mirror of the node's path
    public static void GenerateLocalFixupsTree(CompileContext ctx)
    {
        var root = ctx.Tree.Root;
        var resolved = References(ctx).Where(r => r.Target is not null).ToList();
        if (resolved.Count == 0) return;
        var lfn = root.GetOrAddChild("__local_fixups__");
        // the mirror node of each node, made once (GetOrAddChild looks through a node's children)
        var mirrors = new Dictionary<DtNode, DtNode>(ReferenceEqualityComparer.Instance) { [root] = lfn };
        var cells = new Dictionary<DtNode, UniqueLists<uint>>(ReferenceEqualityComparer.Instance);
        var order = new List<UniqueLists<uint>>();
        foreach (var (node, prop, marker, _) in resolved)
        {
            var wn = Mirror(mirrors, node);
            if (!cells.TryGetValue(wn, out var lists))
            {
                cells[wn] = lists = new UniqueLists<uint>(wn, static p => p.Length % 4 != 0 ? null : Enumerable.Range(0, p.CellCount).Select(i => p.GetU32(i)));
                order.Add(lists);
            }
            if (lists.Add(prop.Name, (uint)marker.Offset)) ctx.Spend(4, node, prop);
        }
        foreach (var lists in order) lists.Write(AppendCell);
    }

    private static DtNode Mirror(Dictionary<DtNode, DtNode> mirrors, DtNode node)
    {
        if (mirrors.TryGetValue(node, out var m)) return m;
        var chain = new List<DtNode>();
        var n = node;
        for (; !mirrors.ContainsKey(n); n = n.Parent!) chain.Add(n);
        var wn = mirrors[n];
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            wn = wn.GetOrAddChild(chain[i].Name);
            mirrors[chain[i]] = wn;
        }
        return wn;
    }

    /// <summary>Every phandle reference in tree order, with what it resolves to now.</summary>
    private static IEnumerable<(DtNode Node, DtProperty Prop, Marker Marker, DtNode? Target)> References(CompileContext ctx)
    {
        foreach (var node in ctx.Tree.AllNodes.ToList())
            foreach (var prop in node.Properties.ToList())
                foreach (var m in prop.Markers)
                    if (m.Kind == MarkerKind.RefPhandle) yield return (node, prop, m, ctx.Resolve(m.Ref!));
    }

    // append_unique_str_to_property: one TYPE_STRING marker and the string with its NUL per entry
    private static void AppendString(MemoryStream value, List<Marker> markers, string name, string entry)
    {
        markers.Add(new Marker((int)value.Length, MarkerKind.TypeString, name));
        value.Write(Encoding.UTF8.GetBytes(entry + "\0"));
    }

    // append_unique_u32_to_property: one TYPE_UINT32 marker and the cell per entry
    private static void AppendCell(MemoryStream value, List<Marker> markers, string name, uint cell)
    {
        markers.Add(new Marker((int)value.Length, MarkerKind.TypeUInt32, name));
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, cell);
        value.Write(b);
    }
}

/// <summary>generate_labels_from_tree: labels are given back to the nodes an existing <c>__symbols__</c> names.</summary>
internal static class SymbolLabels
{
    public static void Restore(CompileContext ctx)
    {
        var an = ctx.Tree.Root.GetChild("__symbols__");
        if (an is null) return;
        foreach (var p in an.PropertyList)
        {
            var path = p.AsString();
            var node = path is null ? null : ctx.Tree.FindByPath(path);
            if (node is null)
            {
                ctx.Warn(new Diagnostic(Severity.Warning, $"Path {path} referenced in property __symbols__/{p.Name} missing", p.Location));
                continue;
            }
            if (!node.Labels.Contains(p.Name)) node.Labels.Insert(0, p.Name);
        }
        ctx.InvalidateLabels();
    }
}
