using ProbeSim.Checking.CorpusDiff;
using ProbeSim.Checking.Explain;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Providers;
using ProbeSim.Kernel.Dma;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Of;
using ProbeSim.Reports.Reasons;

namespace ProbeSim.Checking.Tests.Rewording;

/// <summary>Every reason in other words: a marker, then the default words in capitals (nested reasons reworded too).</summary>
internal sealed class RewordedWords : DefaultReasonWords
{
    public const string Marker = "REWORDED ";

    private static string R(string words) => Marker + words.ToUpperInvariant();

    public override string Wait(WaitReason why) => R(base.Wait(why));
    public override string Provider(ProviderReason why) => R(base.Provider(why));
    public override string ProviderUnbound(ProviderUnbound why) => R(base.ProviderUnbound(why));
    public override string NoDevice(NoDeviceReason why) => R(base.NoDevice(why));
    public override string ProbeFailure(ProbeFailure failure) => R(base.ProbeFailure(failure));
    public override string OfIommuRule(OfIommuRule rule) => R(base.OfIommuRule(rule));
    public override string DmaNote(DmaNote note) => R(base.DmaNote(note));
    public override string OutcomeNote(OutcomeNote note) => R(base.OutcomeNote(note));
    public override string ExplainDetail(ExplainDetail detail) => R(base.ExplainDetail(detail));
    public override string RootCause(RootCause root) => R(base.RootCause(root));
    public override string Summary(Explanation explanation) => R(base.Summary(explanation));
    public override string BasisLine(BasisLine line) => R(base.BasisLine(line));
    public override string ChangeCause(ChangeCause cause) => R(base.ChangeCause(cause));
    public override string Finding(ProbeSim.Checking.Invariants.Finding finding) => R(base.Finding(finding));
}
