namespace ProbeSim.Reports.Corpus;

/// <summary>A board of a corpus run that produced no boot result, and why (one line).</summary>
public sealed record BoardFailure(string Board, string Error);
