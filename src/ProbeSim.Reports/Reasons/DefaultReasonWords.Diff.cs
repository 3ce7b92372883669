using System.Text.RegularExpressions;
using ProbeSim.Checking.CorpusDiff;

namespace ProbeSim.Reports.Reasons;

public partial class DefaultReasonWords
{
    // DT paths in rules and root causes become <node>, so that the same rule on different nodes and boards makes one
    // group (the rows name the boards and devices)
    public virtual string ChangeCause(ChangeCause cause) => cause switch
    {
        ChangeCause.OfIommuRuleChanged c => $"of_iommu_configure: {RuleOrNotRun(c.Before)} -> {RuleOrNotRun(c.After)}",
        ChangeCause.OwnRootCause c => $"root cause {Side(c.After)}: <device>{GeneralisePaths(": " + ExplainDetail(c.Detail))}",
        ChangeCause.RootCauseOnOneSide c => $"root cause {Side(c.After)}: {GeneralisePaths(RootCause(c.Root))}",
        ChangeCause.FieldChanged c => $"{c.Field}: {c.Before ?? "-"} -> {c.After ?? "-"}",
        ChangeCause.Written c => c.Text,
        _ => cause.ToString(),
    };

    private string RuleOrNotRun(ProbeSim.Kernel.Of.OfIommuRule? rule) => rule is null ? "not run" : GeneralisePaths(OfIommuRule(rule));

    private static string Side(bool after) => after ? "after" : "before";

    /// <summary>Replaces DT paths (<c>/soc/iommu@e6570000</c>) in these words with <c>&lt;node&gt;</c>.</summary>
    public static string GeneralisePaths(string text) => DtPath().Replace(text, "<node>");
}

/// <summary>The DT path pattern of <see cref="DefaultReasonWords.GeneralisePaths"/>.</summary>
public partial class DefaultReasonWords
{
    // a DT path: '/' at the start or after a space, quote or parenthesis, then node-name characters and more '/'
    [GeneratedRegex(@"(?<=^|[\s('""])/[A-Za-z0-9,._+@/-]*")]
    private static partial Regex DtPath();
}
