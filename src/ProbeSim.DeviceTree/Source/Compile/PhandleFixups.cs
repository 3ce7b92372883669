using System.Buffers.Binary;
using System.Text;
using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Source.Compile;

/// <summary>dtc's reference fix-ups: explicit phandles, phandle references, path references, unused-node omission.</summary>
internal static class PhandleFixups
{
    // check_explicit_phandles: "phandle"/"linux,phandle" given in the source
    public static void ExplicitPhandles(CompileContext ctx)
    {
        foreach (var node in ctx.Tree.AllNodes)
        {
            var phandle = CheckPhandleProp(ctx, node, "phandle");
            var linux = CheckPhandleProp(ctx, node, "linux,phandle");
            if (phandle == 0 && linux == 0) continue;
            if (phandle != 0 && linux != 0 && phandle != linux)
                ctx.Fail(node, null, "mismatching 'phandle' and 'linux,phandle' properties");
            if (phandle == 0) phandle = linux;
            var other = ctx.NodeByPhandle(phandle);
            if (other is not null && other != node)
            {
                ctx.Fail(node, null, $"duplicated phandle 0x{phandle:x} (seen before at {other.Path})");
                continue;
            }
            ctx.RecordPhandle(node, phandle);
        }
    }

    // check_phandle_prop: one cell; a reference to the node itself asks for a phandle to be allocated
    private static uint CheckPhandleProp(CompileContext ctx, DtNode node, string name)
    {
        var prop = node.GetProperty(name);
        if (prop is null) return 0;
        if (prop.Length != 4)
        {
            ctx.Fail(node, prop, $"bad length ({prop.Length}) {name} property");
            return 0;
        }
        foreach (var m in prop.Markers)
        {
            if (m.Kind != MarkerKind.RefPhandle) continue;
            if (ctx.Resolve(m.Ref!) != node) ctx.Fail(node, null, $"{name} is a reference to another node");
            return 0;
        }
        var v = prop.GetU32();
        if (v is 0 or 0xffffffff)
        {
            ctx.Fail(node, prop, $"bad value (0x{v:x}) in {name} property");
            return 0;
        }
        return v;
    }

    // fixup_phandle_references: node by node in tree order, each reference gets the target's phandle
    public static void PhandleReferences(CompileContext ctx)
    {
        foreach (var node in ctx.Tree.AllNodes)
        {
            for (var pi = 0; pi < node.Properties.Count; pi++)
            {
                var prop = node.Properties[pi];
                if (!prop.HasMarkers) continue;
                foreach (var m in prop.Markers)
                {
                    if (m.Kind != MarkerKind.RefPhandle) continue;
                    var target = ctx.Resolve(m.Ref!);
                    uint value;
                    if (target is null)
                    {
                        if (!ctx.IsPlugin)
                        {
                            ctx.Fail(node, prop, $"Reference to non-existent node or label \"{m.Ref}\"");
                            continue;
                        }
                        value = 0xffffffff; // left for the overlay's __fixups__
                    }
                    else
                    {
                        value = ctx.GetNodePhandle(target);
                        ctx.Referenced.Add(target);
                    }
                    BinaryPrimitives.WriteUInt32BigEndian(prop.Value.AsSpan(m.Offset, 4), value);
                    prop.ValueChanged();
                }
            }
        }
    }

    // fixup_path_references: the target's full path (with its NUL) is inserted where the reference stood
    // (all of a property's references in one pass, where dtc moves the rest of the value once per reference)
    public static void PathReferences(CompileContext ctx)
    {
        foreach (var node in ctx.Tree.AllNodes)
        {
            foreach (var prop in node.PropertyList)
            {
                if (!prop.HasMarkers || !prop.Markers.Exists(static m => m.Kind == MarkerKind.RefPath)) continue;
                InsertPaths(ctx, node, prop);
            }
        }
    }

    private static void InsertPaths(CompileContext ctx, DtNode node, DtProperty prop)
    {
        var v = prop.Value;
        var nv = new MemoryStream(v.Length);
        var copied = 0;   // bytes of the old value copied so far
        var shift = 0;    // bytes inserted so far
        for (var i = 0; i < prop.Markers.Count; i++)
        {
            var m = prop.Markers[i];
            if (shift != 0) prop.Markers[i] = m with { Offset = m.Offset + shift };
            if (m.Kind != MarkerKind.RefPath) continue;
            var target = ctx.Resolve(m.Ref!);
            if (target is null)
            {
                ctx.Fail(node, prop, $"Reference to non-existent node or label \"{m.Ref}\"");
                continue;
            }
            var path = Encoding.UTF8.GetBytes(target.Path + "\0");
            ctx.Spend(path.Length, node, prop);
            nv.Write(v, copied, m.Offset - copied);
            nv.Write(path);
            copied = m.Offset;
            shift += path.Length;
            ctx.Referenced.Add(target);
        }
        nv.Write(v, copied, v.Length - copied);
        prop.Value = nv.ToArray();
    }

    // fixup_omit_unused_nodes: /omit-if-no-ref/ nodes nothing refers to are dropped (kept with -@ when labelled)
    public static void OmitUnusedNodes(CompileContext ctx)
    {
        if (ctx.OmitIfUnused.Count == 0) return;
        var doomed = new List<DtNode>();
        var doomedSet = new HashSet<DtNode>(ReferenceEqualityComparer.Instance);
        foreach (var node in ctx.Tree.AllNodes)
        {
            if (!ctx.OmitIfUnused.Contains(node)) continue;
            if (ctx.GenerateSymbols && node.HasLabels) continue;
            if (ctx.Referenced.Contains(node)) continue;
            if (IsUnderAny(node, doomedSet)) continue;
            doomed.Add(node);
            doomedSet.Add(node);
        }
        foreach (var node in doomed)
        {
            ctx.ForgetPhandles(node);
            node.Parent?.RemoveChild(node);
        }
    }

    private static bool IsUnderAny(DtNode node, HashSet<DtNode> ancestors)
    {
        for (var n = node.Parent; n is not null; n = n.Parent)
            if (ancestors.Contains(n)) return true;
        return false;
    }
}
