using ProbeSim.Checking.Explain;
using ProbeSim.Reports.Actions;
using ProbeSim.Reports.Log;
using ProbeSim.Reports.Reasons;

namespace ProbeSim.Reports.Explain;

/// <summary>An explanation as plain text: summary, root causes, the supplier chain indented by depth, the IOMMU decision, the log.</summary>
public static class ExplanationText
{
    public static void Write(TextWriter w, Explanation e, IReasonWords? words = null)
    {
        var say = ReasonWords.Or(words);
        w.WriteLine(say.Summary(e));
        if (e.OfNode is { } node && node != e.Device) w.WriteLine($"  of_node: {node}");
        if (e.BasisLines.Count > 0)
        {
            w.WriteLine($"  basis: {BasisWords.Word(e.Basis)}");
            foreach (var line in e.BasisLines) w.WriteLine("    " + say.BasisLine(line));
        }
        if (e.RootCauses.Count > 0)
        {
            w.WriteLine();
            w.WriteLine(e.RootCauses.Count == 1 ? "root cause:" : "root causes:");
            foreach (var r in e.RootCauses) w.WriteLine("  " + say.RootCause(r));
        }
        if (e.Chain.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("suppliers:");
            foreach (var s in e.Chain)
                w.WriteLine($"{new string(' ', 2 + 2 * s.Depth)}{s.Relation} -> {s.Subject}: {s.State}, {say.ExplainDetail(s.Detail)}" + (s.RootCause ? "  <- root cause" : ""));
        }
        if (e.Iommu is { } i)
        {
            w.WriteLine();
            w.WriteLine("IOMMU (of_iommu_configure):");
            w.WriteLine($"  rule: {say.OfIommuRule(i.Rule)}" + (i.ConfiguredAtUs is { } at ? $" (at {SimTime.Seconds(at)} s)" : ""));
            if (i.RegisteredLater is { } late)
                w.WriteLine($"  later: {late.Device} registered {late.SysfsName} at {SimTime.Seconds(late.RegisteredAtUs)} s; the device kept the DMA set up without it"
                    + (late.BlocksStream ? ", and the enabled IOMMU now stops its stream" : ""));
            w.WriteLine($"  outcome: {i.Outcome}" + (i.Iommu is { } inst ? $", IOMMU {inst}" : "") + (i.Group is int g ? $", group {g} ({i.DomainType})" : "")
                + (i.DmaOps is { } ops ? $", dma_ops {ops}" : "") + (i.Dma is { } d ? $", DMA {d}" : ""));
            if (i.Note is { } n) w.WriteLine($"  note: {say.DmaNote(n)}");
            if (i.QueuedAttach is { } q) w.WriteLine("  " + QueuedAttachWords(q));
        }
        if (e.Notifiers.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("bus notifiers:");
            foreach (var n in e.Notifiers) w.WriteLine("  " + NotifierFormatter.FormatLine(n));
        }
        WriteActions(w, e);
        if (e.Log.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("log:");
            foreach (var l in e.Log) w.WriteLine("  " + DmesgFormatter.FormatLine(l));
        }
    }

    // story A (v4.4 arm64): arch_setup_dma_ops queued the attach, a later BUS_NOTIFY_ADD_DEVICE did it
    private static string QueuedAttachWords(ProbeSim.Kernel.Dma.Arm64QueuedAttach q) =>
        $"arm64: no IOMMU group at arch_setup_dma_ops ({SimTime.Seconds(q.QueuedUs)} s), attach queued on iommu_dma_masters (queue_iommu_attach); "
        + (q.AttachedUs is { } at
            ? $"attached at {SimTime.Seconds(at)} s by __iommu_attach_notifier on the BUS_NOTIFY_ADD_DEVICE of {q.AddedDevice}"
            : "no later BUS_NOTIFY_ADD_DEVICE attached it: platform DMA ops kept");

    // the refused user actions: errno, why (the group members and their drivers), what user space printed
    private static void WriteActions(TextWriter w, Explanation e)
    {
        if (e.RefusedActions.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("user actions the kernel refused:");
            foreach (var a in e.RefusedActions)
            {
                w.WriteLine($"  {ActionText.Verb(a.Kind)}{(a.Argument is { } arg ? " " + arg : "")} at {SimTime.Seconds(a.TimeUs)} s ({a.Origin}): " +
                    $"{ActionText.ErrnoText(a.Result)} ({Strerror.Of(a.Result)})");
                if (a.Refusal is { } r)
                {
                    w.WriteLine($"    why: {ActionText.Reason(r)}");
                    if (ActionText.Remedy(r) is { } fix) w.WriteLine($"    fix: {fix}");
                }
                foreach (var line in UserSpaceLines.For(a)) w.WriteLine("    " + BootLog.Format(new UserSpaceLine(a.TimeUs, line, a.Device)));
            }
        }
        if (e.BlockedActions.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("user actions refused because of this device:");
            foreach (var a in e.BlockedActions) w.WriteLine($"  {a.Device}: {ActionText.Refused(a)}");
        }
    }
}
