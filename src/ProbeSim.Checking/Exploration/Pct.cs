namespace ProbeSim.Checking.Exploration;

/// <summary>
/// Probabilistic concurrency testing (Burckhardt et al., ASPLOS 2010) adapted to choice points: every option label
/// (a driver, a device's probe) gets a random priority; a choice takes the option with the highest priority; at
/// <c>depth - 1</c> random change points the chosen option drops to the lowest priority.
/// </summary>
internal sealed class Pct
{
    private readonly Random _rng;
    private readonly Dictionary<string, int> _priority = new(StringComparer.Ordinal);
    private readonly HashSet<int> _changePoints;
    private int _lowest = -1;

    public Pct(int seed, int depth, int expectedChoices)
    {
        _rng = new Random(seed);
        _changePoints = new HashSet<int>();
        int k = Math.Max(1, expectedChoices);
        for (int i = 1; i < depth; i++) _changePoints.Add(_rng.Next(k));
    }

    /// <summary>Picks among options by their subjects' priorities (<paramref name="subject"/>: the choice's actor).</summary>
    public int Pick(int position, int count, Func<int, string> subject)
    {
        int best = 0, bestPriority = int.MinValue;
        for (int i = 0; i < count; i++)
        {
            var key = subject(i);
            if (!_priority.TryGetValue(key, out int p)) _priority[key] = p = _rng.Next(1_000_000);
            if (p > bestPriority) { best = i; bestPriority = p; }
        }
        if (_changePoints.Contains(position)) _priority[subject(best)] = _lowest--;
        return best;
    }
}
