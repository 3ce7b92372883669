using ProbeSim.Checking.Explain;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;

using Detail = ProbeSim.Checking.Explain.ExplainDetail;

namespace ProbeSim.Reports.Reasons;

public partial class DefaultReasonWords
{
    public virtual string ExplainDetail(ExplainDetail detail) => detail switch
    {
        Detail.Unparsable d => d.ParseError ?? "cannot be parsed",
        Detail.OnChain d => $"{Subject(d.Subject, d.SubjectIsNode)} is already on this chain: the suppliers wait on each other",
        Detail.RegisteredEarly d => Provider(d.Reason),
        Detail.Disabled { Ancestor: null } d => $"status = \"{d.Status}\"",
        Detail.Disabled { Ancestor: { } a } d => $"under {DtPath(a)}, status = \"{d.Status}\"",
        Detail.SetUpEarly d => NoDevice(d.Reason),
        Detail.NoDevice d => "no device: " + NoDevice(d.Reason),
        Detail.BoundTo d => $"bound to {d.Driver}",
        Detail.Failed d => ProbeFailure(d.Failure),
        Detail.FailedWith d => $"probe with {d.Driver ?? "its driver"} failed with error {d.Errno}",
        Detail.Deferred d => "probe deferred" + (d.DeferReason is { } r ? $": {r}" : d.Wait is { } w ? $" ({Wait(w)})" : ""),
        Detail.Waiting d => Wait(d.Wait),
        Detail.ModuleNeverLoaded => "its driver is a module that was never loaded",
        Detail.RejectsMatch d => $"probe with driver {d.Driver} rejects match {d.Errno} ({Errno.Name(d.Errno)}); the device stays without a driver",
        Detail.AmbaPeriphid =>
            "no AMBA driver's id table took it; its periphid is read from its registers (amba_read_periphid), which the model does not have",
        Detail.NoDriverMatches { Compatible.Count: > 0 } d => $"no driver in this driver set matches \"{string.Join("\", \"", d.Compatible)}\"",
        Detail.NoDriverMatches => "no driver matches it",
        Detail.NotProbed => "matched a driver but was not probed",
        Detail.NeverADevice { Note: { } n } => OutcomeNote(n),
        Detail.NeverADevice => "no device was made from this node",
        _ => detail.ToString(),
    };

    public virtual string RootCause(RootCause root) => $"{Subject(root.Subject, root.SubjectIsNode)}: {ExplainDetail(root.Detail)}";

    // an explanation's subject: a device by its name, a node that is no device by its DT path
    private string Subject(string subject, bool isNode) => isNode ? DtPath(subject) : subject;

    public virtual string Summary(Explanation explanation)
    {
        var e = explanation;
        string head;
        switch (e.Summary)
        {
            case ExplainSummary.NeverADevice n:
                return $"{n.Subject} never became a device: {(n.Note is { } note ? OutcomeNote(note) : "no device was made from this node")}";
            case ExplainSummary.Bound b:
                return $"{b.Device} is bound to {b.Driver}";
            case ExplainSummary.Deferred d:
                head = $"{d.Device} is deferred" + (d.DeferReason is { } r ? $" ({r})" : "");
                break;
            case ExplainSummary.Failed f:
                head = $"{f.Device} failed: {ExplainDetail(f.Detail)}";
                break;
            case ExplainSummary.NoDriver n:
                head = $"{n.Device} has no driver: {ExplainDetail(n.Detail)}";
                break;
            default:
                head = e.Summary.ToString();
                break;
        }
        var roots = e.RootCauses;
        return roots.Count == 0 ? head : $"{head}; root cause: {RootCause(roots[0])}" + (roots.Count > 1 ? $" (+{roots.Count - 1} more)" : "");
    }

    public virtual string BasisLine(BasisLine line)
    {
        static string Who(string? of) => of is null ? "" : $" ({of})";
        return line switch
        {
            BasisLine.Inherited l => l.Basis == OutcomeBasis.Guessed
                ? $"guess: {l.Device} waits for {l.From}, whose outcome is a guess"
                : $"partial: {l.Device} waits for {l.From}, whose outcome is partly modelled",
            BasisLine.AmbaPeriphid l =>
                $"guess: the AMBA periphid is read from the device's registers, not the device tree: which id-matched driver binds is not known{Who(l.Of)}",
            BasisLine.ProbeUnread l =>
                $"guess: driver {l.Driver} comes from the kernel's alias tables; its probe was not read and is taken to succeed{Who(l.Of)}",
            BasisLine.AcpiHotplug l =>
                $"guess: whether shpchp binds depends on the firmware's SHPC grant and hotplug slot names, not in the machine's files{Who(l.Of)}",
            BasisLine.NoPlan l => $"guess: no probe plan for driver {l.Driver}{Who(l.Of)}",
            BasisLine.PartialPlan l => $"partial: the probe plan of driver {l.Driver} has steps the importer could not read{Who(l.Of)}",
            BasisLine.Modelled { Driver: { } drv } l =>
                $"modelled: the probe plan (or script) of driver {drv}" + (l.WithSuppliers ? " and the modelled outcomes of its suppliers" : ""),
            BasisLine.Modelled l => "modelled: no driver probe decided this outcome" + (l.WithSuppliers ? "; its suppliers' outcomes are modelled" : ""),
            _ => line.ToString(),
        };
    }
}
