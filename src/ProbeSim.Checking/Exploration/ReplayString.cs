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

    /// <summary>The longest schedule a replay string may name (a position past it is refused before any boot).</summary>
    public const int MaxPosition = 1_000_000;

    /// <summary>
    /// The choices a replay string names, option 0 at the positions it leaves out; the list ends at the last position named.
    /// Whether the positions and options exist is known only once the schedule runs (<see cref="Explorer"/> checks it).
    /// </summary>
    public static IReadOnlyList<int> Parse(string text)
    {
        var list = new List<int>();
        if (text.Trim() is "" or "default") return list;
        var named = new HashSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            int c = part.IndexOf(':');
            if (c <= 0 || !int.TryParse(part[..c], NumberStyles.None, CultureInfo.InvariantCulture, out int pos)
                || !int.TryParse(part[(c + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int opt))
                throw new ArgumentException(part.Length == 0
                    ? $"--replay: an empty entry in '{text}' (write POSITION:OPTION,..., e.g. 11:1,14:2, or default)"
                    : $"--replay: '{part}' is not POSITION:OPTION (whole numbers, e.g. 11:1,14:2, or default)");
            if (pos > MaxPosition) throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--replay: position {pos} is past the end of any schedule (at most {MaxPosition})"));
            if (!named.Add(pos)) throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--replay: position {pos} is given twice"));
            while (list.Count <= pos) list.Add(0);
            list[pos] = opt;
        }
        return list;
    }
}
