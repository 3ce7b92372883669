using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Boot;

public sealed partial class Kernel
{
    private readonly PriorityQueue<(Action Run, string? ModuleLoad), (long, int)> _events = new();
    private int _eventSeq;
    private readonly List<Driver> _allDrivers = new(256);

    /// <summary>Runs the boot from the early OF tables to the last scheduled user-space event and returns the outcome.</summary>
    public BootResult Boot()
    {
        if (Booted) throw new InvalidOperationException("this Kernel has already booted");
        Booted = true;
        PrepareDrivers();
        Printk(LogLevel.Info, "Kernel command line: " + CommandLine.Text);
        X86EarlySetup();

        // time_init / init_IRQ: of_clk_init, of_irq_init, timer_probe
        RunEarlyTables();

        foreach (var level in new[] { InitcallLevel.Early, InitcallLevel.Core, InitcallLevel.Postcore, InitcallLevel.Arch, InitcallLevel.ArchSync,
                                      InitcallLevel.Subsys, InitcallLevel.Fs, InitcallLevel.Device, InitcallLevel.Late })
        {
            Tick(1000);
            // of_platform_default_populate_init is an arch_initcall_sync; before v4.12 IOMMU_OF_DECLARE hooks ran earlier
            if (level == InitcallLevel.ArchSync)
            {
                OfIommuInitEarly();
                PopulateDefault();
            }
            if (level == InitcallLevel.Subsys)
            {
                // drivers/acpi links before drivers/iommu: acpi_init scans the ACPI host bridges first
                AcpiPciRootScan();
                IommuCore.IommuSubsysInit();
            }
            // rootfs_initcall(pci_iommu_init) runs between the fs and device levels
            if (level == InitcallLevel.Device) PciIommuInit();
            // deferred_probe_initcall: drivers/base links first among the late initcalls
            if (level == InitcallLevel.Late) DeferredProbeInitcall();
            // do_initcall_level: the level's drivers in link order (a schedule may pick another order)
            RegisterLevel(level);
            RunAsyncProbes();
            // deferred_probe_work_func runs on its workqueue once triggered (a no-op before deferred_probe_initcall)
            DeferredWork();
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

    /// <summary>
    /// Builds the Driver objects from the driver set, in registration order. Which specs, in which order, depends on the
    /// driver set and the profile alone: the first kernel of a prepared boot works it out, the others reuse it.
    /// </summary>
    private void PrepareDrivers()
    {
        _allDrivers.EnsureCapacity(DriverSet.Drivers.Count + 8);
        if (Tables.DriverOrder(DriverSet) is { } order)
        {
            foreach (var spec in order) _allDrivers.Add(new Driver(spec, BusOf(spec.Bus)));
            BuildMatchIndex();
            return;
        }
        foreach (var spec in DriverSet.Drivers)
        {
            if (spec.Availability == DriverAvailability.Absent) continue;
            _allDrivers.Add(new Driver(spec, BusOf(spec.Bus)));
        }
        PrepareSimplePmBus();
        PrepareImplicitDrivers();
        Tables.KeepDriverOrder(DriverSet, _allDrivers.Select(d => d.Spec).ToArray());
        BuildMatchIndex();
    }

    private BusType BusOf(DriverBus bus) => bus switch
    {
        DriverBus.Amba => Amba, DriverBus.Pci => Pci, DriverBus.I2c => I2c, DriverBus.Spi => Spi,
        DriverBus.SunxiRsb => Rsb, DriverBus.Spmi => Spmi, _ => Platform,
    };

    /// <summary>Schedules an action at an absolute simulated time.</summary>
    internal void At(long timeUs, Action action) => _events.Enqueue((action, null), (timeUs, _eventSeq++));

    /// <summary>Schedules a user-space module load (an event a schedule may run early, inside a probe's window).</summary>
    internal void AtModuleLoad(long timeUs, Driver drv) => _events.Enqueue((() => LoadModule(drv), drv.Name), (timeUs, _eventSeq++));

    internal long AfterLate(double seconds) => LateInitcallUs + (long)Math.Round(seconds * 1_000_000);

    private void ScheduleUserSpace()
    {
        var timed = new List<(double At, Driver Drv)>();
        foreach (var drv in _allDrivers)
            // an explicit load time (scenario load-at); the table default is the autoload time, used only through coldplug matching
            if (drv.Spec.Availability == DriverAvailability.Module && drv.Spec.LoadAt is { } t && !IsBlacklisted(drv) &&
                (DriverSet.ModuleAutoloadAt is null || t != DriverSet.ModuleAutoloadAt))
                timed.Add((t, drv));
        // user space loads modules in an order of its own: a schedule may hand the load times out in another order
        // sorted by time (stable), so option 0 of every pick keeps each module at its own time
        timed = timed.OrderBy(x => x.At).ToList();
        var times = timed.Select(x => x.At).ToList();
        int slot = 0;
        RunInChosenOrder(timed, ChoiceKind.ModuleOrder, x => $"module {x.Drv.Spec.Module ?? x.Drv.Name} loads",
            x => AtModuleLoad(AfterLate(Schedule.Active ? times[slot++] : x.At), x.Drv));
        if (DriverSet.ModuleAutoloadAt is { } coldplug)
            At(AfterLate(coldplug), Coldplug);
        foreach (var action in DriverSet.Actions)
            At(AfterLate(action.At), () => RunUserAction(action));
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
            RunAsyncProbes();
            DeferredWork();
        }
        if (stopAt is { } end && end > NowUs) NowUs = end;
    }

    private void PrepareSimplePmBus()
    {
        // simple_pm_bus_of_match (v5.16+): simple-bus, simple-mfd, isa and arm,amba-bus nodes bind with ONLY_BUS
        if (!S.SimplePmBusBindsBuses || _allDrivers.Any(d => d.Spec.Compatibles.Contains("simple-bus"))) return;
        var spec = new DriverSpec
        {
            Name = "simple-pm-bus",
            Compatibles = SimplePmBusCompatibles,
            Probe = new ProbeScript { RequestResources = false },
            Origin = "drivers/bus/simple-pm-bus.c (profile switch simple_pm_bus)",
        };
        _allDrivers.Insert(0, new Driver(spec, Platform));
    }
}
