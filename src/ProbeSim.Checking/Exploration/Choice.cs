using ProbeSim.Kernel.Boot;

namespace ProbeSim.Checking.Exploration;

/// <summary>One choice a schedule made: where, among how many options, which; the label and time when recorded for a trace.</summary>
public sealed record Choice(ChoiceKind Kind, int Count, int Chosen)
{
    /// <summary>The next option a depth-first search tries here (options asleep under partial-order reduction skipped), or -1.</summary>
    public int Next { get; init; } = -1;
    public string? Label { get; init; }
    public long TimeUs { get; init; }
}

/// <summary>Thrown inside a boot to abandon a schedule whose state was already explored.</summary>
internal sealed class PruneException : Exception
{
    public PruneException() : base("state already explored") { }
}
