using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Drivers;

/// <summary>A time in seconds after late_initcall, or "never" (Seconds null).</summary>
public readonly record struct ScenarioTime(double? Seconds)
{
    public static ScenarioTime Never => new(null);

    /// <summary>
    /// The latest time a scenario may name: 10^6 s (about 11.6 days). The simulated clock counts microseconds in a
    /// 64-bit integer; keeping every scenario time (and every DMA wait) this small keeps their sums far inside it.
    /// </summary>
    public const double MaxSeconds = 1_000_000;
}

/// <summary>
/// One <c>drivers:</c> entry of a scenario file. Null members were not given and leave the driver as it is (or take the
/// default for a new driver). Locations point at the entry and at the keys checked when the entry is applied.
/// </summary>
public sealed record ScenarioDriverEntry
{
    /// <summary>The compatible(s) the entry is about; never empty.</summary>
    public required IReadOnlyList<string> Compatibles { get; init; }
    public string? Name { get; init; }
    public DriverBus? Bus { get; init; }
    public DriverAvailability? Availability { get; init; }
    public string? Module { get; init; }
    public ScenarioTime? LoadAt { get; init; }
    public InitcallLevel? Level { get; init; }
    public bool? AsyncProbe { get; init; }
    public bool? PreventDeferredProbe { get; init; }
    public bool? DriverManagedDma { get; init; }
    /// <summary><c>amba-id</c>/<c>amba-mask</c> (mask 0xffffffff when not given): replaces the id table.</summary>
    public AmbaId? AmbaId { get; init; }
    public IReadOnlyList<ProbeStep>? Probe { get; init; }
    /// <summary><c>resources</c>: <see cref="ProbeScript.RequestResources"/>.</summary>
    public bool? RequestResources { get; init; }
    /// <summary><c>populate</c>: <see cref="DriverSpec.PopulatesChildren"/>.</summary>
    public bool? PopulatesChildren { get; init; }
    /// <summary><c>iommu:</c> what an IOMMU driver does (<see cref="IommuDriverSpec"/>).</summary>
    public IommuDriverSpec? Iommu { get; init; }
    public IReadOnlyList<PciId>? PciIds { get; init; }
    public int? DmaMaskBits { get; init; }
    public ulong? DmamAllocBytes { get; init; }
    public IReadOnlyList<DmaStep>? Dma { get; init; }

    /// <summary>Start of the entry (its first key).</summary>
    public required SourceLocation Location { get; init; }
    public SourceLocation? ModuleLocation { get; init; }
    public SourceLocation? LoadAtLocation { get; init; }
    public SourceLocation? AmbaIdLocation { get; init; }
}

/// <summary>
/// One <c>nodes:</c> entry: <c>driver: NAME</c> binds the node to that driver only, <c>driver: none</c> or
/// <c>as: absent</c> leaves it without a driver, <c>as: built-in|module</c> overrides the availability of the node's driver.
/// </summary>
public sealed record ScenarioNodeEntry(
    string Path,
    string? Driver,
    bool NoDriver,
    DriverAvailability? Availability,
    SourceLocation PathLocation,
    SourceLocation? DriverLocation);

/// <summary>A name in the scenario's <c>order:</c> list, with where it is written.</summary>
public sealed record ScenarioName(string Name, SourceLocation Location);
