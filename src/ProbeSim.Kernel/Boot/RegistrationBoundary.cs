using ProbeSim.Kernel.DriverCore;

namespace ProbeSim.Kernel.Boot;

/// <summary>
/// Where a scheduled boot is between two registrations of an initcall level (do_initcall_level): the level, the
/// registration group, the drivers of the group not registered yet and the last one registered (for the choice labels).
/// It is the boot's program counter at a choice point, kept in kernel state so that <see cref="Kernel.Fork"/> can copy
/// it and the copy can resume there (<see cref="Kernel.Resume"/>).
/// </summary>
internal sealed class RegistrationBoundary(int level, int group, RemainingItems<Driver> rest)
{
    /// <summary>The index of the initcall level (Kernel.InitcallLevels).</summary>
    public int Level { get; } = level;
    /// <summary>The index of the registration group within the level (BootTables.RegistrationGroups).</summary>
    public int Group { get; } = group;
    public RemainingItems<Driver> Rest { get; } = rest;
    public Driver? Last { get; set; }

    /// <summary>The same position in a forked kernel: its own drivers.</summary>
    public RegistrationBoundary CopyFor(Func<Driver, Driver> map) =>
        new(Level, Group, Rest.Copy(map)) { Last = Last is null ? null : map(Last) };
}
