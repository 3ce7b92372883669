namespace ProbeSim.Reports.KernelDrivers;

/// <summary>
/// The known names close to a query nobody matched: those it starts (three letters or more), and those within a small
/// edit distance (one mistake in a short word, two in a long one); nearest first, at most <see cref="Max"/>.
/// </summary>
public static class CloseNames
{
    public const int Max = 5;

    public static IReadOnlyList<string> Of(string query, IEnumerable<string> known)
    {
        if (query.Length < 2) return [];
        int allowed = query.Length < 6 ? 1 : 2;
        var scored = new List<(int Score, string Name)>();
        foreach (var k in known.Distinct(StringComparer.Ordinal))
        {
            int d = query.Length >= 3 && k.StartsWith(query, StringComparison.OrdinalIgnoreCase) ? 0 : Distance(query, k, allowed);
            if (d <= allowed) scored.Add((d, k));
        }
        return scored.OrderBy(s => s.Score).ThenBy(s => s.Name.Length).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Take(Max).Select(s => s.Name).ToList();
    }

    /// <summary>Levenshtein distance ignoring case, an adjacent swap counting one; anything above <paramref name="limit"/> is limit + 1.</summary>
    internal static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit) return limit + 1;
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        return Math.Min(limit + 1, Text.EditDistance.Of(a, b));
    }
}
