using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Source.Compile;

/// <summary>check_duplicate_label: a label names one node, one property or one place in a value.</summary>
internal static class LabelChecks
{
    public static void Run(CompileContext ctx)
    {
        var owners = new Dictionary<string, Owner>(StringComparer.Ordinal);
        foreach (var node in ctx.Tree.AllNodes)
        {
            if (node.HasLabels)
                foreach (var l in node.Labels) Claim(ctx, owners, l, new Owner(node, null, false));
            foreach (var p in node.PropertyList)
            {
                if (p.HasLabels)
                    foreach (var l in p.Labels) Claim(ctx, owners, l, new Owner(node, p, false));
                if (!p.HasMarkers) continue;
                foreach (var m in p.Markers)
                    if (m.Kind == MarkerKind.Label) Claim(ctx, owners, m.Ref!, new Owner(node, p, true));
            }
        }
    }

    /// <summary>What a label names: a node, a property, or a place in a property's value.</summary>
    private readonly record struct Owner(DtNode Node, DtProperty? Prop, bool InValue)
    {
        public override string ToString() =>
            Prop is null ? Node.Path : $"{(InValue ? "value of " : "")}property '{Prop.Name}' in {Node.Path}";
    }

    private static void Claim(CompileContext ctx, Dictionary<string, Owner> owners, string label, Owner owner)
    {
        if (owners.TryAdd(label, owner)) return;
        var loc = owner.Prop?.Location ?? owner.Node.Location ?? ctx.RootLocation;
        DiagnosticCap.Add(ctx.Diagnostics, new Diagnostic(Severity.Error, $"Duplicate label '{label}' on {owner} and {owners[label]}", loc));
    }
}
