using ProbeSim.Reports.Reasons;
using System.Globalization;
using ProbeSim.Checking.CorpusDiff;

namespace ProbeSim.Reports.Text;

/// <summary>
/// A corpus diff for people, as plain text: the two sides, then one section per cause (most changed devices first)
/// with a table of its rows (board, device, field, before, after), the boards only one side has, the boards that failed,
/// and a summary line. Absent values show as <c>-</c>. No times, so the same result prints the same bytes. Without
/// headings (<c>--quiet</c>) the sides, the slice line and the summary line are left out.
/// </summary>
public static class CorpusDiffReport
{
    /// <summary>What an absent value (null) is shown as.</summary>
    public const string Absent = "-";

    public static void Write(TextWriter w, CorpusDiffResult r, bool headings = true)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(r);
        var first = true;
        void Gap()
        {
            if (!first) w.Write('\n');
            first = false;
        }
        if (headings)
        {
            w.Write($"a: {r.A.Describe()}\n");
            w.Write($"b: {r.B.Describe()}\n");
            if (!r.Shard.IsComplete || r.Shard.Count > 1)
                w.Write($"slices: {r.Shard}" + (r.Shard.IsComplete ? "\n" : $" (missing: {string.Join(", ", r.Shard.Missing.Select(m => Number(m) + "/" + Number(r.Shard.Count)))})\n"));
            first = false;
        }

        foreach (var group in Groups(r.Changes))
        {
            Gap();
            w.Write($"cause ({Count(group.Devices, "device")} on {Count(group.Boards, "board")}): {group.Cause}\n");
            PlainTable.Write(w, ["BOARD", "DEVICE", "FIELD", "BEFORE", "AFTER"],
                group.Changes.Select(c => (IReadOnlyList<string>)[c.Board, c.Device, c.Field, c.Before ?? Absent, c.After ?? Absent]));
        }

        if (r.OnlyInA.Count > 0 || r.OnlyInB.Count > 0)
        {
            Gap();
            PlainTable.Write(w, ["ONLY IN", "BOARD"],
                r.OnlyInA.Select(b => (IReadOnlyList<string>)["a", b]).Concat(r.OnlyInB.Select(b => (IReadOnlyList<string>)["b", b])));
        }
        if (r.Failures.Count > 0)
        {
            Gap();
            PlainTable.Write(w, ["FAILED BOARD", "SIDE", "ERROR"], r.Failures.Select(f => (IReadOnlyList<string>)[f.Board, f.Side, f.Error]));
        }
        if (!headings) return;
        Gap();
        w.Write(Summary(r) + "\n");
    }

    public static string Format(CorpusDiffResult r, bool headings = true)
    {
        using var w = new StringWriter(CultureInfo.InvariantCulture);
        Write(w, r, headings);
        return w.ToString();
    }

    /// <summary><c>1526 boards, 239625 devices compared: 53 devices changed on 27 boards (212 fields)</c>.</summary>
    public static string Summary(CorpusDiffResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var head = $"{Count(r.Boards, "board")}, {Count(r.Devices, "device")} compared: ";
        var body = r.Changes.Count == 0
            ? "no device changed"
            : $"{Count(r.ChangedDevices, "device")} changed on {Count(r.ChangedBoards, "board")} ({Count(r.Changes.Count, "field")})";
        var tail = r.Failures.Count > 0 ? $"; {Count(r.Failures.Count, "board")} failed" : "";
        return head + body + tail;
    }

    /// <summary>A cause with its changes (in result order), its changed devices and boards.</summary>
    public sealed record CauseGroup(string Cause, IReadOnlyList<DiffChange> Changes, int Devices, int Boards);

    /// <summary>The changes grouped by cause: most changed devices first, then by cause text.</summary>
    public static IReadOnlyList<CauseGroup> Groups(IEnumerable<DiffChange> changes, IReasonWords? words = null) => changes
        .GroupBy(c => ReasonWords.Or(words).ChangeCause(c.Cause), StringComparer.Ordinal)
        .Select(g => new CauseGroup(g.Key, g.ToList(), g.Select(c => (c.Board, c.Device)).Distinct().Count(), g.Select(c => c.Board).Distinct(StringComparer.Ordinal).Count()))
        .OrderByDescending(g => g.Devices)
        .ThenBy(g => g.Cause, StringComparer.Ordinal)
        .ToList();

    private static string Count(int n, string noun) => Number(n) + " " + noun + (n == 1 ? "" : "s");

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
