namespace ProbeSim.Reports.Reasons;

/// <summary>The words reports use unless told otherwise.</summary>
public static class ReasonWords
{
    /// <summary>The model's own words (immutable, shared).</summary>
    public static IReasonWords Default { get; } = new DefaultReasonWords();

    /// <summary>The words to use: the given ones, else <see cref="Default"/>.</summary>
    public static IReasonWords Or(IReasonWords? words) => words ?? Default;
}
