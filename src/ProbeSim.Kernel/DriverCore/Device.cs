using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.DriverCore;

/// <summary>Where a device sits on the deferred-probe lists (drivers/base/dd.c).</summary>
public enum DeferList { None, Pending, Active }

/// <summary>dev->links.status.</summary>
public enum DlDevState { NoDriver, Probing, DriverBound, Unbinding }

/// <summary>A struct device of the simulation.</summary>
public sealed class Device
{
    // the device's number in its kernel is unique there: hashing by it is cheaper than an identity hash per new object
    public override int GetHashCode() => Id;
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    internal Device(int id, string name, BusType bus, DtNode? node, Device? parent)
    {
        Id = id; Name = name; Bus = bus; Node = node; Parent = parent;
    }

    /// <summary>Order of device_add.</summary>
    public int Id { get; }
    public string Name { get; }
    public BusType Bus { get; }
    public DtNode? Node { get; }
    public Device? Parent { get; }
    /// <summary>dev->driver: set from really_probe step 4 until bound or unwound.</summary>
    public Driver? Driver { get; internal set; }
    public bool Bound { get; internal set; }
    public bool CanMatch { get; internal set; }
    public bool Dead { get; internal set; }
    public DeferList Deferred { get; internal set; }
    internal LinkedListNode<Device>? DeferNode;
    /// <summary>deferred_probe_reason ("&lt;drv-or-bus&gt;: &lt;msg&gt;"), null when none.</summary>
    public string? DeferReason { get; internal set; }
    public DlDevState LinkState { get; internal set; }
    public string? DriverOverride { get; internal set; }
    public int ProbeAttempts { get; internal set; }
    /// <summary>Negative errno of the last failed driver probe.</summary>
    public int? LastError { get; internal set; }
    /// <summary>Where and why the last failed probe attempt failed (null after a bind or a deferral).</summary>
    public ProbeFailure? LastFailure { get; internal set; }
    /// <summary>dev->devres_head: what the current probe attempt acquired through managed interfaces.</summary>
    internal readonly List<DevresEntry> Devres = new();
    public long? BoundAtUs { get; internal set; }
    /// <summary>The last attempt (bus match, supplier check or probe) ended in -EPROBE_DEFER, whether or not the device is on a deferred list.</summary>
    public bool LastProbeDeferred { get; internal set; }
    /// <summary>Extra sysfs directory between the parent and the device (i2c-N for I2C clients).</summary>
    internal string? SysfsParentSegment;
    /// <summary>amba periphid, when known.</summary>
    public uint? PeriphId { get; internal set; }
    /// <summary>The driver of the last really_probe (bound or not), for the outcome's basis.</summary>
    public Driver? LastProbeDriver { get; internal set; }
    /// <summary>call_driver_probe: the driver whose probe returned -ENODEV/-ENXIO ("rejects match") and that errno; the device stays unbound, not failed.</summary>
    public (string Driver, int Errno)? RejectedBy { get; internal set; }
    /// <summary>The last probe ran a plan with a step the importer could not read (the outcome rests on a guess).</summary>
    public bool PlanHadUnknown { get; internal set; }
    /// <summary>pdev->name of a platform device created by name (MFD cell, platform_device_register): platform_match compares it with the driver name.</summary>
    internal string? MatchName;
    /// <summary>The drivers that may match, as last computed (see Kernel.CandidateDrivers).</summary>
    internal CandidateDriverList? Candidates;
    /// <summary>What the device last waited for, as a record (its words are made in ProbeSim.Reports).</summary>
    public WaitReason? Wait { get; private set; }
    /// <summary>What the device last waited for, typed: checks switch on this.</summary>
    public WaitCause WaitCause => Wait?.Cause ?? WaitCause.None;

    /// <summary>Records what the device waits for (null clears it).</summary>
    internal void SetWait(WaitReason? why) => Wait = why;
    internal readonly List<DeviceLink> SupplierLinks = new();
    internal readonly List<DeviceLink> ConsumerLinks = new();
    internal readonly Dictionary<Driver, int> ScriptAttempts = new();
    internal readonly List<Device> Children = new();
    internal bool AsyncQueued;
    /// <summary>How many times the device's driver was unbound (device_release_driver).</summary>
    public int Unbinds { get; internal set; }
    /// <summary>dev->iommu and the group link.</summary>
    public ProbeSim.Kernel.Iommu.DeviceIommu Iommu { get; } = new();
    /// <summary>DMA ops, masks, coherency and arch state.</summary>
    public ProbeSim.Kernel.Dma.DeviceDma Dma { get; } = new();
    /// <summary>The PCI function this device is (pci bus only).</summary>
    public ProbeSim.Kernel.Pci.PciFunction? Pci { get; internal set; }

    /// <summary>dev_driver_string: the driver's name while one is set, else the bus name.</summary>
    public string DriverString => Driver?.Name ?? Bus.Name;

    // --- the device's part of the state digest (Kernel.StateHash)

    internal static readonly DigestFields DigestFields = new(typeof(Device),
        [nameof(Id), nameof(Name), nameof(Bus), nameof(Node), nameof(Parent), nameof(Driver), nameof(Bound), nameof(CanMatch),
         nameof(Dead), nameof(Deferred), nameof(DeferReason), nameof(LinkState), nameof(DriverOverride), nameof(ProbeAttempts),
         nameof(LastError), nameof(LastFailure), nameof(Devres), nameof(LastProbeDeferred), nameof(PeriphId), nameof(LastProbeDriver),
         nameof(RejectedBy), nameof(PlanHadUnknown), nameof(MatchName), nameof(Wait), nameof(ScriptAttempts), nameof(AsyncQueued),
         nameof(Unbinds), nameof(Iommu), nameof(Dma)],
        (nameof(DeferNode), "the device's entry in the deferred lists, whose order the driver core digests"),
        (nameof(BoundAtUs), DigestFields.Timestamp),
        (nameof(SysfsParentSegment), "a piece of the sysfs path, set when the device is made; for reports"),
        (nameof(Candidates), "a cache of the candidate drivers, kept with the registration count it was made under"),
        (nameof(SupplierLinks), "the links whose consumer it is, in Kernel._links order (digested there); links are never removed"),
        (nameof(ConsumerLinks), "the links whose supplier it is, in Kernel._links order (digested there); links are never removed"),
        (nameof(Children), "the devices whose Parent it is, in creation order (each child digests its Parent); never removed"),
        (nameof(Pci), "the PCI function it is: an input (the topology), named by the device's Name"),
        (nameof(_identity), "a cache of the digest of the immutable Name, Bus, Node and Parent"),
        (nameof(_deferReasonKey), "a cache of DeferReason's key"));

    private ulong _identity;
    private StateDigest.StringKey _deferReasonKey;

    /// <summary>The device's state, with its DMA and IOMMU parts; other objects are named by their ids.</summary>
    internal void Digest(ref StateDigest d)
    {
        if (_identity == 0)
        {
            var id = new StateDigest();
            id.Add(Name); id.Add(Bus.Name); id.Add(Node); id.Add(Parent?.Id ?? -1);
            _identity = id.Value | 1;
        }
        d.Add(_identity);
        d.Add(StateDigest.Pair(Id, Driver?.Index ?? -1));
        var flags = StateDigest.Flags(Bound, CanMatch, Dead, LastProbeDeferred, PlanHadUnknown, AsyncQueued) | (ulong)Deferred << 8 | (ulong)LinkState << 12;
        d.Add(StateDigest.Pair(LastProbeDriver?.Index ?? -1, (int)flags));
        d.Add(StateDigest.Pair(ProbeAttempts, Unbinds));
        d.Add(LastError);
        d.Add(_deferReasonKey.Of(DeferReason));
        d.AddValue(Wait);
        // what most devices never have, behind one mark
        if (LastFailure is null && RejectedBy is null && DriverOverride is null && MatchName is null && PeriphId is null && Devres.Count == 0 && ScriptAttempts.Count == 0)
            d.Add(0);
        else
        {
            d.Add(1);
            d.AddValue(LastFailure);
            d.Add(RejectedBy?.Driver);
            d.Add(RejectedBy?.Errno);
            d.Add(DriverOverride);
            d.Add(MatchName);
            d.Add(PeriphId);
            d.Add(Devres.Count);
            foreach (var e in Devres) d.AddValue(e);
            // looked up by driver: the order of the entries decides nothing
            var attempts = new StateDigest.Unordered();
            foreach (var (drv, n) in ScriptAttempts) attempts.Add(StateDigest.Pair(drv.Index, n));
            d.Add(attempts);
        }
        Iommu.Digest(ref d);
        Dma.Digest(ref d);
    }

    public string SysfsPath
    {
        get
        {
            var parts = new List<string>();
            var top = this;
            for (var d = this; d is not null; d = d.Parent)
            {
                parts.Add(d.Name);
                if (d.SysfsParentSegment is not null) parts.Add(d.SysfsParentSegment);
                top = d;
            }
            parts.Reverse();
            // a root-bus PCI function with no host bridge device above it (an ACPI host bridge): below the host's own
            // directory, /sys/devices/pciDDDD:BB
            if (top.Pci is { } f && top.SysfsParentSegment is not null)
                return f.Topology.HostSysfsPath + "/" + string.Join("/", parts.Skip(1));
            return Bus.SysfsRoot + string.Join("/", parts);
        }
    }

    public override string ToString() => Name;
}

/// <summary>A registered driver (struct device_driver) built from its <see cref="DriverSpec"/>.</summary>
/// <summary>A device's candidate drivers with what they were computed under: the registration count and driver_override.</summary>
internal sealed record CandidateDriverList(int Registrations, string? Override, List<Driver> Drivers);

public sealed class Driver
{
    internal Driver(DriverSpec spec, BusType bus) { Spec = spec; Bus = bus; }
    public DriverSpec Spec { get; }
    public string Name => Spec.Name;
    public BusType Bus { get; }
    public bool Registered { get; internal set; }
    /// <summary>Position in the order drivers registered (all buses).</summary>
    internal int RegOrder;
    /// <summary>Position in the kernel's driver list (the same driver in every kernel of a prepared boot): its name in the state digest.</summary>
    internal int Index;
    // made on the first bind: a distribution's driver set has thousands of drivers that bind nothing on a board
    private List<Device>? _devices;
    internal List<Device> Devices => _devices ??= new List<Device>();

    /// <summary>Kernel.Fork: the driver's state (DigestFields is the list) with its devices mapped into the fork.</summary>
    internal void CopyFrom(Driver from, Func<Device, Device> map)
    {
        Registered = from.Registered;
        RegOrder = from.RegOrder;
        Index = from.Index;
        if (from._devices is { Count: > 0 } devices)
        {
            _devices = new List<Device>(devices.Count);
            foreach (var d in devices) _devices.Add(map(d));
        }
    }
    public override string ToString() => Name;

    internal static readonly DigestFields DigestFields = new(typeof(Driver),
        [nameof(Registered), nameof(RegOrder), nameof(Index), nameof(_devices)],
        (nameof(Spec), DigestFields.Input + " (the driver set), named by Index"),
        (nameof(Bus), DigestFields.Input + " (from the spec)"));

    /// <summary>The driver's state: registration, its order, and its bound devices (drv->p->klist_devices) in bind order.</summary>
    internal void Digest(ref StateDigest d)
    {
        d.Add(StateDigest.Pair(Index, RegOrder));
        d.Add((ulong)(uint)(_devices?.Count ?? 0) << 1 | (Registered ? 1UL : 0));
        if (_devices is not null)
            foreach (var dev in _devices) d.Add(dev.Id);
    }
}

/// <summary>A struct bus_type: its drivers in registration order and devices in add order.</summary>
public sealed class BusType
{
    internal BusType(string name, string sysfsRoot) { Name = name; SysfsRoot = sysfsRoot; }
    public string Name { get; }
    internal string SysfsRoot { get; }
    internal readonly List<Driver> Drivers = new();
    internal readonly List<Device> Devices = new();
    /// <summary>bus->p->bus_notifier: the BUS_NOTIFY_* chain other subsystems subscribe to (bus_register_notifier).</summary>
    internal readonly NotifierChain<BusNotify> Notifier = new();
    public bool DriversAutoprobe { get; internal set; } = true;
    public override string ToString() => Name;

    internal static readonly DigestFields DigestFields = new(typeof(BusType),
        [nameof(Drivers), nameof(Devices), nameof(DriversAutoprobe)],
        (nameof(Name), DigestFields.Input + " (a bus is named by its place in Kernel.Buses)"),
        (nameof(SysfsRoot), DigestFields.Input + " (for sysfs paths in reports)"),
        (nameof(Notifier), "the notifier chain: blocks registered when the kernel is made (wiring)"));

    /// <summary>The bus's registered drivers in registration order (each with its own state) and its devices in add order.</summary>
    internal void Digest(ref StateDigest d)
    {
        d.Add(DriversAutoprobe);
        d.Add(Drivers.Count);
        foreach (var drv in Drivers) drv.Digest(ref d);
        d.Add(Devices.Count);
        foreach (var dev in Devices) d.Add(dev.Id);
    }
}

/// <summary>What a deferred device waits for.</summary>
public enum WaitCause
{
    None,
    /// <summary>A supplier: a resource provider, a device link, a fwnode link, an AMBA bus clock.</summary>
    Supplier,
    /// <summary>Its IOMMU (of_iommu_configure).</summary>
    Iommu,
    /// <summary>The driver's own scripted probe chose to defer.</summary>
    DriverScript,
    /// <summary>A fault an exploration injected.</summary>
    InjectedFault,
}
