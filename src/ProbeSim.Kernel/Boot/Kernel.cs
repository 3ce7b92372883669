using System.Runtime.CompilerServices;
using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Dma;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Iommu;
using ProbeSim.Kernel.Of;
using ProbeSim.Kernel.Pci;
using ProbeSim.Kernel.Profiles;
using ProbeSim.Kernel.Providers;
using ProbeSim.Kernel.Vfio;
using ProbeSim.Kernel.X86;

namespace ProbeSim.Kernel.Boot;

/// <summary>
/// One simulated kernel: a device tree, a profile, a driver set and a command line, with its own clock,
/// log, timeline and subsystem objects (the driver core, OF, providers, PCI, the IOMMU core, VFIO, DMA mapping, x86 glue).
/// Nothing is shared between instances except immutable inputs,
/// so many Kernels can boot in parallel.
/// </summary>
public sealed partial class Kernel : IPrintkSink
{
    public Kernel(DtTree tree, KernelProfile profile, DriverSet drivers, string cmdline = "", string board = "board", BootTables? tables = null,
        X86Platform? x86 = null)
    {
        Tree = tree;
        if (tables is not null && !tables.IsFor(tree, profile, cmdline))
            throw new ArgumentException("the shared tables were made for another tree, profile or command line", nameof(tables));
        Tables = tables ?? new BootTables(tree, profile, cmdline);
        Index = Tables.Index;
        Profile = profile;
        S = profile.Settings;
        DriverSet = drivers;
        CommandLine = new KernelCommandLine(cmdline);
        Board = board;
        // the x86 machine before the command line is applied: iommu=pt and the build's IOMMU defaults are read once
        X86 = x86;
        Modules = drivers.Modules;
        // the subsystem objects and the notifier blocks they and the arch code register (registration order = call order)
        DriverCore = new DriverModel(this);
        OfPlatform = new OfPlatform(this);
        Providers = new ProviderCore(this);
        PciCore = new PciCore(this);
        IommuCore = new IommuCore(this);
        Vfio = new VfioCore(this);
        DmaMapping = new DmaMapping(this);
        X86Boot = new X86Boot(this);
        ApplyCommandLine();
    }

    public DtTree Tree { get; }
    public DeviceTreeIndex Index { get; }
    /// <summary>Derived tables shared with the other kernels of the same prepared boot.</summary>
    internal BootTables Tables { get; }

    /// <summary>The resource references of a node, parsed once for every kernel of a prepared boot.</summary>
    internal IReadOnlyList<OfResourceRef> ResourcesOf(DtNode node) => Tables.Resources(node);
    public KernelProfile Profile { get; }
    internal ProfileSettings S { get; }
    public DriverSet DriverSet { get; }
    public KernelCommandLine CommandLine { get; }
    public string Board { get; }

    public BusType Platform => DriverCore.Platform;
    public BusType Amba => DriverCore.Amba;
    public BusType I2c => DriverCore.I2c;
    public BusType Spi => DriverCore.Spi;
    public BusType Pci => DriverCore.Pci;
    public BusType Rsb => DriverCore.Rsb;
    public BusType Spmi => DriverCore.Spmi;
    public BusType Mdio => DriverCore.Mdio;
    /// <summary>Whether DMA configuration and the IOMMU are modelled (off: the driver core alone).</summary>
    public bool DmaModel { get; init; } = true;
    /// <summary>system_state has reached SYSTEM_RUNNING (after the initcalls).</summary>
    public bool SystemRunning { get; private set; }
    public IReadOnlyList<BusType> Buses => DriverCore.Buses;

    private readonly Pci.PciTopology? _pciTopology;

    /// <summary>
    /// The PCI hierarchy below the DT host bridge (YAML or a sysfs dump); null = no PCI devices. What is given is seen
    /// with the profile's built-in quirks (<see cref="Pci.PciTopology.WithQuirks"/>): this kernel's fixups and ACS table.
    /// </summary>
    public Pci.PciTopology? PciTopology
    {
        get => _pciTopology;
        init => _pciTopology = value?.WithQuirks(S.PciQuirks);
    }

    /// <summary>The x86 machine this kernel boots (ACPI tables, PCI functions, build options), or null for a device-tree board.</summary>
    public X86Platform? X86 { get; }

    /// <summary>The x86 boot glue: DMAR detection, the ACPI root scan, pci_iommu_init (X86/X86Boot.cs).</summary>
    internal X86Boot X86Boot { get; }

    /// <summary>VFIO and iommufd's user actions, the VFIO group notifier (Vfio/VfioCore.cs).</summary>
    internal VfioCore Vfio { get; }

    /// <summary>The driver core: buses, drivers, devices, fwnodes, links, deferred probe (DriverCore/*.cs).</summary>
    internal DriverModel DriverCore { get; }

    /// <summary>The OF core's device side: early tables, OF_POPULATED, of_platform_populate, of_dma/iommu_configure (Of/OfPlatform*.cs).</summary>
    internal OfPlatform OfPlatform { get; }

    /// <summary>The PCI core: the host bridge's scan, the PCI bus's match and DMA set-up, pci_device_group (Pci/PciCore*.cs).</summary>
    internal PciCore PciCore { get; }

    /// <summary>DMA mapping: arch DMA ops, dma_configure, the DMA data plane and its history (Dma/DmaMapping*.cs).</summary>
    internal DmaMapping DmaMapping { get; }

    /// <summary>The resource providers' lookups and getters (Providers/ProviderCore*.cs).</summary>
    internal ProviderCore Providers { get; }

    /// <summary>Whether the provider of a node has registered (the lookup the getters make), for explanations.</summary>
    internal ProviderState Provider(DtNode target, Drivers.EarlyTable? earlyKind) => Providers.Lookup(target, earlyKind);

    /// <summary>The IOMMU core: instances, bus ops, groups, domains (Iommu/IommuCore*.cs).</summary>
    internal IommuCore IommuCore { get; }

    /// <summary>Registered IOMMU instances (iommu_device_list), in registration order.</summary>
    public IReadOnlyList<IommuInstance> Iommus => IommuCore.Registered;

    /// <summary>Live IOMMU groups in id order.</summary>
    public IEnumerable<IommuGroup> IommuGroups => IommuCore.Groups;

    /// <summary>Board architecture: arm32 has no IOMMU_DMA (no DMA default domains) and its own DMA-mapping code.</summary>
    public bool Arm32 { get; init; }

    /// <summary>CONFIG_MODULES.</summary>
    public bool Modules { get; }
    /// <summary>Current simulated time, µs since boot.</summary>
    public long NowUs { get; private set; }
    /// <summary>Time late_initcall ran (user space starts right after), µs.</summary>
    public long LateInitcallUs { get; private set; }
    public bool Booted { get; private set; }

    private readonly List<LogLine> _log = new();
    private readonly List<NotifierEvent> _notifiers = new();
    private readonly List<ActionOutcome> _actionResults = new();
    private string? _crash;

    // the state digest of what this file holds (Boot/StateHash.cs composes the parts)
    private static readonly DigestFields KernelFields = new(typeof(Kernel),
        [nameof(SystemRunning), nameof(NowUs), nameof(LateInitcallUs), nameof(Booted), nameof(DriverCore), nameof(OfPlatform), nameof(Providers), nameof(PciCore), nameof(DmaMapping), nameof(IommuCore),
         nameof(_crash)],
        (nameof(Tree), DigestFields.Input), (nameof(Index), DigestFields.Input), (nameof(Tables), DigestFields.Input), (nameof(_pciTopology), DigestFields.Input),
        (nameof(Profile), DigestFields.Input), (nameof(S), DigestFields.Input), (nameof(DriverSet), DigestFields.Input),
        (nameof(CommandLine), DigestFields.Input), (nameof(Board), DigestFields.Input), (nameof(DmaModel), DigestFields.Input),
        (nameof(Arm32), DigestFields.Input), (nameof(Modules), DigestFields.Input), (nameof(X86), DigestFields.Input),
        (nameof(X86Boot), DigestFields.Wiring + " (the x86 boot glue holds no state of its own)"),
        (nameof(Vfio), DigestFields.Wiring + " (VFIO holds no state of its own: a group's container is the group's)"),
        (nameof(_log), DigestFields.Log), (nameof(_notifiers), DigestFields.Log),
        (nameof(_actionResults), DigestFields.Log + " (the user actions' return codes)"),
        (nameof(Schedule), "the schedule deciding the choices: the explorer's side, not the kernel's"),
        (nameof(RecordNotifiers), DigestFields.Input), (nameof(RecordLog), DigestFields.Input));

    /// <summary>The clock, the system state, the crash (the devices, buses and fwnodes are the driver core's).</summary>
    private void DigestKernel(ref StateDigest d)
    {
        d.Add(NowUs);
        d.Add(LateInitcallUs);
        d.Add(StateDigest.Flags(SystemRunning, Booted));
        d.Add(_crash);
    }

    public IReadOnlyList<LogLine> Log => _log;
    public IReadOnlyList<NotifierEvent> Notifiers => _notifiers;
    public IReadOnlyList<Device> Devices => DriverCore.Devices;

    /// <summary>Every driver of the boot (the driver set's, simple-pm-bus, the implicit PCI/VFIO drivers), registered or not.</summary>
    internal IReadOnlyList<Driver> AllDrivers => DriverCore.AllDrivers;

    /// <summary>Decides the ordering choices and injected faults of this boot (default: the link order, no faults).</summary>
    public IBootSchedule Schedule { get; init; } = DefaultBootSchedule.Instance;

    /// <summary>Whether bus notifier events are recorded (on by default; corpus runs may turn it off).</summary>
    public bool RecordNotifiers { get; init; } = true;

    public Device? FindDevice(string name) => DriverCore.FindDevice(name);

    /// <summary>The drivers <c>PrepareImplicitDrivers</c> adds when the driver set does not name them.</summary>
    public static IReadOnlyList<string> ImplicitDriverNames => DriverModel.ImplicitDriverNames;

    // --- time and log

    internal void Tick(long us) => NowUs += us;

    /// <summary>The boot oopsed (a NULL dereference in a DMA path): the first crash is the one kept.</summary>
    internal void Oops(string text) => _crash ??= text;

    /// <summary>BUG_ON hit: the kernel stops with this message.</summary>
    internal void Bug(string text) => _crash = text;

    /// <summary>Starts the debug lines the model adds where the kernel prints nothing (docs/kernel/iommu-of-declare-and-notifiers.md).</summary>
    public const string ModelLogPrefix = "probesim: ";

    internal void Printk(LogLevel level, string text, Device? dev = null)
    {
        if (RecordLog) _log.Add(new LogLine(NowUs, level, text, dev?.Name));
    }

    internal void Printk(LogLevel level, [InterpolatedStringHandlerArgument("")] ref KernelLogText text, Device? dev = null)
    {
        if (RecordLog) _log.Add(new LogLine(NowUs, level, text.Take(), dev?.Name));
    }

    /// <summary>dev_printk: "&lt;driver-or-bus&gt; &lt;device&gt;: text".</summary>
    internal void DevPrintk(LogLevel level, Device dev, string text)
    {
        if (RecordLog) _log.Add(new LogLine(NowUs, level, $"{dev.DriverString} {dev.Name}: {text}", dev.Name));
    }

    internal void DevPrintk(LogLevel level, Device dev, [InterpolatedStringHandlerArgument("")] ref KernelLogText text)
    {
        if (RecordLog) _log.Add(new LogLine(NowUs, level, $"{dev.DriverString} {dev.Name}: {text.Take()}", dev.Name));
    }

    /// <summary>Whether printk lines are kept (on by default; a schedule explorer's quiet runs turn it off and format no message).</summary>
    public bool RecordLog { get; init; } = true;

    /// <summary>bus_notify: records the event (boot --notifiers), then calls the device's bus notifier chain.</summary>
    internal void Notify(BusNotify action, Device dev)
    {
        if (RecordNotifiers) _notifiers.Add(new NotifierEvent(NowUs, BusNotifyNames.Name(action), dev.Name, dev.Driver?.Name));
        dev.Bus.Notifier.Call(action, dev);
    }
}
