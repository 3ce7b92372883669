namespace ProbeSim.Kernel.Dma;

/// <summary>
/// Simulated time in microseconds with one-shot timers (timer_list). Nothing reads the wall clock; time moves only
/// through <see cref="Advance"/>. Timers due at the same instant fire in the order they were armed.
/// </summary>
public sealed class DmaClock
{
    private readonly List<(ulong Due, long Seq, Action Fire)> _timers = new();
    private long _seq;

    public ulong NowUs { get; private set; }

    /// <summary>mod_timer(): fire <paramref name="fire"/> at <paramref name="dueUs"/>.</summary>
    public void Schedule(ulong dueUs, Action fire) => _timers.Add((dueUs, _seq++, fire));

    public int PendingTimers => _timers.Count;

    /// <summary>Moves time forward, firing every timer that falls due on the way, at its own instant.</summary>
    public void Advance(ulong us)
    {
        var target = NowUs + us;
        while (true)
        {
            var next = -1;
            for (var i = 0; i < _timers.Count; i++)
            {
                if (_timers[i].Due > target)
                    continue;
                if (next < 0 || _timers[i].Due < _timers[next].Due || (_timers[i].Due == _timers[next].Due && _timers[i].Seq < _timers[next].Seq))
                    next = i;
            }

            if (next < 0)
                break;
            var t = _timers[next];
            _timers.RemoveAt(next);
            NowUs = Math.Max(NowUs, t.Due);
            t.Fire();
        }

        NowUs = target;
    }
}
