using ProbeSim.Checking.Exploration;
using ProbeSim.Checking.Invariants;
using ProbeSim.Reports.Reasons;

namespace ProbeSim.Reports.Checking;

/// <summary>A broken invariant in one line, and a trace step's text.</summary>
public static class ViolationWords
{
    /// <summary><c>INVARIANT [error] DEVICE: what it found</c>.</summary>
    public static string Line(Violation v, IReasonWords? words = null) =>
        $"{v.Invariant} [{(v.Severity == Severity.Error ? "error" : "warning")}] {v.Device}: {ReasonWords.Or(words).Finding(v.Finding)}";

    /// <summary>A trace step's text: the violation's line on the last step, else the step's own text.</summary>
    public static string Text(TraceStep s, IReasonWords? words = null) => s.Violation is { } v ? Line(v, words) : s.Text;
}
