using ProbeSim.Kernel.Boot;

namespace ProbeSim.Kernel.DriverCore;

// Kernel.Fork: the driver core's state, copied into a forked kernel's own DriverModel
internal sealed partial class DriverModel
{
    /// <summary>
    /// Makes this (a fork's, fresh) driver core a copy of <paramref name="from"/>: the devices (a parent before its
    /// children) and the drivers made by id first, then every field through the identity map it returns, which the other
    /// subsystems' copies use. The command line's parameters were applied by the fork's constructor.
    /// </summary>
    internal ForkMap CopyFrom(DriverModel from)
    {
        var devices = new Device[from._devices.Count];
        for (int i = 0; i < devices.Length; i++)
        {
            var d = from._devices[i];
            if (d.Id != i) throw new InvalidOperationException($"device {d.Name} has id {d.Id} at place {i}");
            devices[i] = new Device(d.Id, d.Name, BusOfFork(from, d.Bus), d.Node, d.Parent is null ? null : devices[d.Parent.Id]);
        }
        var drivers = new Driver[from._allDrivers.Count];
        for (int i = 0; i < drivers.Length; i++)
        {
            var d = from._allDrivers[i];
            if (d.Index != i) throw new InvalidOperationException($"driver {d.Name} has index {d.Index} at place {i}");
            drivers[i] = new Driver(d.Spec, BusOfFork(from, d.Bus));
        }
        var map = new ForkMap(from, this, devices, drivers);
        for (int i = 0; i < devices.Length; i++) map.Fill(devices[i], from._devices[i]);
        Func<Device, Device> toDevice = map.Dev;
        for (int i = 0; i < drivers.Length; i++) drivers[i].CopyFrom(from._allDrivers[i], toDevice);
        for (int i = 0; i < Buses.Count; i++) map.Fill(Buses[i], from.Buses[i]);

        // DriverModel.cs
        _devices.AddRange(devices);
        // a pristine fwnode behaves as one never made (FwNode.Pristine): only the others are copied
        foreach (var (node, fw) in from._fwnodes)
            if (!fw.Pristine) map.Fill(Fw(node), fw);
        foreach (var (name, dev) in from._byName) _byName[name] = map.Dev(dev);
        _notPresent.AddRange(from._notPresent);
        // ImplicitDrivers.cs: the driver list, then its caches (MatchIndex.cs)
        _allDrivers.AddRange(drivers);
        _implicitPci = from._implicitPci;
        CopyMatchIndex(from, drivers);
        // DeferredProbe.cs: the lists in order, each device's entry pointing into this driver core's list
        foreach (var d in from._pending) map.Dev(d).DeferNode = _pending.AddLast(map.Dev(d));
        foreach (var d in from._active) map.Dev(d).DeferNode = _active.AddLast(map.Dev(d));
        _triggerCount = from._triggerCount;
        _deferredEnabled = from._deferredEnabled;
        _workQueued = from._workQueued;
        _initcallsDone = from._initcallsDone;
        _fwDevlinkDriversDone = from._fwDevlinkDriversDone;
        _timeoutWorkAt = from._timeoutWorkAt;
        _timeoutWorkSeq = from._timeoutWorkSeq;
        _timeout = from._timeout;
        // DeviceLinks.cs, FwDevlink.cs (mode and strictness: the command line; the parser is made on first use)
        foreach (var l in from._links) _links.Add(map.Link(l));
        // MatchIndex.cs (the driver caches: BuildMatchIndex above)
        var toDev = new Converter<Device, Device>(map.Dev);
        foreach (var (compat, list) in from._devicesByCompat) _devicesByCompat[compat] = list.ConvertAll(toDev);
        foreach (var d in from._overridden) _overridden.Add(map.Dev(d));
        foreach (var d in from._platformByName) _platformByName.Add(map.Dev(d));
        _registrations = from._registrations;
        // Bus.cs
        _hasClientBusDrivers = from._hasClientBusDrivers;
        _hasRsbDrivers = from._hasRsbDrivers;
        _hasSpmiDrivers = from._hasSpmiDrivers;
        _registeredNames.UnionWith(from._registeredNames);
        _asyncQueue.CopyFrom(from._asyncQueue, map);
        // ChildBuses.cs, PlanChildren.cs, ReallyProbeUnwind.cs
        _nextI2cBus = from._nextI2cBus;
        _nextSpiBus = from._nextSpiBus;
        _nextSpmiCtrl = from._nextSpmiCtrl;
        _platformAutoId = from._platformAutoId;
        _unwinds.AddRange(from._unwinds);
        return map;
    }

    private BusType BusOfFork(DriverModel from, BusType bus)
    {
        for (int i = 0; i < from.Buses.Count; i++)
            if (ReferenceEquals(from.Buses[i], bus)) return Buses[i];
        throw new InvalidOperationException($"bus {bus.Name} is not one of the kernel's buses");
    }
}
