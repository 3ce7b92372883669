using ProbeSim.Checking.CorpusDiff;
using ProbeSim.Checking.Explain;
using ProbeSim.Kernel.Of;
using ProbeSim.Reports.Reasons;

namespace ProbeSim.Reports.Tests.Reasons;

/// <summary>
/// docs/corpus-diff.md: DT paths in a corpus diff's causes are replaced by <c>&lt;node&gt;</c> so the same cause on
/// different nodes and boards is one group; device names stay. The words decide by the record, not by the text.
/// </summary>
public class PathFreeWordsTests
{
    private static readonly DefaultReasonWords Words = new();

    [Fact]
    public void A_rule_with_a_path_groups_as_node()
    {
        var cause = new ChangeCause.OfIommuRuleChanged(new OfIommuRule.IommuDisabled("/soc/iommu@fa000000"), null);
        Assert.Equal("of_iommu_configure: IOMMU <node> is disabled -> not run", Words.ChangeCause(cause));
        // the words outside the diff keep the path
        Assert.Equal("IOMMU /soc/iommu@fa000000 is disabled", Words.OfIommuRule(cause.Before!));
    }

    [Fact]
    public void A_root_cause_subject_is_a_node_only_when_the_record_says_so()
    {
        var detail = new ExplainDetail.Disabled("/soc/bus@1000", "disabled");
        Assert.Equal("root cause after: <node>: under <node>, status = \"disabled\"",
            Words.ChangeCause(new ChangeCause.RootCauseOnOneSide(true, new RootCause("/soc/bus@1000/clk@0", detail, SubjectIsNode: true))));
        Assert.Equal("root cause before: 1000.clk: under <node>, status = \"disabled\"",
            Words.ChangeCause(new ChangeCause.RootCauseOnOneSide(false, new RootCause("1000.clk", detail, SubjectIsNode: false))));
    }

    [Fact]
    public void A_derived_class_keeps_its_overrides_in_the_path_free_view()
    {
        var cause = new ChangeCause.OfIommuRuleChanged(null, new OfIommuRule.IommuDisabled("/soc/iommu@fa000000"));
        Assert.Equal("of_iommu_configure: not run -> smmu <node> off", new Shouting().ChangeCause(cause));
        Assert.Equal("smmu /soc/iommu@fa000000 off", new Shouting().OfIommuRule(cause.After!));
    }

    private sealed class Shouting : DefaultReasonWords
    {
        public override string OfIommuRule(OfIommuRule rule) =>
            rule is OfIommuRule.IommuDisabled d ? $"smmu {DtPath(d.IommuPath)} off" : base.OfIommuRule(rule);
    }
}
