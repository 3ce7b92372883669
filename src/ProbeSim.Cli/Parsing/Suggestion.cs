namespace ProbeSim.Cli.Parsing;

/// <summary>The known word closest to a mistyped one (<c>--budgit</c>: <c>--budget</c>), when one is close enough to be meant.</summary>
public static class Suggestion
{
    public static string? Closest(string typed, IEnumerable<string> known)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var k in known.Distinct(StringComparer.Ordinal))
        {
            int d = Distance(typed, k);
            // a prefix of three or more letters names the word too (--strat for --strategy)
            if (typed.TrimStart('-').Length >= 3 && k.StartsWith(typed, StringComparison.Ordinal)) d = Math.Min(d, 1);
            if (d < bestDistance) { best = k; bestDistance = d; }
        }
        // one letter (-x) is too short to guess from; one mistake in a short word, two in a long one
        int letters = typed.TrimStart('-').Length;
        int allowed = letters <= 1 ? 0 : letters < 6 ? 1 : 2;
        return best is not null && bestDistance <= allowed ? best : null;
    }

    /// <summary>Levenshtein distance (insertions, deletions, substitutions), with an adjacent swap counting one.</summary>
    internal static int Distance(string a, string b)
    {
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
        return d[a.Length, b.Length];
    }
}
