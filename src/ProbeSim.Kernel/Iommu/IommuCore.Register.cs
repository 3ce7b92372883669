using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Of;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Iommu;

// Registration: the IOMMU driver's probe ends in iommu_device_register (and bus_set_iommu before v6.2); the instances
// and the per-bus ops live here.
internal sealed partial class IommuCore
{
    private readonly List<IommuInstance> _iommus = new();
    /// <summary>Every IOMMU driver instance that probed, registered or not (a driver may set bus ops without iommu_device_register).</summary>
    private readonly List<IommuInstance> _iommuInstances = new();
    /// <summary>bus->iommu_ops (until v6.7): the instance standing for the driver that set them.</summary>
    private readonly Dictionary<BusType, IommuInstance> _busOps = new(ReferenceEqualityComparer.Instance);

    /// <summary>iommu_class (iommu-sysfs.c): the class of the firmware-described units' devices, /sys/devices/virtual/iommu.</summary>
    private BusType? _iommuClass;

    private static readonly DigestFields RegisterFields = new(typeof(IommuCore), [nameof(_iommus), nameof(_iommuInstances), nameof(_busOps)],
        (nameof(_iommuClass), "the class of the remapping units' devices: holds no driver or listed device (the units are digested as IOMMU instances)"));

    /// <summary>The class the remapping units' devices are made in (made on first use).</summary>
    internal BusType IommuClass => _iommuClass ??= new BusType("iommu", "/sys/devices/virtual/iommu/");

    // every instance in probe order, the registered ones in list order, and bus->iommu_ops of iommu_buses[]
    private void DigestRegister(ref StateDigest d)
    {
        d.Add(_iommuInstances.Count);
        foreach (var inst in _iommuInstances) inst.Digest(ref d);
        d.Add(_iommus.Count);
        foreach (var inst in _iommus) d.Add(inst.Order);
        foreach (var bus in _buses) d.Add(_busOps.GetValueOrDefault(bus)?.Order ?? -1);
    }

    // the IOMMU driver's probe: iommu_device_sysfs_add + iommu_device_register (+ bus_set_iommu before v6.2)
    internal int IommuDriverProbe(Device dev, Driver drv)
    {
        var traits = IommuDriverCatalog.For(dev.Node!.Compatible, drv.Spec.Iommu);
        bool register = traits.Registers;
        if (Schedule.Active)
        {
            // fault injection: the IOMMU driver's probe fails, or it never calls iommu_device_register
            int e = Schedule.Fault(_k, FaultSite.IommuProbe, dev, dev.ProbeAttempts);
            if (e != 0) return _k.DriverCore.DevErrProbe(dev, -e, "injected IOMMU probe failure");
            if (Schedule.Fault(_k, FaultSite.IommuNoRegister, dev, dev.ProbeAttempts) != 0) return 0;
            if (Schedule.ContextBankLimit(_k, dev) is int banks) traits = traits with { ContextBanks = banks };
        }
        var inst = new IommuInstance(_iommuInstances.Count, traits, dev, dev.Node, IommuSysfsName(traits.Kind, dev));
        _iommuInstances.Add(inst);
        if (register) return IommuDeviceRegister(inst);
        // ipmmu-vmsa of v4.12: no iommu_device (so of_iommu never finds it), but bus_set_iommu all the same
        inst.Registered = false;
        if (S.IommuBusOps && S.IommuRegister == IommuRegisterEra.List)
            foreach (var bus in _buses) BusSetIommu(bus, inst);
        return 0;
    }

    /// <summary>
    /// intel_iommu_init / amd_iommu_init: the remapping units found in the firmware's tables are registered directly
    /// (iommu_device_sysfs_add + iommu_device_register), with no driver probe of their own.
    /// </summary>
    internal void RegisterFirmwareIommus(IReadOnlyList<IommuInstance> units)
    {
        _iommuInstances.AddRange(units);
        if (S.IommuRegister != IommuRegisterEra.List)
        {
            foreach (var inst in units) IommuDeviceRegister(inst);
            return;
        }
        // before v6.2: every unit is put on the list (iommu_device_register), then the driver calls bus_set_iommu once,
        // after the loop (intel_iommu_init, amd_iommu_init_api), so devices of every unit are probed
        foreach (var inst in units) { inst.RegisteredAtUs = NowUs; _iommus.Add(inst); }
        if (units.Count > 0 && S.IommuBusOps)
            foreach (var bus in _buses) BusSetIommu(bus, units[0]);
    }

    // iommu_device_sysfs_add name: arm-smmu "smmu.%pa", arm-smmu-v3 "smmu3.%pa", most others the device name
    private static string IommuSysfsName(IommuKind kind, Device dev)
    {
        var basePa = dev.Node is null ? null : OfAddress.TranslateFirstReg(dev.Node);
        return kind switch
        {
            IommuKind.ArmSmmu when basePa is { } b => $"smmu.0x{b:x16}",
            IommuKind.ArmSmmuV3 when basePa is { } b => $"smmu3.0x{b:x16}",
            _ => dev.Name,
        };
    }

    // iommu_device_register
    private int IommuDeviceRegister(IommuInstance inst)
    {
        inst.RegisteredAtUs = NowUs;
        if (S.IommuRegister == IommuRegisterEra.List)
        {
            _iommus.Add(inst);
            // the driver then calls bus_set_iommu on each bus it serves; -EBUSY is ignored by drivers
            if (S.IommuBusOps)
                foreach (var bus in _buses)
                    BusSetIommu(bus, inst);
            return 0;
        }
        // v6.2-v6.7: a second driver cannot register while ops are per bus
        if (S.IommuBusOps && _busOps.TryGetValue(Platform, out var other) && other.DriverName != inst.DriverName)
            return -EBUSY;
        _iommus.Add(inst);
        foreach (var bus in _buses)
        {
            if (S.IommuBusOps) _busOps.TryAdd(bus, inst);
            int ret = BusIommuProbe(bus, S.IommuRegister == IommuRegisterEra.BusProbeConfigure);
            if (ret != 0)
            {
                IommuDeviceUnregister(inst);
                return ret;
            }
        }
        return 0;
    }

    // bus_set_iommu (<= v6.1): a bus takes the first driver's ops, then replays the devices already there
    private int BusSetIommu(BusType bus, IommuInstance inst)
    {
        if (_busOps.ContainsKey(bus)) return -EBUSY;
        _busOps[bus] = inst;
        if (S.IommuProbe == IommuProbeEra.AddDevice)
        {
            // iommu_bus_init -> add_iommu_group on every device: -ENODEV ignored
            foreach (var dev in bus.Devices.ToList())
                if (dev.Iommu.Group is null) IommuProbeDevice(dev);
            return 0;
        }
        return BusIommuProbe(bus, false);
    }

    // iommu_device_unregister: every device this instance probed is released
    private void IommuDeviceUnregister(IommuInstance inst)
    {
        foreach (var dev in inst.Clients.ToList()) IommuReleaseDevice(dev);
        inst.Registered = false;
        _iommus.Remove(inst);
        foreach (var (bus, i) in _busOps.ToList())
            if (i == inst) _busOps.Remove(bus);
    }

    // iommu_ops_from_fwnode: the first registered instance for this node
    internal IommuInstance? IommuOpsFromFwnode(DtNode node)
    {
        foreach (var i in _iommus)
            if (ReferenceEquals(i.Node, node)) return i;
        return null;
    }
}
