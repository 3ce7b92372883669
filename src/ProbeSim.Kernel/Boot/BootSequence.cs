using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Boot;

public sealed partial class Kernel
{
    private readonly PriorityQueue<Action, (long, int)> _events = new();
    private int _eventSeq;
    private readonly List<Driver> _allDrivers = new();

    /// <summary>Runs the boot from the early OF tables to the last scheduled user-space event and returns the outcome.</summary>
    public BootResult Boot()
    {
        if (Booted) throw new InvalidOperationException("this Kernel has already booted");
        Booted = true;
        PrepareDrivers();
        Printk(LogLevel.Info, "Kernel command line: " + CommandLine.Text);

        // time_init / init_IRQ: of_clk_init, of_irq_init, timer_probe
        RunEarlyTables();

        foreach (var level in new[] { InitcallLevel.Early, InitcallLevel.Core, InitcallLevel.Postcore, InitcallLevel.Arch, InitcallLevel.ArchSync,
                                      InitcallLevel.Subsys, InitcallLevel.Fs, InitcallLevel.Device, InitcallLevel.Late })
        {
            Tick(1000);
            // of_platform_default_populate_init is an arch_initcall_sync
            if (level == InitcallLevel.ArchSync) PopulateDefault();
            // deferred_probe_initcall: drivers/base links first among the late initcalls
            if (level == InitcallLevel.Late) DeferredProbeInitcall();
            foreach (var drv in _allDrivers)
                if (drv.Spec.Availability == DriverAvailability.BuiltIn && drv.Spec.Level == level)
                    DriverRegister(drv);
            RunAsyncProbes();
        }
        LateInitcallUs = NowUs;
        InitcallsFinished();
        ScheduleUserSpace();
        RunEvents();
        return BuildResult();
    }

    /// <summary>Builds the Driver objects from the driver set, in registration order.</summary>
    private void PrepareDrivers()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var spec in DriverSet.Drivers)
        {
            if (spec.Availability == DriverAvailability.Absent) continue;
            var bus = spec.Bus == DriverBus.Amba ? Amba : Platform;
            _allDrivers.Add(new Driver(spec, bus));
        }
    }

    /// <summary>Schedules an action at an absolute simulated time.</summary>
    internal void At(long timeUs, Action action) => _events.Enqueue(action, (timeUs, _eventSeq++));

    internal long AfterLate(double seconds) => LateInitcallUs + (long)Math.Round(seconds * 1_000_000);

    private void ScheduleUserSpace()
    {
        foreach (var drv in _allDrivers)
            if (drv.Spec.Availability == DriverAvailability.Module && drv.Spec.LoadAt is { } t && !IsBlacklisted(drv))
                At(AfterLate(t), () => LoadModule(drv, "scheduled"));
        if (DriverSet.ModuleAutoloadAt is { } coldplug)
            At(AfterLate(coldplug), Coldplug);
        foreach (var action in DriverSet.Actions)
            At(AfterLate(action.At), () => RunUserAction(action));
    }

    private void RunEvents()
    {
        while (_events.TryDequeue(out var action, out var key))
        {
            if (key.Item1 > NowUs) NowUs = key.Item1;
            action();
            RunAsyncProbes();
            DeferredWork();
        }
    }
}
