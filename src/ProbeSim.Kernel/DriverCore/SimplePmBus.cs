using ProbeSim.Kernel.Boot;

namespace ProbeSim.Kernel.DriverCore;

internal sealed partial class DriverModel
{
    /// <summary>simple_pm_bus_of_match entries marked ONLY_BUS, plus the driver's own compatible.</summary>
    internal static readonly string[] SimplePmBusCompatibles = { "simple-pm-bus", "simple-bus", "simple-mfd", "isa", "arm,amba-bus" };

    internal static bool IsSimplePmBus(Driver? drv) => drv?.Name == "simple-pm-bus";

    // simple_pm_bus_probe: an ONLY_BUS match binds only when that compatible is the node's first one
    private static bool SimplePmBusRejects(Device dev) =>
        dev.Node?.Compatible.FirstOrDefault() is { } first && !SimplePmBusCompatibles.Contains(first);
}
