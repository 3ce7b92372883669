using ProbeSim.Checking.CorpusDiff;
using ProbeSim.Checking.Explain;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Providers;
using ProbeSim.Kernel.Dma;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Of;

namespace ProbeSim.Reports.Reasons;

/// <summary>
/// The words of every typed reason the model and the checks publish: the only place they are made. Reports take an
/// implementation (default <see cref="ReasonWords.Default"/>); a test substitutes another to show that no check reads
/// them.
/// </summary>
public interface IReasonWords
{
    /// <summary>What a deferred device waits for.</summary>
    string Wait(WaitReason why);
    /// <summary>Why a provider lookup found what it found.</summary>
    string Provider(ProviderReason why);
    /// <summary>Why a provider's device was not bound.</summary>
    string ProviderUnbound(ProviderUnbound why);
    /// <summary>Why the OF core (or a parent's driver) created no device for a node.</summary>
    string NoDevice(NoDeviceReason why);
    /// <summary>Which really_probe step failed, with its errno.</summary>
    string ProbeFailure(ProbeFailure failure);
    /// <summary>The of_iommu_configure rule that applied.</summary>
    string OfIommuRule(OfIommuRule rule);
    /// <summary>Why a device has no IOMMU, or the DMA problem the model sees.</summary>
    string DmaNote(DmaNote note);
    /// <summary>Why a device ended as it did (the note of a result's device).</summary>
    string OutcomeNote(OutcomeNote note);
    /// <summary>Why a supplier of an explanation's chain is in its state.</summary>
    string ExplainDetail(ExplainDetail detail);
    /// <summary>A root cause: its subject and why.</summary>
    string RootCause(RootCause root);
    /// <summary>An explanation's one-line summary, with its first root cause.</summary>
    string Summary(Explanation explanation);
    /// <summary>One fact an explanation rests on.</summary>
    string BasisLine(BasisLine line);
    /// <summary>What a broken invariant found.</summary>
    string Finding(ProbeSim.Checking.Invariants.Finding finding);
    /// <summary>Why a device changed in a corpus diff, with DT paths generalised (the line that groups changes).</summary>
    string ChangeCause(ChangeCause cause);
}
