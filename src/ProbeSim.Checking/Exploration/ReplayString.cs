using System.Globalization;

namespace ProbeSim.Checking.Exploration;

/// <summary>A schedule as text: the non-default choices as POSITION:OPTION, comma-separated ("" is the default schedule).</summary>
public static class ReplayString
{
    public static string Format(IReadOnlyList<int> choices)
    {
        var parts = new List<string>();
        for (int i = 0; i < choices.Count; i++)
            if (choices[i] != 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{i}:{choices[i]}"));
        return parts.Count == 0 ? "default" : string.Join(",", parts);
    }

    public static IReadOnlyList<int> Parse(string text)
    {
        var list = new List<int>();
        if (text.Trim() is "" or "default") return list;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int c = part.IndexOf(':');
            if (c <= 0 || !int.TryParse(part[..c], NumberStyles.None, CultureInfo.InvariantCulture, out int pos)
                || !int.TryParse(part[(c + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int opt) || pos > 1_000_000)
                throw new ArgumentException($"--replay: '{part}' is not POSITION:OPTION");
            while (list.Count <= pos) list.Add(0);
            list[pos] = opt;
        }
        return list;
    }
}
