using ProbeSim.Checking.CorpusDiff;
using ProbeSim.Checking.Explain;
using ProbeSim.Kernel.Of;
using ProbeSim.Reports.Reasons;

namespace ProbeSim.Checking.Tests;

/// <summary>Typed reasons in the reports' default words.</summary>
internal static class ReasonText
{
    public static string Text(this RootCause root) => ReasonWords.Default.RootCause(root);
    public static string Text(this BasisLine line) => ReasonWords.Default.BasisLine(line);
    public static string Text(this OfIommuRule rule) => ReasonWords.Default.OfIommuRule(rule);
    public static string Text(this ChangeCause cause) => ReasonWords.Default.ChangeCause(cause);
    public static string Text(this ProbeSim.Checking.Invariants.Finding finding) => ReasonWords.Default.Finding(finding);
    public static string SummaryText(this Explanation e) => ReasonWords.Default.Summary(e);
    public static List<string> Texts(this IEnumerable<BasisLine> lines) => lines.Select(Text).ToList();
}
