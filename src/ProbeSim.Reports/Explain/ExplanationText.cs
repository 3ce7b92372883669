using ProbeSim.Checking.Explain;
using ProbeSim.Reports.Log;

namespace ProbeSim.Reports.Explain;

/// <summary>An explanation as plain text: summary, root causes, the supplier chain indented by depth, the IOMMU decision, the log.</summary>
public static class ExplanationText
{
    public static void Write(TextWriter w, Explanation e)
    {
        w.WriteLine(e.Summary);
        if (e.OfNode is { } node && node != e.Device) w.WriteLine($"  of_node: {node}");
        if (e.RootCauses.Count > 0)
        {
            w.WriteLine();
            w.WriteLine(e.RootCauses.Count == 1 ? "root cause:" : "root causes:");
            foreach (var r in e.RootCauses) w.WriteLine("  " + r);
        }
        if (e.Chain.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("suppliers:");
            foreach (var s in e.Chain)
                w.WriteLine($"{new string(' ', 2 + 2 * s.Depth)}{s.Relation} -> {s.Subject}: {s.State}, {s.Detail}" + (s.RootCause ? "  <- root cause" : ""));
        }
        if (e.Iommu is { } i)
        {
            w.WriteLine();
            w.WriteLine("IOMMU (of_iommu_configure):");
            w.WriteLine($"  rule: {i.Rule}");
            w.WriteLine($"  outcome: {i.Outcome}" + (i.Iommu is { } inst ? $", IOMMU {inst}" : "") + (i.Group is int g ? $", group {g} ({i.DomainType})" : "")
                + (i.DmaOps is { } ops ? $", dma_ops {ops}" : "") + (i.Dma is { } d ? $", DMA {d}" : ""));
            if (i.Note is { } n) w.WriteLine($"  note: {n}");
        }
        if (e.Log.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("log:");
            foreach (var l in e.Log) w.WriteLine("  " + DmesgFormatter.FormatLine(l));
        }
    }
}
