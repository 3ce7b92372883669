using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Pci;
using ProbeSim.Kernel.Providers;

namespace ProbeSim.Kernel.DriverCore;

internal sealed partial class DriverModel
{
    /// <summary>bus_type.match: &gt;0 match, 0 no match, -EPROBE_DEFER ask later.</summary>
    internal int BusMatch(Device dev, Driver drv)
    {
        // a driver set with real I2C/SPI drivers keeps each bus to its own drivers; the default set lets platform
        // drivers stand in for the client buses' drivers
        if (drv.Bus != dev.Bus && !(dev.Bus != Amba && dev.Bus != Pci && drv.Bus == Platform && !(HasClientBusDrivers && (dev.Bus == I2c || dev.Bus == Spi))
                                    && !HasOwnDrivers(dev.Bus)))
            return 0;
        // platform_match / amba_match / pci_bus_match: driver_override decides alone
        if (dev.DriverOverride is not null) return dev.DriverOverride == drv.Name ? 1 : 0;
        if (dev.Bus == Pci) return PciCore.Match(dev, drv) ? 1 : 0;
        if (NodeOverrideFor(dev) is { } ov)
            return ov.Driver is not null && ov.Driver.Name == drv.Name ? 1 : 0;
        if (dev.Bus == Amba)
        {
            // amba_match (v6.0+): the periphid is read at match time, with apb_pclk on; any failure asks to be retried
            if (S.AmbaPeriphidAtMatch && PeriphidFromHardware(dev) && !AmbaPclkReady(dev))
                return -EPROBE_DEFER;
            if (dev.PeriphId is uint id)
                return drv.Spec.AmbaIds.Any(a => (id & a.Mask) == a.Id) ? 1 : 0;
            // no periphid to read in a model: fall back to the OF table
            return OfMatch(dev, drv) ? 1 : 0;
        }
        // of_driver_match_device: any compatible of the node in the driver's table
        if (OfMatch(dev, drv)) return 1;
        // i2c_device_match -> i2c_match_id (i2c-core-base.c:156), spi_match_device -> spi_match_id / modalias == name (spi.c:399-401):
        // the client's name is its first compatible without the vendor prefix (of_modalias_node)
        if (drv.Bus == dev.Bus && (dev.Bus == I2c || dev.Bus == Spi) && ClientModalias(dev) is { } alias)
            return drv.Spec.BusIds.Contains(alias, StringComparer.Ordinal) || dev.Bus == Spi && alias == drv.Name ? 1 : 0;
        // spmi_device_match: strncmp(dev_name, drv->name) after the OF table (drivers/spmi/spmi.c:51); sunxi_rsb_device_match is OF only (drivers/bus/sunxi-rsb.c:135)
        if (drv.Bus == dev.Bus && dev.Bus == Spmi) return dev.Name == drv.Name ? 1 : 0;
        // platform_match last resort: pdev->name == driver name (an OF device's pdev->name is never a driver name)
        if (dev.Bus != Platform) return 0;
        var pdevName = dev.MatchName ?? (dev.Node is null ? dev.Name : null);
        if (pdevName is null) return 0;
        // platform_match: a driver with an id_table matches by platform_match_id alone, else by its name (drivers/base/platform.c:1349-1353)
        if (drv.Bus == Platform && drv.Spec.BusIds.Count > 0) return drv.Spec.BusIds.Contains(pdevName, StringComparer.Ordinal) ? 1 : 0;
        return pdevName == drv.Name ? 1 : 0;
    }

    // of_modalias_node: the first compatible with everything up to its comma removed
    internal static string? ClientModalias(Device dev)
    {
        if (dev.Node?.Compatible.FirstOrDefault() is not { } first) return null;
        int comma = first.IndexOf(',');
        return comma < 0 ? first : first[(comma + 1)..];
    }

    private bool? _hasClientBusDrivers;
    private bool? _hasRsbDrivers, _hasSpmiDrivers;

    /// <summary>The driver set registers sunxi-rsb or spmi drivers of its own (driver-set format 2): platform drivers no longer stand in on that bus.</summary>
    private bool HasOwnDrivers(BusType bus) =>
        bus == Rsb ? _hasRsbDrivers ??= _allDrivers.Any(d => d.Bus == Rsb)
        : bus == Spmi && (_hasSpmiDrivers ??= _allDrivers.Any(d => d.Bus == Spmi));

    /// <summary>The driver set registers I2C or SPI drivers of its own (a real kernel's set): platform drivers then no longer match I2C/SPI clients.</summary>
    private bool HasClientBusDrivers => _hasClientBusDrivers ??= _allDrivers.Any(d => d.Bus == I2c || d.Bus == Spi);

    // __of_match_node: the score only picks an entry inside one driver's table; any hit is a match
    private static bool OfMatch(Device dev, Driver drv)
    {
        if (dev.Node is null || drv.Spec.Compatibles.Count == 0) return false;
        foreach (var c in dev.Node.Compatible)
            foreach (var m in drv.Spec.Compatibles)
                if (string.Equals(c, m, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>An AMBA device whose node gives no <c>arm,primecell-periphid</c>: amba_read_periphid reads its id from the
    /// device's registers, which the model does not have.</summary>
    internal bool PeriphidFromHardware(Device dev) =>
        dev.Bus == Amba && dev.Node is not null && !dev.Node.HasProperty("arm,primecell-periphid");

    // amba_read_periphid: clk_get(dev, "apb_pclk") must succeed (its provider registered and available)
    private bool AmbaPclkReady(Device dev)
    {
        foreach (var r in ResourcesOf(dev.Node!))
        {
            if (r.Kind != ProbeSim.Kernel.Of.ResourceKind.Clock || r.Name != "apb_pclk") continue;
            if (r.Provider is null || ProviderCore.NodeOrAncestorDisabled(r.Provider)) { dev.SetWait(new AmbaClockWait(Unavailable: true)); return false; }
            if (!Providers.Lookup(r.Provider, ProbeSim.Kernel.Drivers.EarlyTable.Clk).Registered) { dev.SetWait(new AmbaClockWait(Unavailable: false)); return false; }
        }
        return true;
    }

    private NodeOverride? NodeOverrideFor(Device dev)
    {
        if (dev.Node is null || DriverSet.NodeOverrides.Count == 0) return null;
        foreach (var o in DriverSet.NodeOverrides)
            if (o.Path == dev.Node.Path) return o;
        return null;
    }

    // device_add: bus_add_device, ADD_DEVICE, fw_devlink_link_device, bus_probe_device
    internal void DeviceAdd(Device dev)
    {
        dev.Bus.Devices.Add(dev);
        IndexDevice(dev);
        Notify(BusNotify.AddDevice, dev);
        if (dev.Node is not null)
        {
            var fw = Fw(dev.Node);
            if (fw.Dev is null)
            {
                fw.Dev = dev;
                FwDevlinkLinkDevice(dev);
            }
        }
        BusProbeDevice(dev, allowAsync: true);
        // device_add: fw_devlink_unblock_consumers once drivers are done and nothing matched
        if (_fwDevlinkDriversDone && !dev.CanMatch) FwDevlinkUnblockConsumers(dev);
        _k.OnDeviceAddedForUdev(dev);
    }

    // bus_probe_device -> device_initial_probe -> __device_attach
    internal void BusProbeDevice(Device dev, bool allowAsync = false)
    {
        if (dev.Bus.DriversAutoprobe) DeviceAttach(dev, allowAsync);
    }

    // __device_attach: walk the bus's drivers in registration order
    internal void DeviceAttach(Device dev, bool allowAsync)
    {
        if (dev.Dead || dev.Bound || dev.Driver is not null) return;
        bool matched = false;
        foreach (var drv in CandidateDrivers(dev))
        {
            if (!drv.Registered) break;
            int match = BusMatch(dev, drv);
            if (match == 0) continue;
            matched = true;
            if (allowAsync && IsAsync(drv))
            {
                // __device_attach: a matching asynchronous driver: probe later from the async domain
                if (!dev.AsyncQueued) { dev.AsyncQueued = true; _asyncQueue.Enqueue((dev, null)); }
                return;
            }
            int ret = DeviceAttachDriver(dev, drv, match);
            if (ret != int.MinValue) return;
            if (dev.Bound) return;
        }
        // deferred_probe_work_func took the device off the pending list before this walk: a walk in which no driver
        // matches (amba_match reads the periphid now and no table has it) leaves it there, not deferred
        if (!matched && dev.LastProbeDeferred && dev.Deferred == DeferList.None)
        {
            dev.LastProbeDeferred = false;
            dev.SetWait(null);
        }
    }

    /// <summary>__device_attach_driver for one driver; returns int.MinValue to go on with the next driver, anything else stops the walk.</summary>
    private int DeviceAttachDriver(Device dev, Driver drv, int match)
    {
        if (match == -EPROBE_DEFER)
        {
            dev.CanMatch = true;
            dev.LastProbeDeferred = true;
            DeferredProbeAdd(dev);
            // v6.1+: the device walk stops; before, the driver was probed as if it had matched
            if (S.MatchDeferStops) return -EPROBE_DEFER;
        }
        else if (match < 0) return match;
        int ret = DriverProbeDevice(drv, dev);
        if (S.ProbeReturnsErrno)
            return ret <= 0 ? ret : int.MinValue;           // <0 stops, 0 bound, >0 failed probe: next driver
        // really_probe era: 1 bound, 0 failed probe (walk continues), <0 link-check/core refusal stops
        return ret == 0 ? int.MinValue : ret;
    }

    private readonly HashSet<(string, string)> _registeredNames = new();

    private static readonly DigestFields BusFields = new(typeof(DriverModel),
        [nameof(_registeredNames), nameof(_asyncQueue)],
        (nameof(_hasClientBusDrivers), DigestFields.Cache + " (whether the driver list has I2C or SPI drivers)"),
        (nameof(_hasRsbDrivers), DigestFields.Cache + " (whether the driver list has sunxi-rsb drivers)"),
        (nameof(_hasSpmiDrivers), DigestFields.Cache + " (whether the driver list has spmi drivers)"));

    /// <summary>
    /// The async domain's queue, and the number of names registered among the drivers that share a name (a
    /// second driver of a registered name is refused and stays unregistered), which the buses' lists digest.
    /// </summary>
    private void DigestBus(ref StateDigest d)
    {
        d.Add(_registeredNames.Count);
        _asyncQueue.Digest(ref d);
    }

    private bool IsAsync(Driver drv) =>
        drv.Spec.AsyncProbe || _asyncDrivers.Contains(drv.Name) || _asyncDrivers.Contains("*");

    // driver_register -> bus_add_driver -> driver_attach
    internal void DriverRegister(Driver drv)
    {
        if (drv.Registered) return;
        Tick(10);
        // driver_register: driver_find finds a registered driver of this name (only a name two drivers of the list share can be)
        if (NameMayBeTaken(drv) && !_registeredNames.Add((drv.Bus.Name, drv.Name)))
        {
            Printk(LogLevel.Err, $"Error: Driver '{drv.Name}' is already registered, aborting...");
            return;
        }
        drv.Registered = true;
        drv.RegOrder = _registrations++;
        drv.Bus.Drivers.Add(drv);
        if (drv.Bus.DriversAutoprobe) DriverAttach(drv);
        // driver_register: deferred_probe_extend_timeout
        if (S.TimeoutExtension) DeferredProbeExtendTimeout();
    }

    // driver_attach: every device of the bus in add order (__driver_attach)
    private void DriverAttach(Driver drv)
    {
        var candidates = CandidateDevices(drv);
        for (int i = 0; i < candidates.Count; i++)
        {
            var dev = candidates[i];
            if (dev.Dead || dev.Bound || dev.Driver is not null) continue;
            int match = BusMatch(dev, drv);
            if (match == 0) continue;
            if (match == -EPROBE_DEFER)
            {
                dev.CanMatch = true;
                dev.LastProbeDeferred = true;
                DeferredProbeAdd(dev);
                if (S.MatchDeferStops) continue;
            }
            else if (match < 0) continue;
            if (IsAsync(drv))
            {
                if (!dev.AsyncQueued) { dev.AsyncQueued = true; _asyncQueue.Enqueue((dev, drv)); }
                continue;
            }
            DriverProbeDevice(drv, dev);
        }
    }

    private readonly AsyncQueue _asyncQueue = new();

    // async_schedule_dev / __driver_attach_async_helper: run queued asynchronous probes (in any order a schedule picks)
    internal void RunAsyncProbes()
    {
        while (_asyncQueue.Count > 0)
        {
            int pick = Schedule.Active && _asyncQueue.Count > 1
                ? Schedule.Choose(_k, ChoiceKind.AsyncOrder, _asyncQueue.Count, i => $"async probe of {_asyncQueue[i].Dev.Name} runs first",
                    actor: i => $"async probe of {_asyncQueue[i].Dev.Name} runs")
                : 0;
            RunAsyncProbe(pick);
        }
    }

    /// <summary>The queued asynchronous probes (a probe window may run the first one inside another probe).</summary>
    internal int AsyncQueued => _asyncQueue.Count;

    internal Device FirstAsyncProbe => _asyncQueue[0].Dev;

    /// <summary>Runs the queued asynchronous probe at <paramref name="pick"/>.</summary>
    internal void RunAsyncProbe(int pick)
    {
        var item = _asyncQueue.TakeAt(pick);
        item.Dev.AsyncQueued = false;
        if (item.Dev.Bound || item.Dev.Dead) return;
        // __device_attach_async_helper: the same driver walk, synchronous this time
        if (item.Drv is null) DeviceAttach(item.Dev, allowAsync: false);
        else if (BusMatch(item.Dev, item.Drv) != 0) DriverProbeDevice(item.Drv, item.Dev);
    }
}
