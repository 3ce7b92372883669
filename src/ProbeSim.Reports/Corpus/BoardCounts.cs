namespace ProbeSim.Reports.Corpus;

/// <summary>How one booted board's devices ended.</summary>
public sealed record BoardCounts(string Board, StateCounts Counts);
