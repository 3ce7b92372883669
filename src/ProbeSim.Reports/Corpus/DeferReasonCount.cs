namespace ProbeSim.Reports.Corpus;

/// <summary>How many deferred devices across a corpus ended with one defer reason (empty: no reason recorded).</summary>
public sealed record DeferReasonCount(string Reason, int Count);
