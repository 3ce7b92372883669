using ProbeSim.Kernel.Boot;

namespace ProbeSim.Checking.Exploration;

using Kernel = ProbeSim.Kernel.Boot.Kernel;

/// <summary>
/// What a schedule has decided by a registration boundary: its choices, the faults fired, the first replay mismatch, the
/// sleep set and the choice faults' budget. A fork of the kernel taken there continues under a new schedule that starts
/// from this state (<see cref="ExplorationSchedule.Restore"/>); its own picking (the random generator, PCT priorities) is
/// the new schedule's, which is why a random schedule forks only from a point before its first choice.
/// </summary>
internal sealed record ScheduleState(Choice[] Choices, (long TimeUs, string Text)[] Fired, ReplayMismatch? OutOfRange, string[] Sleep, int FaultsFired);

internal sealed partial class ExplorationSchedule
{
    /// <summary>Called at each registration boundary (the explorer's snapshot policy; null: nothing).</summary>
    internal Action<Kernel, ExplorationSchedule>? OnBoundary { get; set; }

    public void AtBoundary(Kernel kernel) => OnBoundary?.Invoke(kernel, this);

    /// <summary>This schedule's state now (a copy).</summary>
    internal ScheduleState Save() => new(Choices.ToArray(), Fired.ToArray(), OutOfRange, _sleep.ToArray(), _faultsFired);

    /// <summary>Starts this (fresh) schedule from a saved state: the choices made before the boundary a fork resumes at.</summary>
    internal void Restore(ScheduleState s)
    {
        if (Choices.Count != 0 || Fired.Count != 0) throw new InvalidOperationException("a schedule is restored before it runs");
        Choices.AddRange(s.Choices);
        Fired.AddRange(s.Fired);
        OutOfRange = s.OutOfRange;
        _sleep.UnionWith(s.Sleep);
        _faultsFired = s.FaultsFired;
    }
}
