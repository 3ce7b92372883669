namespace ProbeSim.Reports.Json;

/// <summary>What <see cref="BootJsonWriter"/> leaves out. An omitted section has no property at all (not null).</summary>
public sealed record BootJsonOptions
{
    /// <summary>Write the <c>log</c> array.</summary>
    public bool IncludeLog { get; init; } = true;

    /// <summary>Write the <c>notifiers</c> array.</summary>
    public bool IncludeNotifiers { get; init; } = true;

    /// <summary>Everything.</summary>
    public static BootJsonOptions Default { get; } = new();
}
