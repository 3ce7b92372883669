using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Boot;

public sealed partial class Kernel
{
    private readonly PriorityQueue<TimedEvent, (long, int)> _events = new();
    private int _eventSeq;

    /// <summary>What a timed event is, for the state digest (the action itself is a closure).</summary>
    internal enum TimedEventKind { ModuleLoad, Coldplug, UserAction, UdevLoadFor, DeferredProbeTimeout }

    /// <summary>
    /// An event of the boot's timeline: what runs, the module it loads (a schedule may run that one early) and what it is:
    /// its kind and argument (the driver's index, the user action's index, the device's id, the timeout work's number).
    /// </summary>
    private sealed class TimedEvent(Action run, TimedEventKind kind, int arg, string? moduleLoad = null)
    {
        public Action Run { get; } = run;
        public string? ModuleLoad { get; } = moduleLoad;
        public TimedEventKind Kind { get; } = kind;
        public int Arg { get; } = arg;
    }

    private static readonly DigestFields BootSequenceFields = new(typeof(Kernel),
        [nameof(_events)],
        (nameof(_eventSeq), "only orders events of the same time: the digest keeps the queue in (time, sequence) order, and a new event sorts after every queued one"),
        (nameof(BuildResults), DigestFields.Input), (nameof(StopAfterSeconds), DigestFields.Input), (nameof(StopAtUptimeSeconds), DigestFields.Input));

    /// <summary>
    /// The timeline (each event's time, kind and argument, in the order it runs; a superseded timeout work only as such) and
    /// the drivers: their number here, each registered one through its bus's list (drivers never unregister, so one that
    /// never registered is as it was made).
    /// </summary>
    private void DigestBootSequence(ref StateDigest d)
    {
        d.Add(_events.Count);
        if (_events.Count == 0) return;
        var queued = new (TimedEvent Event, (long Time, int Seq) At)[_events.Count];
        int n = 0;
        foreach (var (ev, at) in _events.UnorderedItems) queued[n++] = (ev, at);
        Array.Sort(queued, static (a, b) => a.At.CompareTo(b.At));
        foreach (var (ev, at) in queued)
        {
            d.Add(at.Time);
            int arg = ev.Kind == TimedEventKind.DeferredProbeTimeout ? (DriverCore.IsCurrentTimeoutWork(ev.Arg) ? 1 : 0) : ev.Arg;
            d.Add((ulong)ev.Kind | (ulong)(uint)arg << 8);
        }
    }

    /// <summary>Runs the boot from the early OF tables to the last scheduled user-space event and returns the outcome.</summary>
    public BootResult Boot()
    {
        if (Booted) throw new InvalidOperationException("this Kernel has already booted");
        Booted = true;
        DriverCore.PrepareDrivers();
        Printk(LogLevel.Info, "Kernel command line: " + CommandLine.Text);
        X86Boot.EarlySetup();

        // time_init / init_IRQ: of_clk_init, of_irq_init, timer_probe
        OfPlatform.RunEarlyTables();

        return RunInitcalls(0, null);
    }

    /// <summary>The initcall levels in the order do_initcalls runs them.</summary>
    private static readonly InitcallLevel[] InitcallLevels =
    [
        InitcallLevel.Early, InitcallLevel.Core, InitcallLevel.Postcore, InitcallLevel.Arch, InitcallLevel.ArchSync,
        InitcallLevel.Subsys, InitcallLevel.Fs, InitcallLevel.Device, InitcallLevel.Late,
    ];

    /// <summary>
    /// The boot from initcall level <paramref name="from"/> on: a fresh boot starts at level 0; a forked kernel resumes at
    /// the registration boundary it was copied at (<paramref name="resume"/>: the level's registration already under way).
    /// </summary>
    private BootResult RunInitcalls(int from, RegistrationBoundary? resume)
    {
        for (int li = from; li < InitcallLevels.Length; li++)
        {
            var level = InitcallLevels[li];
            if (resume is null || resume.Level != li)
            {
                Tick(1000);
                // of_platform_default_populate_init is an arch_initcall_sync; before v4.12 IOMMU_OF_DECLARE hooks ran earlier
                if (level == InitcallLevel.ArchSync)
                {
                    OfPlatform.OfIommuInitEarly();
                    OfPlatform.PopulateDefault();
                }
                if (level == InitcallLevel.Subsys)
                {
                    // drivers/acpi links before drivers/iommu: acpi_init scans the ACPI host bridges first
                    X86Boot.AcpiPciRootScan();
                    IommuCore.IommuSubsysInit();
                }
                // rootfs_initcall(pci_iommu_init) runs between the fs and device levels
                if (level == InitcallLevel.Device) X86Boot.PciIommuInit();
                // deferred_probe_initcall: drivers/base links first among the late initcalls
                if (level == InitcallLevel.Late) DriverCore.DeferredProbeInitcall();
            }
            // do_initcall_level: the level's drivers in link order (a schedule may pick another order)
            RegisterLevel(li, resume is not null && resume.Level == li ? resume : null);
            DriverCore.RunAsyncProbes();
            // deferred_probe_work_func runs on its workqueue once triggered (a no-op before deferred_probe_initcall)
            DriverCore.DeferredWork();
        }
        LateInitcallUs = NowUs;
        // kernel_init: free_initmem, then system_state = SYSTEM_RUNNING
        SystemRunning = true;
        ScheduleUserSpace();
        RunEvents();
        if (Schedule.Active && _crash is null) UnbindAfterBoot();
        return Finish();
    }

    /// <summary>The result of the boot; a schedule explorer that only reads kernel state skips it (<see cref="BuildResults"/>).</summary>
    private BootResult Finish() => BuildResults ? BuildResult() : EmptyResult;

    /// <summary>Whether <see cref="Boot"/> builds the full result (true) or leaves the state to be read from the kernel.</summary>
    public bool BuildResults { get; init; } = true;

    private BootResult EmptyResult => new() { Board = Board, Profile = Profile.Name, Cmdline = CommandLine.Text, DriverSet = DriverSet.Name };

    /// <summary>Whether the kernel crashed (BUG, oops).</summary>
    public string? CrashText => _crash;

    /// <summary>Schedules an action at an absolute simulated time; <paramref name="kind"/> and <paramref name="arg"/> say what it is.</summary>
    internal void At(long timeUs, TimedEventKind kind, int arg, Action action) => _events.Enqueue(new TimedEvent(action, kind, arg), (timeUs, _eventSeq++));

    /// <summary>Schedules a user-space module load (an event a schedule may run early, inside a probe's window).</summary>
    internal void AtModuleLoad(long timeUs, Driver drv) =>
        _events.Enqueue(new TimedEvent(() => LoadModule(drv), TimedEventKind.ModuleLoad, drv.Index, drv.Name), (timeUs, _eventSeq++));

    internal long AfterLate(double seconds) => LateInitcallUs + (long)Math.Round(seconds * 1_000_000);

    private void ScheduleUserSpace()
    {
        var timed = new List<(double At, Driver Drv)>();
        foreach (var drv in DriverCore.AllDrivers)
            // an explicit load time (scenario load-at); the table default is the autoload time, used only through coldplug matching
            if (drv.Spec.Availability == DriverAvailability.Module && drv.Spec.LoadAt is { } t &&
                (DriverSet.ModuleAutoloadAt is null || t != DriverSet.ModuleAutoloadAt) && !IsBlacklisted(drv))
                timed.Add((t, drv));
        // user space loads modules in an order of its own: a schedule may hand the load times out in another order
        // sorted by time (stable), so option 0 of every pick keeps each module at its own time
        timed = timed.OrderBy(x => x.At).ToList();
        var times = timed.Select(x => x.At).ToList();
        int slot = 0;
        RunInChosenOrder(timed, ChoiceKind.ModuleOrder, x => $"module {x.Drv.Spec.Module ?? x.Drv.Name} loads",
            x => AtModuleLoad(AfterLate(Schedule.Active ? times[slot++] : x.At), x.Drv));
        if (DriverSet.ModuleAutoloadAt is { } coldplug)
            At(AfterLate(coldplug), TimedEventKind.Coldplug, 0, Coldplug);
        for (int i = 0; i < DriverSet.Actions.Count; i++)
        {
            var action = DriverSet.Actions[i];
            At(AfterLate(action.At), TimedEventKind.UserAction, i, () => RunUserAction(action));
        }
    }

    /// <summary>Stop the simulation this many seconds after late_initcall (a snapshot, like the oracle's); null runs to the end.</summary>
    public double? StopAfterSeconds { get; init; }

    /// <summary>Stop the simulation at this uptime of the model's clock (no earlier than late_initcall); null runs to the end.</summary>
    public double? StopAtUptimeSeconds { get; init; }

    /// <summary>The simulated time the boot stops at, when a stop was asked for (known once late_initcall has run).</summary>
    internal long? StopUs => StopAfterSeconds is { } after ? AfterLate(after)
        : StopAtUptimeSeconds is { } uptime ? Math.Max(LateInitcallUs, (long)Math.Round(uptime * 1_000_000)) : null;

    private void RunEvents()
    {
        var stopAt = StopUs;
        while (_crash is null && _events.TryPeek(out _, out var next))
        {
            if (stopAt is { } stop && next.Item1 > stop) { NowUs = stop; return; }
            var ev = _events.Dequeue();
            if (next.Item1 > NowUs) NowUs = next.Item1;
            ev.Run();
            DriverCore.RunAsyncProbes();
            DriverCore.DeferredWork();
        }
        if (stopAt is { } end && end > NowUs) NowUs = end;
    }
}
