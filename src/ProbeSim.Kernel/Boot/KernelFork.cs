using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Boot;

/// <summary>
/// Forking a boot at a registration boundary (docs/architecture.md, "Forking at a registration boundary"): a new kernel
/// made from the same inputs (so its wiring, notifier chains and subsystem objects are its own), with every piece of
/// mutable state copied through an identity map (<see cref="ForkMap"/>). The DigestFields lists of each type are the
/// checklist: every digested field is copied, and each exempt one copied, shared or left to be rebuilt as its reason
/// allows. The copy resumes at the boundary with <see cref="Resume"/>.
/// </summary>
public sealed partial class Kernel
{
    /// <summary>The registration boundary a scheduled boot is at while its schedule looks (AtBoundary), or where a fork resumes.</summary>
    private RegistrationBoundary? _boundary;

    private static readonly DigestFields ForkFields = new(typeof(Kernel), [],
        (nameof(_boundary), "the boot's position at a choice point (the C# stack's part): the choice-point key stands in for it (the kind and number of options)"));

    /// <summary>Why this kernel cannot be forked now, or null when it can.</summary>
    public string? ForkRefusal =>
        _boundary is null ? "not at a registration boundary"
        // the ACPI machine's firmware IOMMU drivers and class devices are not copied
        : X86 is not null ? "an x86 platform is not forked"
        // the DMA data plane (memory, IOVA allocators, page tables, IOTLBs) is not copied: after a DMA script ran the explorer re-boots
        : DmaMapping.ForkRefusal;

    /// <summary>
    /// An independent copy of this kernel at the registration boundary it is at, deciding its choices by
    /// <paramref name="schedule"/>; null when the kernel's state is not copied (<see cref="ForkRefusal"/>). Running the
    /// copy (<see cref="Resume"/>) leaves this kernel as it was.
    /// </summary>
    public Kernel? Fork(IBootSchedule schedule)
    {
        if (ForkRefusal is not null) return null;
        var k = new Kernel(Tree, Profile, DriverSet, Tables.Cmdline, Board, Tables, X86)
        {
            RecordNotifiers = RecordNotifiers, RecordLog = RecordLog, StopAfterSeconds = StopAfterSeconds, StopAtUptimeSeconds = StopAtUptimeSeconds,
            Arm32 = Arm32, PciTopology = PciTopology, DmaModel = DmaModel, Schedule = schedule, BuildResults = BuildResults,
        };
        k.CopyStateFrom(this);
        return k;
    }

    /// <summary>Runs a forked kernel from its registration boundary to the end of the boot, as <see cref="Boot"/> would have.</summary>
    public BootResult Resume()
    {
        var at = _boundary ?? throw new InvalidOperationException("this Kernel is not a fork waiting at a registration boundary");
        _boundary = null;
        return RunInitcalls(at.Level, at);
    }

    private void CopyStateFrom(Kernel from)
    {
        // DriverCore/: the devices and drivers first (made by id), then everything of the driver core, through the map
        var map = DriverCore.CopyFrom(from.DriverCore);

        // Kernel.cs
        SystemRunning = from.SystemRunning;
        NowUs = from.NowUs;
        LateInitcallUs = from.LateInitcallUs;
        Booted = from.Booted;
        _log.AddRange(from._log);
        _notifiers.AddRange(from._notifiers);
        _actionResults.AddRange(from._actionResults);
        _crash = from._crash;

        // BootSequence.cs: the timeline (each event rebuilt from its kind and argument)
        foreach (var (ev, at) in from._events.UnorderedItems) _events.Enqueue(RebuildEvent(ev, map), at);
        _eventSeq = from._eventSeq;
        // BootChoices.cs: the footprints (a cache) start empty: only a level's registration groups read them, and those
        // are computed once per prepared boot (BootTables); the tree's compatible index is shared
        _nodesByCompatible = from._nodesByCompatible;
        // UserSpace.cs (_blacklist: the command line, applied by the constructor)
        _coldplugDone = from._coldplugDone;
        foreach (var (sup, con, t) in from._unboundUnderConsumers) _unboundUnderConsumers.Add((map.Dev(sup), map.Dev(con), t));
        // the subsystem objects copy their own fields (Of/, Pci/ (the topology: an input, given to the constructor), Providers/, Dma/)
        OfPlatform.CopyFrom(from.OfPlatform);
        PciCore.CopyFrom(from.PciCore, map);
        Providers.CopyFrom(from.Providers);
        DmaMapping.CopyFrom(from.DmaMapping, map);
        // Iommu/
        IommuCore.CopyFrom(from.IommuCore, map);
        // the position the fork resumes at
        _boundary = from._boundary!.CopyFor(map.Drv);
    }

    // the action of a timed event, as each call site of At makes it (BootSequence.cs, UserSpace.cs, DeferredProbe.cs)
    private TimedEvent RebuildEvent(TimedEvent ev, ForkMap map)
    {
        int arg = ev.Arg;
        switch (ev.Kind)
        {
            case TimedEventKind.ModuleLoad:
                var drv = DriverCore.AllDrivers[arg];
                return new TimedEvent(() => LoadModule(drv), ev.Kind, arg, ev.ModuleLoad);
            case TimedEventKind.Coldplug:
                return new TimedEvent(Coldplug, ev.Kind, arg);
            case TimedEventKind.UserAction:
                var action = DriverSet.Actions[arg];
                return new TimedEvent(() => RunUserAction(action), ev.Kind, arg);
            case TimedEventKind.UdevLoadFor:
                var dev = DriverCore.Devices[arg];
                return new TimedEvent(() => LoadModulesFor(dev), ev.Kind, arg);
            default:
                return new TimedEvent(() => DriverCore.DeferredProbeTimeoutWorkIfCurrent(arg), ev.Kind, arg);
        }
    }
}
