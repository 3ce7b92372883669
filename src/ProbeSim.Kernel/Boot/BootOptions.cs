using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Boot;

/// <summary>Everything a boot needs besides the device tree.</summary>
public sealed record BootOptions
{
    /// <summary>Profile name (v4.2 ... v6.18, latest).</summary>
    public string Profile { get; init; } = ProfileLibrary.DefaultProfile;
    /// <summary>Switch overrides, applied in order (--set NAME=VALUE).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Set { get; init; } = Array.Empty<KeyValuePair<string, string>>();
    public string Cmdline { get; init; } = "";
    public IDriverSetSource Drivers { get; init; } = new DefaultDriverSet();
    public bool RecordNotifiers { get; init; } = true;
    /// <summary>Stop this many seconds after late_initcall (null: run every scheduled event).</summary>
    public double? StopAfterSeconds { get; init; }
    /// <summary>Stop at this uptime of the model's clock, no earlier than late_initcall (--until uptime:T); null: no stop.</summary>
    public double? StopAtUptimeSeconds { get; init; }

    /// <summary>The profile with the overrides applied (throws <see cref="ProfileException"/> on a bad name or value).</summary>
    // the library's profiles are immutable and shared: without --set no copy is made (a copy re-parses every setting,
    // about 2% of booting a corpus from source)
    public KernelProfile ResolveProfile() => Set.Count == 0 ? ProfileLibrary.Default.Get(Profile) : ProfileLibrary.Default.Get(Profile).With(Set);

    /// <summary>Options with a scenario file's profile, cmdline and switches underneath the ones given here.</summary>
    public BootOptions WithScenario(ScenarioFile scenario, bool profileGiven) => this with
    {
        Profile = !profileGiven && scenario.Profile is not null ? scenario.Profile : Profile,
        Cmdline = string.Join(" ", new[] { scenario.Cmdline ?? "", Cmdline }.Where(s => s.Length > 0)),
        Set = scenario.Set.Concat(Set).ToList(),
        Drivers = scenario.Over(Drivers),
        Pci = Pci ?? scenario.Pci,
        PciGivenBy = Pci is null ? null : PciGivenBy,
        Arm32 = Arm32 ?? scenario.Arm32,
    };

    /// <summary>Board architecture: arm32 or arm64; null = guessed from the CPU nodes (<see cref="BoardArch.IsArm32"/>).</summary>
    public bool? Arm32 { get; init; }
    /// <summary>The PCI hierarchy below the host bridge (scenario <c>pci:</c>, <c>--pci</c>), or null.</summary>
    public ProbeSim.Kernel.Pci.PciTopology? Pci { get; init; }
    /// <summary>The option that gave <see cref="Pci"/> (<c>--pci</c>), named in messages; null when it came from a file's <c>pci:</c>.</summary>
    public string? PciGivenBy { get; init; }
    /// <summary>An x86 ACPI machine to boot instead of a device-tree board (the tree given is then empty); null: a DT board.</summary>
    public ProbeSim.Kernel.X86.X86MachineInputs? X86 { get; init; }
    /// <summary>Model DMA configuration and the IOMMU (default); false boots the driver core alone (for benchmarks).</summary>
    public bool DmaModel { get; init; } = true;

    /// <summary>Boots one board.</summary>
    public BootResult Boot(DtTree tree, string board) => CreateKernel(tree, board).Boot();

    /// <summary>The profile, driver set and architecture resolved once, for many boots of the same board (exploration).</summary>
    public PreparedBoot Prepare(DtTree tree, string board) =>
        new(this, tree, board, ResolveProfile(), ResolveFor(tree, board), Arm32 ?? BoardArch.IsArm32(tree));

    /// <summary>A kernel ready to boot, for callers that look at its state afterwards (explain, invariants, exploration).</summary>
    public Kernel CreateKernel(DtTree tree, string board) =>
        new(tree, ResolveProfile(), ResolveFor(tree, board), Cmdline, board, x86: PrepareX86(ResolveProfile()))
        {
            RecordNotifiers = RecordNotifiers, StopAfterSeconds = StopAfterSeconds, StopAtUptimeSeconds = StopAtUptimeSeconds,
            Arm32 = Arm32 ?? BoardArch.IsArm32(tree), PciTopology = Pci, DmaModel = DmaModel,
        };

    /// <summary>The x86 platform for this command line, or null for a DT board.</summary>
    internal ProbeSim.Kernel.X86.X86Platform? PrepareX86(KernelProfile profile) =>
        X86 is { } m ? ProbeSim.Kernel.X86.X86Platform.Prepare(m.Acpi, m.Pci, m.Config, Cmdline, profile.Settings.PciQuirks) : null;

    /// <summary>
    /// The driver set for the board, with the inputs checked against the board: the PCI hierarchy needs a host bridge
    /// node (<see cref="ProbeSim.Kernel.Pci.PciHostCheck"/>), the scenario's actions must name devices, drivers and
    /// modules that exist (<see cref="ScenarioActionCheck"/>). Throws <see cref="ProbeSim.Kernel.Pci.PciTopologyException"/>
    /// or <see cref="ScenarioException"/> (file:line:col).
    /// </summary>
    public DriverSet ResolveFor(DtTree tree, string board)
    {
        if (Pci is not null) ProbeSim.Kernel.Pci.PciHostCheck.Check(Pci, tree, board, PciGivenBy);
        var drivers = Drivers.Resolve(tree);
        ScenarioActionCheck.Check(drivers, tree, board, Pci ?? X86?.Pci);
        return drivers;
    }
}

/// <summary>A board with its boot options resolved: makes fresh kernels that share the immutable inputs.</summary>
public sealed class PreparedBoot
{
    private readonly BootOptions _o;
    private readonly KernelProfile _profile;
    private readonly DriverSet _drivers;
    private readonly bool _arm32;

    internal PreparedBoot(BootOptions o, DtTree tree, string board, KernelProfile profile, DriverSet drivers, bool arm32)
    {
        _o = o; Tree = tree; Board = board; _profile = profile; _drivers = drivers; _arm32 = arm32;
        _tables = new BootTables(tree, profile, o.Cmdline);
        // the hierarchy with the profile's quirks once, for every kernel
        _pci = o.Pci?.WithQuirks(profile.Settings.PciQuirks);
        _x86 = o.PrepareX86(profile);
    }

    private readonly ProbeSim.Kernel.Pci.PciTopology? _pci;
    private readonly ProbeSim.Kernel.X86.X86Platform? _x86;

    private readonly BootTables _tables;

    public DtTree Tree { get; }
    public string Board { get; }
    public string ProfileName => _profile.Name;
    public string DriverSetName => _drivers.Name;

    /// <summary>A new kernel for one boot; <paramref name="quiet"/> skips the result, the notifier record and the log.</summary>
    public Kernel NewKernel(IBootSchedule? schedule = null, bool quiet = false) =>
        new(Tree, _profile, _drivers, _o.Cmdline, Board, _tables, _x86)
        {
            RecordNotifiers = !quiet && _o.RecordNotifiers, RecordLog = !quiet, StopAfterSeconds = _o.StopAfterSeconds, StopAtUptimeSeconds = _o.StopAtUptimeSeconds,
            Arm32 = _arm32, PciTopology = _pci, DmaModel = _o.DmaModel,
            Schedule = schedule ?? DefaultBootSchedule.Instance, BuildResults = !quiet,
        };
}
