namespace ProbeSim.Checking.Exploration;

using Kernel = ProbeSim.Kernel.Boot.Kernel;

/// <summary>
/// A kernel forked at a registration boundary (never run itself) with the schedule's state there: every schedule whose
/// choices begin with <see cref="State"/>'s starts from a fork of it instead of a fresh boot.
/// </summary>
internal sealed record BootSnapshot(Kernel Kernel, ScheduleState State)
{
    /// <summary>How many choices were made before the boundary.</summary>
    public int Consumed => State.Choices.Length;

    /// <summary>Takes a snapshot of a running kernel at the boundary it is at, or null when the kernel refuses to fork.</summary>
    public static BootSnapshot? Take(Kernel k, ExplorationSchedule schedule) =>
        k.Fork(k.Schedule) is { } copy ? new BootSnapshot(copy, schedule.Save()) : null;

    /// <summary>Whether a schedule replaying <paramref name="prefix"/> makes this snapshot's choices first.</summary>
    public bool Starts(IReadOnlyList<int> prefix)
    {
        if (prefix.Count < Consumed) return false;
        for (int i = 0; i < Consumed; i++)
            if (State.Choices[i].Chosen != prefix[i]) return false;
        return true;
    }

    /// <summary>A fork of the snapshot's kernel under <paramref name="schedule"/>, the schedule started from the snapshot's state.</summary>
    public Kernel Start(ExplorationSchedule schedule)
    {
        var k = Kernel.Fork(schedule) ?? throw new InvalidOperationException("a snapshot's kernel refused to fork: " + Kernel.ForkRefusal);
        schedule.Restore(State);
        return k;
    }
}
