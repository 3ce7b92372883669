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
        foreach (var node in root.SelfAndDescendants().ToList())
        {
            if (!node.HasLabels) continue;
            foreach (var label in node.Labels)
            {
                if (an.GetProperty(label) is not null)
                {
                    ctx.Diagnostics.Add(new Diagnostic(Severity.Warning, $"label {label} already exists in /{name}", node.Location));
                    continue;
                }
                var p = new DtProperty(label, Encoding.UTF8.GetBytes(node.Path + "\0"));
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
        foreach (var (node, prop, marker, _) in unresolved)
        {
            if (marker.Ref!.Contains('/'))
                throw DeviceTreeException.At(prop.Location ?? node.Location ?? default, $"Can't generate fixup for reference to path &{{{marker.Ref}}}");
            var path = node.Path;
            if (path.Contains(':') || prop.Name.Contains(':'))
                throw DeviceTreeException.At(prop.Location ?? node.Location ?? default, "arguments should not contain ':'");
            AppendUniqueString(fn, marker.Ref, $"{path}:{prop.Name}:{marker.Offset}");
        }
    }

    // generate_local_fixups_tree: for each resolved phandle reference, the offset under a mirror of the node's path
    public static void GenerateLocalFixupsTree(CompileContext ctx)
    {
        var root = ctx.Tree.Root;
        var resolved = References(ctx).Where(r => r.Target is not null).ToList();
        if (resolved.Count == 0) return;
        var lfn = root.GetOrAddChild("__local_fixups__");
        foreach (var (node, prop, marker, _) in resolved)
        {
            var chain = new List<DtNode>();
            for (var n = node; n.Parent is not null; n = n.Parent) chain.Add(n);
            var wn = lfn;
            for (var i = chain.Count - 1; i >= 0; i--) wn = wn.GetOrAddChild(chain[i].Name);
            AppendUniqueCell(wn, prop.Name, (uint)marker.Offset);
        }
    }

    /// <summary>Every phandle reference in tree order, with what it resolves to now.</summary>
    private static IEnumerable<(DtNode Node, DtProperty Prop, Marker Marker, DtNode? Target)> References(CompileContext ctx)
    {
        foreach (var node in ctx.Tree.AllNodes.ToList())
            foreach (var prop in node.Properties.ToList())
                foreach (var m in prop.Markers)
                    if (m.Kind == MarkerKind.RefPhandle) yield return (node, prop, m, ctx.Resolve(m.Ref!));
    }

    // append_unique_str_to_property
    private static void AppendUniqueString(DtNode node, string name, string entry)
    {
        var bytes = Encoding.UTF8.GetBytes(entry + "\0");
        var p = node.GetProperty(name);
        if (p is null)
        {
            p = node.AddProperty(new DtProperty(name, Array.Empty<byte>()));
        }
        else
        {
            if (p.Length > 0 && p.Value[^1] != 0) return;
            if (p.AsStringList().Contains(entry)) return;
        }
        p.Markers.Add(new Marker(p.Length, MarkerKind.TypeString, name));
        p.Value = [.. p.Value, .. bytes];
    }

    // append_unique_u32_to_property
    private static void AppendUniqueCell(DtNode node, string name, uint value)
    {
        var p = node.GetProperty(name);
        if (p is null)
        {
            p = node.AddProperty(new DtProperty(name, Array.Empty<byte>()));
        }
        else
        {
            if (p.Length % 4 != 0) return;
            for (var i = 0; i < p.CellCount; i++)
                if (p.GetU32(i) == value) return;
        }
        var cell = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(cell, value);
        p.Markers.Add(new Marker(p.Length, MarkerKind.TypeUInt32, name));
        p.Value = [.. p.Value, .. cell];
    }
}

/// <summary>generate_labels_from_tree: labels are given back to the nodes an existing <c>__symbols__</c> names.</summary>
internal static class SymbolLabels
{
    public static void Restore(CompileContext ctx)
    {
        var an = ctx.Tree.Root.GetChild("__symbols__");
        if (an is null) return;
        foreach (var p in an.Properties)
        {
            var path = p.AsString();
            var node = path is null ? null : ctx.Tree.FindByPath(path);
            if (node is null)
            {
                ctx.Diagnostics.Add(new Diagnostic(Severity.Warning, $"Path {path} referenced in property __symbols__/{p.Name} missing", p.Location));
                continue;
            }
            if (!node.Labels.Contains(p.Name)) node.Labels.Insert(0, p.Name);
        }
        ctx.InvalidateLabels();
    }
}
