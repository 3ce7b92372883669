using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Source.Compile;

/// <summary>check_duplicate_label: a label names one node, one property or one place in a value.</summary>
internal static class LabelChecks
{
    public static void Run(CompileContext ctx)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in ctx.Tree.AllNodes)
        {
            foreach (var l in node.Labels) Claim(ctx, owners, l, node, null, node.Path);
            foreach (var p in node.Properties)
            {
                foreach (var l in p.Labels) Claim(ctx, owners, l, node, p, $"property '{p.Name}' in {node.Path}");
                foreach (var m in p.Markers)
                    if (m.Kind == MarkerKind.Label) Claim(ctx, owners, m.Ref!, node, p, $"value of property '{p.Name}' in {node.Path}");
            }
        }
    }

    private static void Claim(CompileContext ctx, Dictionary<string, string> owners, string label, DtNode node, DtProperty? prop, string what)
    {
        if (!owners.TryGetValue(label, out var first))
        {
            owners[label] = what;
            return;
        }
        var loc = prop?.Location ?? node.Location ?? ctx.RootLocation;
        ctx.Diagnostics.Add(new Diagnostic(Severity.Error, $"Duplicate label '{label}' on {what} and {first}", loc));
    }
}
