using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.DriverCore;

internal sealed partial class DriverModel
{
    private readonly LinkedList<Device> _pending = new();
    private readonly LinkedList<Device> _active = new();
    private int _triggerCount;
    private bool _deferredEnabled;
    private bool _workQueued;
    private bool _initcallsDone;
    private bool _fwDevlinkDriversDone;
    private long? _timeoutWorkAt;
    private int _timeoutWorkSeq;
    private int? _timeout;

    private static readonly DigestFields DeferredProbeFields = new(typeof(DriverModel),
        [nameof(_pending), nameof(_active), nameof(_triggerCount), nameof(_deferredEnabled), nameof(_workQueued), nameof(_initcallsDone),
         nameof(_fwDevlinkDriversDone), nameof(_timeoutWorkAt), nameof(_timeout)],
        (nameof(_timeoutWorkSeq), "only tells the queued timeout work from a superseded one: the timeline's digest records that instead"));

    /// <summary>The deferred lists in order, the trigger count (a probe in flight compares it with its snapshot), the flags, the timeout.</summary>
    private void DigestDeferredProbe(ref StateDigest d)
    {
        d.Add(_pending.Count);
        foreach (var dev in _pending) d.Add(dev.Id);
        d.Add(_active.Count);
        foreach (var dev in _active) d.Add(dev.Id);
        d.Add(_triggerCount);
        d.Add(StateDigest.Flags(_deferredEnabled, _workQueued, _initcallsDone, _fwDevlinkDriversDone));
        d.Add(_timeoutWorkAt);
        d.Add(_timeout);
    }

    /// <summary>driver_deferred_probe_timeout as the kernel holds it now (null: the profile's kernel has no such parameter).</summary>
    internal int? DeferredProbeTimeout => _timeout;
    internal bool InitcallsDone => _initcallsDone;

    /// <summary>The pending list, in order (what devices_deferred prints).</summary>
    internal IEnumerable<Device> DeferredPending => _pending;

    // driver_deferred_probe_add: append to pending if on no list (v5.19+: only devices that matched a driver)
    internal void DeferredProbeAdd(Device dev)
    {
        if (S.DeferNeedsCanMatch && !dev.CanMatch) return;
        if (dev.Deferred != DeferList.None) return;
        dev.DeferNode = _pending.AddLast(dev);
        dev.Deferred = DeferList.Pending;
        Printk(LogLevel.Debug, $"{dev.DriverString} {dev.Name}: Added to deferred list");
    }

    // driver_deferred_probe_add_trigger: add, and trigger again if a trigger ran while this device was probing
    internal void DeferredProbeAddTrigger(Device dev, int localTrigger)
    {
        // the window between the probe's trigger snapshot and its return: other work may run and bind a device here
        if (Schedule.Active) _k.ConcurrentWindow(dev);
        DeferredProbeAdd(dev);
        if (S.DeferredTriggerCount && localTrigger != _triggerCount) DeferredProbeTrigger();
    }

    // driver_deferred_probe_del: off any list, reason cleared
    internal void DeferredProbeDel(Device dev)
    {
        if (dev.DeferNode is not null)
        {
            (dev.Deferred == DeferList.Pending ? _pending : _active).Remove(dev.DeferNode);
            dev.DeferNode = null;
            Printk(LogLevel.Debug, $"{dev.DriverString} {dev.Name}: Removed from deferred list");
        }
        dev.Deferred = DeferList.None;
        dev.DeferReason = null;
    }

    // driver_deferred_probe_trigger: no-op until late_initcall; count, splice pending onto active, queue the work
    internal void DeferredProbeTrigger()
    {
        if (!_deferredEnabled) return;
        _triggerCount++;
        while (_pending.First is { } node)
        {
            _pending.RemoveFirst();
            var dev = node.Value;
            dev.DeferNode = _active.AddLast(dev);
            dev.Deferred = DeferList.Active;
        }
        _workQueued = true;
    }

    // deferred_probe_work_func: retry the active list head first, one device at a time
    internal void DeferredWork()
    {
        while (_workQueued)
        {
            _workQueued = false;
            while (_active.First is { } node)
            {
                _active.RemoveFirst();
                var dev = node.Value;
                dev.DeferNode = null;
                dev.Deferred = DeferList.None;
                dev.DeferReason = null;
                Printk(LogLevel.Debug, $"{dev.DriverString} {dev.Name}: Retrying from deferred list");
                BusProbeDevice(dev);
                RunAsyncProbes();
            }
        }
    }

    // deferred_probe_initcall (late_initcall)
    internal void DeferredProbeInitcall()
    {
        _deferredEnabled = true;
        DeferredProbeTrigger();
        DeferredWork();
        if (!S.LateSecondPass) return;
        _initcallsDone = true;
        // !MODULES: nothing more will register, so fw_devlink gives up on suppliers that never matched
        if (!Modules && S.TimeoutDriversDone) FwDevlinkDriversDone();
        DeferredProbeTrigger();
        DeferredWork();
        if (_timeout is > 0) ArmTimeoutWork();
    }

    private void ArmTimeoutWork()
    {
        _timeoutWorkAt = NowUs + _timeout!.Value * 1_000_000L;
        int seq = ++_timeoutWorkSeq;
        _k.At(_timeoutWorkAt.Value, Boot.Kernel.TimedEventKind.DeferredProbeTimeout, seq, () => DeferredProbeTimeoutWorkIfCurrent(seq));
    }

    // deferred_probe_extend_timeout: a registration while the work is pending restarts it
    private void DeferredProbeExtendTimeout()
    {
        if (_timeoutWorkAt is null || !_initcallsDone) return;
        ArmTimeoutWork();
        Printk(LogLevel.Debug, $"driver core: Extended deferred probe timeout by {_timeout} secs");
    }

    // deferred_probe_timeout_work_func
    /// <summary>The timeout work numbered <paramref name="seq"/> runs only if no later extension superseded it.</summary>
    internal void DeferredProbeTimeoutWorkIfCurrent(int seq)
    {
        if (seq == _timeoutWorkSeq) DeferredProbeTimeoutWork();
    }

    /// <summary>Whether a queued timeout work is the current one (the timeline's digest).</summary>
    internal bool IsCurrentTimeoutWork(int seq) => seq == _timeoutWorkSeq;

    private void DeferredProbeTimeoutWork()
    {
        _timeoutWorkAt = null;
        if (S.TimeoutDriversDone) FwDevlinkDriversDone();
        _timeout = 0;
        DeferredProbeTrigger();
        DeferredWork();
        foreach (var dev in _pending)
        {
            if (S.PendingMessageWithReason)
                DevPrintk(LogLevel.Warning, dev, "deferred probe pending: " + (dev.DeferReason ?? "(reason unknown)"));
            else
                DevPrintk(LogLevel.Info, dev, "deferred probe pending");
        }
    }

    // driver_deferred_probe_check_state: used by of_iommu, genpd and pinctrl for a provider that may never come
    internal int DriverDeferredProbeCheckState(Device dev)
    {
        switch (S.CheckState)
        {
            case CheckStateEra.V4_19:
                if (!_initcallsDone) return -EPROBE_DEFER;
                if (_timeout == 0)
                {
                    DevPrintk(LogLevel.Warning, dev, "deferred probe timeout, ignoring dependency");
                    return -ETIMEDOUT;
                }
                DevPrintk(LogLevel.Warning, dev, "ignoring dependency for device, assuming no driver");
                return -ENODEV;
            case CheckStateEra.V5_10:
                if (!Modules && _initcallsDone)
                {
                    DevPrintk(LogLevel.Warning, dev, "ignoring dependency for device, assuming no driver");
                    return -ENODEV;
                }
                if (_timeout == 0 && _initcallsDone)
                {
                    DevPrintk(LogLevel.Warning, dev, "deferred probe timeout, ignoring dependency");
                    return -ETIMEDOUT;
                }
                return -EPROBE_DEFER;
            default:
                return -EPROBE_DEFER;
        }
    }

    /// <summary>device_set_deferred_probe_reason, as dev_err_probe(-EPROBE_DEFER) stores it.</summary>
    internal void SetDeferReason(Device dev, string message)
    {
        if (S.DeferReasons) dev.DeferReason = $"{dev.DriverString}: {message}";
    }

    // dev_err_probe: deferral stores the reason (debug log), other errors are logged as errors
    internal int DevErrProbe(Device dev, int err, string message, bool driverText = false)
    {
        // a plan's getters are silent: only the driver's own dev_err_probe text (driverText) is the kernel's
        if (Providers.PlanQuiet && !driverText) return err;
        bool records = driverText || (dev.Driver?.Spec.RecordsDeferReasons ?? true);
        if (err == -EPROBE_DEFER)
        {
            if (records) SetDeferReason(dev, message);
            Printk(LogLevel.Debug, $"{dev.DriverString} {dev.Name}: {message}", dev);
        }
        else if (!records)
            Printk(LogLevel.Debug, $"{dev.DriverString} {dev.Name}: {message}: {err}", dev);
        else if (S.DeferReasons)
            DevPrintk(LogLevel.Err, dev, $"error -{Errno.Name(err)}: {message}");
        else
            DevPrintk(LogLevel.Err, dev, $"{message}: {err}");
        return err;
    }
}
