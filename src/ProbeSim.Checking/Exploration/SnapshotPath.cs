namespace ProbeSim.Checking.Exploration;

using Kernel = ProbeSim.Kernel.Boot.Kernel;

/// <summary>
/// The exhaustive search's snapshots along its current depth-first path: a fork at the first registration boundary
/// after every <see cref="Spacing"/> further choices, at most <see cref="Capacity"/> of them. A backtracked schedule starts
/// from the deepest snapshot whose choices begin its replayed prefix; snapshots deeper than the backtrack point are
/// dropped (they are on the branch just finished).
/// </summary>
internal sealed class SnapshotPath
{
    /// <summary>Choices between two snapshots of one path (measured: bench ExplorationBenchmark, docs/checking.md).</summary>
    public const int Spacing = 8;
    /// <summary>At most this many snapshots (kernels) kept at once.</summary>
    public const int Capacity = 64;

    private readonly List<BootSnapshot> _path = new();

    /// <summary>The boundary hook of a schedule on the path: a snapshot when enough choices were made since the last one.</summary>
    public void AtBoundary(Kernel k, ExplorationSchedule schedule)
    {
        int consumed = schedule.Choices.Count;
        int last = _path.Count == 0 ? -Spacing : _path[^1].Consumed;
        if (consumed < last + Spacing || _path.Count >= Capacity) return;
        if (BootSnapshot.Take(k, schedule) is { } s) _path.Add(s);
    }

    /// <summary>The deepest snapshot a schedule replaying <paramref name="prefix"/> can start from (null: a fresh boot); drops the deeper ones.</summary>
    public BootSnapshot? For(IReadOnlyList<int> prefix)
    {
        while (_path.Count > 0 && !(_path[^1].Consumed < prefix.Count && _path[^1].Starts(prefix))) _path.RemoveAt(_path.Count - 1);
        return _path.Count > 0 ? _path[^1] : null;
    }
}
