using System.Globalization;
using ProbeSim.Kernel.Boot;

namespace ProbeSim.Checking.Exploration;

/// <summary>A replayed choice whose option its choice point does not offer.</summary>
public sealed record ReplayMismatch(int Position, int Option, ChoiceKind Kind, int Count);

/// <summary>
/// Checks a <c>--replay</c> string against the schedule it replayed: every position it names must be a choice point
/// of that run and every option one the point offers. The schedule depends on the board, the boot options, <c>--faults</c>
/// and <c>--choices</c>, so a string from another run (or mistyped) ends here instead of silently replaying the default.
/// </summary>
internal static class ReplayCheck
{
    public static void Verify(IReadOnlyList<int> replay, ExplorationSchedule run)
    {
        if (run.OutOfRange is { } bad)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"--replay: option {bad.Option} of choice point {bad.Position} ({TraceBuilder.KindWord(bad.Kind)}) is out of range ({bad.Count} options: 0 to {bad.Count - 1})"));
        int points = run.Choices.Count;
        if (replay.Count <= points) return;
        // the first position named past the end (a given 0 there counts too: the list is as long as the last position named)
        int pos = points;
        while (pos < replay.Count - 1 && replay[pos] == 0) pos++;
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"--replay: position {pos} is past the end of the schedule (this run has {Points(points)}, with this board, --faults and --choices)"));
    }

    private static string Points(int n) => n switch
    {
        0 => "no choice points",
        1 => "1 choice point, 0",
        _ => string.Create(CultureInfo.InvariantCulture, $"{n} choice points, 0 to {n - 1}"),
    };
}
