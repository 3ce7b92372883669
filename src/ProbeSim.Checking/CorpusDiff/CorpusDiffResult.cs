namespace ProbeSim.Checking.CorpusDiff;

/// <summary>One field of one device that differs: board, device, field, value on side a (before), on side b (after), and why.</summary>
public sealed record DiffChange(string Board, string Device, string Field, string? Before, string? After, ChangeCause Cause);

/// <summary>A board that could not be read (on side a, b, or both: <c>a</c>, <c>b</c>, <c>a+b</c>).</summary>
public sealed record DiffFailure(string Board, string Side, string Error);

/// <summary>
/// The outcome of a corpus diff (or of several merged slices). Everything is sorted, so the same inputs give the same
/// result: changes by board, device, then field (<see cref="DiffFields.Order"/>); failures and one-sided boards by name.
/// </summary>
public sealed record CorpusDiffResult
{
    public required DiffSideInfo A { get; init; }
    public required DiffSideInfo B { get; init; }
    /// <summary>The slices of the corpus this result covers.</summary>
    public required Shard Shard { get; init; }
    /// <summary>Boards present on both sides (in these slices), booted or failed.</summary>
    public int Boards { get; init; }
    /// <summary>Devices compared on the boards that booted on both sides (paired, or present on one side only).</summary>
    public int Devices { get; init; }
    public IReadOnlyList<DiffChange> Changes { get; init; } = [];
    public IReadOnlyList<DiffFailure> Failures { get; init; } = [];
    /// <summary>Boards (in these slices) that only side a has.</summary>
    public IReadOnlyList<string> OnlyInA { get; init; } = [];
    /// <summary>Boards (in these slices) that only side b has.</summary>
    public IReadOnlyList<string> OnlyInB { get; init; } = [];

    /// <summary>How many devices have at least one change.</summary>
    public int ChangedDevices => Changes.Select(c => (c.Board, c.Device)).Distinct().Count();

    /// <summary>How many boards have at least one change.</summary>
    public int ChangedBoards => Changes.Select(c => c.Board).Distinct(StringComparer.Ordinal).Count();

    /// <summary>The order changes are kept in: board, device, field rank, then the values (for merged inputs).</summary>
    public static IReadOnlyList<DiffChange> Sorted(IEnumerable<DiffChange> changes) => changes
        .OrderBy(c => c.Board, StringComparer.Ordinal)
        .ThenBy(c => c.Device, StringComparer.Ordinal)
        .ThenBy(c => DiffFields.Rank(c.Field))
        .ThenBy(c => c.Field, StringComparer.Ordinal)
        .ToList();

    /// <summary>Failures by board, then side.</summary>
    public static IReadOnlyList<DiffFailure> Sorted(IEnumerable<DiffFailure> failures) => failures
        .OrderBy(f => f.Board, StringComparer.Ordinal).ThenBy(f => f.Side, StringComparer.Ordinal).ToList();
}
