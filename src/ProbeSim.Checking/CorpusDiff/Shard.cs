using System.Globalization;

namespace ProbeSim.Checking.CorpusDiff;

/// <summary>
/// Which slices of a sharded corpus a result covers: <see cref="Count"/> slices in all, <see cref="Slices"/> (1-based,
/// ascending) of them here. One run holds one slice (<c>--shard K/N</c>); a merge holds several; a whole-corpus run is
/// slice 1 of 1. Board i of the sorted board list (ordinal order of names, 0-based) belongs to slice i mod N + 1, so
/// every board is in exactly one slice and the split depends only on the board names.
/// </summary>
public sealed record Shard
{
    public Shard(int count, IEnumerable<int> slices)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "a corpus has at least one slice");
        var list = slices.Distinct().Order().ToArray();
        if (list.Length == 0) throw new ArgumentException("no slice", nameof(slices));
        if (list[0] < 1 || list[^1] > count) throw new ArgumentOutOfRangeException(nameof(slices), "slices are 1.." + count);
        Count = count;
        Slices = list;
    }

    /// <summary>The whole corpus: slice 1 of 1.</summary>
    public static Shard Whole { get; } = new(1, [1]);

    public int Count { get; }
    public IReadOnlyList<int> Slices { get; }

    /// <summary>Every slice is here.</summary>
    public bool IsComplete => Slices.Count == Count;

    /// <summary>The slices that are not here, ascending.</summary>
    public IReadOnlyList<int> Missing => Enumerable.Range(1, Count).Except(Slices).ToList();

    /// <summary>Whether board number <paramref name="index"/> (0-based, in sorted order) is in one of these slices.</summary>
    public bool Holds(int index) => Slices.Contains(index % Count + 1);

    /// <summary>The boards of these slices, in sorted order.</summary>
    public IReadOnlyList<string> Select(IEnumerable<string> boards) =>
        boards.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Where((_, i) => Holds(i)).ToList();

    /// <summary>Parses <c>K/N</c> (1 &lt;= K &lt;= N).</summary>
    public static Shard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/');
        if (slash > 0 && int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var k)
            && int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            if (n < 1) throw new DiffException(DiffErrorKind.Usage, $"--shard {text}: N must be at least 1");
            if (k < 1 || k > n) throw new DiffException(DiffErrorKind.Usage, $"--shard {text}: K must be between 1 and {n} (K is 1-based)");
            return new Shard(n, [k]);
        }
        throw new DiffException(DiffErrorKind.Usage, $"--shard '{text}': write K/N, e.g. 3/8 for the third of eight slices");
    }

    /// <summary><c>3/8</c>, <c>1,2,4/8</c>; <c>1/1</c> for the whole corpus.</summary>
    public override string ToString() => string.Join(",", Slices.Select(s => s.ToString(CultureInfo.InvariantCulture))) + "/" + Count.ToString(CultureInfo.InvariantCulture);

    public bool Equals(Shard? other) => other is not null && Count == other.Count && Slices.SequenceEqual(other.Slices);

    public override int GetHashCode() => HashCode.Combine(Count, Slices.Count, Slices[0]);
}
