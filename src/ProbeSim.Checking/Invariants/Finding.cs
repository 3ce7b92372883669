using ProbeSim.Checking.Explain;

namespace ProbeSim.Checking.Invariants;

/// <summary>What a broken invariant found, typed; the words are made in ProbeSim.Reports.</summary>
public abstract record Finding;

/// <summary>
/// deferred-forever: the suppliers that will never come (<paramref name="Gone"/>), or none (every supplier is bound:
/// a trigger was lost or nothing retries the device).
/// </summary>
public sealed record DeferredForeverFinding(IReadOnlyList<GoneSupplier> Gone) : Finding
{
    public bool Equals(DeferredForeverFinding? other) => other is not null && Gone.SequenceEqual(other.Gone);
    public override int GetHashCode() => Gone.Aggregate(Gone.Count, (h, g) => h * 31 + g.GetHashCode());
}

/// <summary>A supplier a deferred device waits on that will never come: its relation, the supplier (null: the reference
/// cannot be resolved) and why it is not there.</summary>
public sealed record GoneSupplier(string Relation, string? Subject, ExplainDetail? Detail);

/// <summary>A finding whose message names devices, drivers and kernel values only (no model reason inside).</summary>
public sealed record MessageFinding(string Message) : Finding;
