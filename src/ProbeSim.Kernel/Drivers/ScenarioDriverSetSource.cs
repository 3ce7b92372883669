using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Drivers;

/// <summary>
/// A base driver-set source with a scenario file applied. <see cref="Resolve"/> resolves the base for the board, then:
/// <list type="number">
/// <item><c>modules</c> replaces CONFIG_MODULES; <c>module-autoload-at</c> replaces the coldplug time, and every module
/// driver whose LoadAt was the base's coldplug time moves with it.</item>
/// <item><c>drivers</c> entries, in file order. The target is the first driver whose table has one of the entry's
/// compatibles (one on the entry's <c>bus</c> preferred); failing that, for a non-platform entry, the first AMBA driver
/// whose id table matches the peripheral ID of the compatibles (ARM part number, or a PrimeCell node of the board).
/// A target is changed: given keys replace its values, listed compatibles it lacks are appended to its table,
/// <c>as: absent</c> marks it <see cref="DriverAvailability.Absent"/> (it stays in the list, for explanations, and binds
/// nothing — none of its compatibles has a driver any more). Without a target a new driver is appended (registration
/// after the base's drivers), named like the default set, built-in, level device, platform unless <c>bus: amba</c> or
/// <c>amba-id</c>; an AMBA driver without <c>amba-id</c> gets the ID of its compatibles' part number, and keeps the
/// compatibles for the model's OF fallback. <c>as: absent</c> without a target does nothing. A module without
/// <c>load-at</c> is loaded at the coldplug time (null = never).</item>
/// <item><c>order</c>: the named drivers take the positions they occupied together, in the order given.</item>
/// <item><c>nodes</c> become <see cref="NodeOverride"/>s after the base's; the path must exist in the board and
/// <c>driver</c> must name a driver of the resulting set.</item>
/// <item><c>actions</c> are appended to the base's.</item>
/// </list>
/// Resolve-time errors (unknown path, driver name, or a key that does not fit the target) are <see cref="ScenarioException"/>s.
/// </summary>
public sealed class ScenarioDriverSetSource : IDriverSetSource
{
    public ScenarioDriverSetSource(IDriverSetSource baseSource, ScenarioFile scenario)
    {
        Base = baseSource;
        Scenario = scenario;
    }

    public IDriverSetSource Base { get; }

    public ScenarioFile Scenario { get; }

    /// <summary><c>base+scenario-file-name</c>.</summary>
    public string Name => $"{Base.Name}+{Path.GetFileName(Scenario.File)}";

    public DriverSet Resolve(DtTree tree)
    {
        var set = Base.Resolve(tree);
        var autoloadAt = set.ModuleAutoloadAt;
        var drivers = set.Drivers.ToList();
        if (Scenario.ModuleAutoloadAt is { } newAutoload)
        {
            for (var i = 0; i < drivers.Count; i++)
                if (drivers[i].Availability == DriverAvailability.Module && drivers[i].LoadAt == autoloadAt)
                    drivers[i] = drivers[i] with { LoadAt = newAutoload.Seconds };
            autoloadAt = newAutoload.Seconds;
        }
        foreach (var entry in Scenario.Drivers) ScenarioDriverApply.Apply(drivers, entry, tree, autoloadAt);
        ApplyOrder(drivers);
        return set with
        {
            Name = Name,
            Drivers = drivers.AsReadOnly(),
            Modules = Scenario.Modules ?? set.Modules,
            ModuleAutoloadAt = autoloadAt,
            NodeOverrides = set.NodeOverrides.Concat(Scenario.Nodes.Select(n => Override(n, drivers, tree))).ToArray(),
            Actions = set.Actions.Concat(Scenario.Actions).ToArray(),
        };
    }

    private void ApplyOrder(List<DriverSpec> drivers)
    {
        if (Scenario.Order.Count == 0) return;
        var indices = Scenario.Order.Select(n =>
        {
            var i = drivers.FindIndex(d => d.Name == n.Name);
            return i >= 0 ? i : throw new ScenarioException(n.Location, $"order names unknown driver '{n.Name}'");
        }).ToArray();
        var moved = indices.Select(i => drivers[i]).ToArray();
        var slots = indices.Order().ToArray();
        for (var k = 0; k < slots.Length; k++) drivers[slots[k]] = moved[k];
    }

    private static NodeOverride Override(ScenarioNodeEntry n, List<DriverSpec> drivers, DtTree tree)
    {
        if (tree.FindByPath(n.Path) is null) throw new ScenarioException(n.PathLocation, $"no node {n.Path} in this device tree");
        DriverSpec? driver = null;
        if (n.Driver is not null)
            driver = drivers.Find(d => d.Name == n.Driver)
                     ?? throw new ScenarioException(n.DriverLocation!.Value, $"unknown driver '{n.Driver}'");
        return new NodeOverride(n.Path, driver, n.Availability);
    }
}
