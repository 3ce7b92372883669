using ProbeSim.Fuzz.Core;

namespace ProbeSim.Fuzz.Harness;

/// <summary>One failed input: which, of what kind, how it ended and the command it ran.</summary>
public sealed record FailureRecord(long Seed, long Index, FuzzKind Kind, Outcome Outcome, int ExitCode, string Signature, string Detail, string Command)
{
    public string Id => $"{Seed}:{Index}";
}
