using ProbeSim.Checking.Explain;
using ProbeSim.Kernel.Of;

namespace ProbeSim.Checking.CorpusDiff;

/// <summary>
/// Why a device changed between the two sides of a corpus diff (<see cref="ChangeCauses"/>), typed; the words, with DT
/// paths generalised so that one cause on different nodes and boards makes one group, are made in ProbeSim.Reports.
/// </summary>
public abstract record ChangeCause
{
    /// <summary>The of_iommu_configure rule that applied differs (null: of_iommu_configure did not run on that side).</summary>
    public sealed record OfIommuRuleChanged(OfIommuRule? Before, OfIommuRule? After) : ChangeCause;

    /// <summary>A root cause of the changed device itself, found on one side only.</summary>
    public sealed record OwnRootCause(bool After, ExplainDetail Detail) : ChangeCause;

    /// <summary>A root cause found on one side only, whose subject did not change.</summary>
    public sealed record RootCauseOnOneSide(bool After, RootCause Root) : ChangeCause;

    /// <summary>Nothing above explains it: the first changed field.</summary>
    public sealed record FieldChanged(string Field, string? Before, string? After) : ChangeCause;

    /// <summary>A cause read back from the JSON of a slice (<c>diff merge</c>): its words, as that run wrote them.</summary>
    public sealed record Written(string Text) : ChangeCause;
}
