namespace ProbeSim.Checking.CorpusDiff;

/// <summary>
/// Joins the results of the slices of one sharded diff (<c>probesim diff merge</c>). The slices must have the same sides
/// (every field of a and b), the same slice count and no slice or board twice; missing slices are allowed (the merged
/// result says which are missing) so that a partial sweep can be looked at and merged again later.
/// </summary>
public static class DiffMerge
{
    /// <summary>Merges <paramref name="parts"/> (each with the name of the file it came from, for errors).</summary>
    public static CorpusDiffResult Merge(IReadOnlyList<(string Source, CorpusDiffResult Result)> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0) throw new DiffException(DiffErrorKind.Usage, "diff merge: no input");
        var (firstSource, first) = parts[0];
        var sliceOwner = new Dictionary<int, string>();
        var boardOwner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (source, r) in parts)
        {
            if (r.A != first.A) throw Mismatch(source, firstSource, "a", r.A, first.A);
            if (r.B != first.B) throw Mismatch(source, firstSource, "b", r.B, first.B);
            if (r.Shard.Count != first.Shard.Count)
                throw new DiffException(DiffErrorKind.Input, $"{source}: cut into {r.Shard.Count} slices, but {firstSource} into {first.Shard.Count}");
            foreach (var s in r.Shard.Slices)
                if (!sliceOwner.TryAdd(s, source))
                    throw new DiffException(DiffErrorKind.Input, $"{source} and {sliceOwner[s]} both hold slice {s}/{r.Shard.Count}");
            foreach (var board in r.Changes.Select(c => c.Board).Concat(r.Failures.Select(f => f.Board)).Concat(r.OnlyInA).Concat(r.OnlyInB).Distinct(StringComparer.Ordinal))
                if (!boardOwner.TryAdd(board, source))
                    throw new DiffException(DiffErrorKind.Input, $"{source} and {boardOwner[board]} both report board {board}: they are not slices of one corpus");
        }
        return new CorpusDiffResult
        {
            A = first.A,
            B = first.B,
            Shard = new Shard(first.Shard.Count, sliceOwner.Keys),
            Boards = parts.Sum(p => p.Result.Boards),
            Devices = parts.Sum(p => p.Result.Devices),
            Changes = CorpusDiffResult.Sorted(parts.SelectMany(p => p.Result.Changes)),
            Failures = CorpusDiffResult.Sorted(parts.SelectMany(p => p.Result.Failures)),
            OnlyInA = parts.SelectMany(p => p.Result.OnlyInA).Order(StringComparer.Ordinal).ToList(),
            OnlyInB = parts.SelectMany(p => p.Result.OnlyInB).Order(StringComparer.Ordinal).ToList(),
        };
    }

    private static DiffException Mismatch(string source, string firstSource, string side, DiffSideInfo got, DiffSideInfo want)
    {
        var what = new List<string>();
        void Check(string field, string? x, string? y)
        {
            if (x != y) what.Add($"{field} {Show(x)} vs {Show(y)}");
        }
        Check("spec", got.Spec, want.Spec);
        Check("profile", got.Profile, want.Profile);
        Check("driver set", got.DriverSet, want.DriverSet);
        Check("config", got.Config, want.Config);
        Check("cmdline", got.Cmdline, want.Cmdline);
        Check("corpus", got.Corpus, want.Corpus);
        return new DiffException(DiffErrorKind.Input, $"{source}: side {side} is not the one of {firstSource} ({string.Join(", ", what)}): not slices of one diff");
    }

    private static string Show(string? s) => s is null ? "(none)" : "'" + s + "'";
}
