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

    internal static int Distance(string a, string b) => ProbeSim.Reports.Text.EditDistance.Of(a, b);
}
