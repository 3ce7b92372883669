namespace ProbeSim.Reports.Json;

/// <summary>What <see cref="BootJsonWriter"/> leaves out. An omitted section has no property at all (not null).</summary>
public sealed record BootJsonOptions
{
    /// <summary>Write the <c>log</c> array.</summary>
    public bool IncludeLog { get; init; } = true;

    /// <summary>Write the <c>notifiers</c> array.</summary>
    public bool IncludeNotifiers { get; init; } = true;

    /// <summary>The words of the devices' notes (default: <see cref="ProbeSim.Reports.Reasons.ReasonWords.Default"/>).</summary>
    public ProbeSim.Reports.Reasons.IReasonWords? Words { get; init; }

    /// <summary>Everything.</summary>
    public static BootJsonOptions Default { get; } = new();
}
