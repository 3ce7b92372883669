using ProbeSim.Kernel.Boot;

namespace ProbeSim.Reports.Corpus;

/// <summary>
/// Collects a corpus run board by board without keeping the boot results (their logs can be large), then builds
/// the <see cref="CorpusBootSummary"/>. Not thread-safe: a parallel run adds under its own lock.
/// </summary>
public sealed class CorpusBootSummaryBuilder
{
    private readonly string _profile;
    private readonly string _driverSet;
    private readonly List<BoardCounts> _boards = [];
    private readonly List<BoardFailure> _failures = [];
    private readonly Dictionary<string, int> _reasons = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _dma = new(StringComparer.Ordinal);
    private int _groups, _iommus;

    /// <summary>A builder for one run's profile and driver-set source.</summary>
    public CorpusBootSummaryBuilder(string profile, string driverSet)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(driverSet);
        _profile = profile;
        _driverSet = driverSet;
    }

    /// <summary>Counts one booted board.</summary>
    public void Add(BootResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _boards.Add(new BoardCounts(result.Board, StateCounts.Of(result.Devices)));
        _groups += result.IommuGroups.Count;
        _iommus += result.Iommus.Count;
        foreach (var d in result.Devices)
        {
            if (d.Dma is { } dma) _dma[dma] = _dma.GetValueOrDefault(dma) + 1;
            if (d.State != DeviceState.Deferred) continue;
            var reason = d.DeferReason ?? "";
            _reasons[reason] = _reasons.GetValueOrDefault(reason) + 1;
        }
    }

    /// <summary>Records a board that produced no result.</summary>
    public void AddFailure(BoardFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        _failures.Add(failure);
    }

    /// <summary>Records a board that produced no result.</summary>
    public void AddFailure(string board, string error) => AddFailure(new BoardFailure(board, error));

    /// <summary>The summary of everything added so far.</summary>
    public CorpusBootSummary Build() => new()
    {
        Profile = _profile,
        DriverSet = _driverSet,
        PerBoard = _boards.OrderBy(b => b.Board, StringComparer.Ordinal).ToArray(),
        FailedBoards = _failures.OrderBy(f => f.Board, StringComparer.Ordinal).ThenBy(f => f.Error, StringComparer.Ordinal).ToArray(),
        States = _boards.Aggregate(default(StateCounts), (sum, b) => sum + b.Counts),
        BoardsWithDeferred = _boards.Count(b => b.Counts.Deferred > 0),
        DeferReasons = _reasons
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new DeferReasonCount(kv.Key, kv.Value))
            .ToArray(),
        DmaOutcomes = _dma.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new DeferReasonCount(kv.Key, kv.Value)).ToArray(),
        IommuGroups = _groups,
        Iommus = _iommus,
    };
}
