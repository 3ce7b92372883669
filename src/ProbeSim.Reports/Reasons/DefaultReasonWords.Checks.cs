using ProbeSim.Checking.Invariants;

namespace ProbeSim.Reports.Reasons;

public partial class DefaultReasonWords
{
    public virtual string Finding(Finding finding) => finding switch
    {
        DeferredForeverFinding { Gone.Count: 0 } => "deferred with every supplier bound: a trigger was lost or nothing retries it",
        DeferredForeverFinding f => "deferred forever on suppliers that will never come: " + string.Join("; ", f.Gone.Select(GoneSupplier)),
        MessageFinding m => m.Message,
        _ => finding.ToString(),
    };

    private string GoneSupplier(GoneSupplier g) =>
        g.Subject is null ? $"{g.Relation} (unresolvable)" : $"{g.Relation} {g.Subject} ({(g.Detail is { } d ? ExplainDetail(d) : "")})";
}
