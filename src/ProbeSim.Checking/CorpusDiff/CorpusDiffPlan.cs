using ProbeSim.Kernel.Boot;

namespace ProbeSim.Checking.CorpusDiff;

/// <summary>
/// Which boards a diff boots: the boards of the slice present on both sides (paired by name, in sorted order), and those
/// of the slice that only one side has. The slice is taken over the union of both sides' board names, so a board that
/// one side lacks is still reported by exactly one slice.
/// </summary>
public sealed record CorpusDiffPlan(DiffSide A, DiffSide B, Shard Shard, IReadOnlyList<(CorpusBoard A, CorpusBoard B)> Pairs,
    IReadOnlyList<string> OnlyInA, IReadOnlyList<string> OnlyInB)
{
    public static CorpusDiffPlan Make(DiffSide a, DiffSide b, Shard shard)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(shard);
        var byNameA = ByName(a.Boards);
        var byNameB = ByName(b.Boards);
        var slice = shard.Select(byNameA.Keys.Concat(byNameB.Keys));
        var pairs = new List<(CorpusBoard, CorpusBoard)>();
        var onlyA = new List<string>();
        var onlyB = new List<string>();
        foreach (var name in slice)
        {
            var inA = byNameA.TryGetValue(name, out var ba);
            var inB = byNameB.TryGetValue(name, out var bb);
            if (inA && inB) pairs.Add((ba!, bb!));
            else if (inA) onlyA.Add(name);
            else onlyB.Add(name);
        }
        return new CorpusDiffPlan(a, b, shard, pairs, onlyA, onlyB);
    }

    private static Dictionary<string, CorpusBoard> ByName(IReadOnlyList<CorpusBoard> boards)
    {
        var map = new Dictionary<string, CorpusBoard>(boards.Count, StringComparer.Ordinal);
        foreach (var b in boards) map.TryAdd(b.Name, b);
        return map;
    }
}
