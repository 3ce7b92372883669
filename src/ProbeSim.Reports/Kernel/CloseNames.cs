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
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return Math.Min(d[a.Length, b.Length], limit + 1);
    }
}
