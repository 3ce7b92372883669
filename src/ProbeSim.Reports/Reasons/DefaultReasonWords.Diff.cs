using ProbeSim.Checking.CorpusDiff;

namespace ProbeSim.Reports.Reasons;

public partial class DefaultReasonWords
{
    // DT paths in rules and root causes become <node>, so that the same rule on different nodes and boards makes one
    // group (the rows name the boards and devices): the causes are worded by a path-free view of these words
    public virtual string ChangeCause(ChangeCause cause)
    {
        var w = PathFreeView();
        return cause switch
        {
            ChangeCause.OfIommuRuleChanged c => $"of_iommu_configure: {w.RuleOrNotRun(c.Before)} -> {w.RuleOrNotRun(c.After)}",
            ChangeCause.OwnRootCause c => $"root cause {Side(c.After)}: <device>: {w.ExplainDetail(c.Detail)}",
            ChangeCause.RootCauseOnOneSide c => $"root cause {Side(c.After)}: {w.RootCause(c.Root)}",
            ChangeCause.FieldChanged c => $"{c.Field}: {c.Before ?? "-"} -> {c.After ?? "-"}",
            ChangeCause.Written c => c.Text,
            _ => cause.ToString(),
        };
    }

    private string RuleOrNotRun(ProbeSim.Kernel.Of.OfIommuRule? rule) => rule is null ? "not run" : OfIommuRule(rule);

    private static string Side(bool after) => after ? "after" : "before";
}
