using ProbeSim.Kernel.Dma;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Iommu;

namespace ProbeSim.Kernel.Boot;

/// <summary>
/// The identity map of one <see cref="Kernel.Fork"/>: each state object of the original kernel and its copy in the
/// fork. Devices go by id and drivers by their place in the driver list (both the same in every kernel of a prepared
/// boot); the other objects (links, fwnode links, IOMMU instances, groups, domains, fwspecs, arm32 mappings) are made
/// on first reference, registered before their fields are filled so that cycles (a group's instance, the instance's
/// stream groups) close. Immutable inputs and value records are shared.
/// </summary>
internal sealed class ForkMap
{
    private readonly DriverModel _to;
    private readonly Device[] _devices;
    private readonly Driver[] _drivers;
    private readonly BusType[] _fromBuses, _toBuses;
    private readonly Dictionary<object, object> _objects;

    public ForkMap(DriverModel from, DriverModel to, Device[] devices, Driver[] drivers)
    {
        _to = to;
        _devices = devices;
        _drivers = drivers;
        _fromBuses = from.Buses.ToArray();
        _toBuses = to.Buses.ToArray();
        // the links and fwnode links are most of the objects made on first reference: no rehashing while they go in
        _objects = new Dictionary<object, object>(from.DeviceLinks.Count + 2 * devices.Length, ReferenceEqualityComparer.Instance);
        _drv = Drv;
    }

    // made once: a method group converted to a delegate allocates at every conversion
    private readonly Converter<Driver, Driver> _drv;

    public Device Dev(Device d) => _devices[d.Id];
    public Device? DevOrNull(Device? d) => d is null ? null : _devices[d.Id];
    public Driver Drv(Driver d) => _drivers[d.Index];
    public Driver? DrvOrNull(Driver? d) => d is null ? null : _drivers[d.Index];

    public BusType Bus(BusType b)
    {
        for (int i = 0; i < _fromBuses.Length; i++)
            if (ReferenceEquals(_fromBuses[i], b)) return _toBuses[i];
        throw new InvalidOperationException($"bus {b.Name} is not one of the kernel's buses");
    }

    public FwNode Fw(FwNode f) => _to.Fw(f.Node);

    private bool Known<T>(T from, out T to) where T : class
    {
        if (_objects.TryGetValue(from, out var o)) { to = (T)o; return true; }
        to = null!;
        return false;
    }

    public FwnodeLink FwLink(FwnodeLink l)
    {
        if (Known(l, out var c)) return c;
        c = new FwnodeLink(Fw(l.Consumer), Fw(l.Supplier), l.Property) { Cycle = l.Cycle, Ignore = l.Ignore };
        _objects[l] = c;
        return c;
    }

    public DeviceLink Link(DeviceLink l)
    {
        if (Known(l, out var c)) return c;
        c = new DeviceLink(Dev(l.Supplier), Dev(l.Consumer), l.Flags, l.Status);
        _objects[l] = c;
        return c;
    }

    public IommuInstance? Inst(IommuInstance? i)
    {
        if (i is null) return null;
        if (Known(i, out var c)) return c;
        c = new IommuInstance(i.Order, i.Traits, Dev(i.Device), i.Node, i.SysfsName, i.DriverName) { Firmware = i.Firmware };
        _objects[i] = c;
        c.CopyFrom(i, this);
        return c;
    }

    public IommuGroup? Group(IommuGroup? g)
    {
        if (g is null) return null;
        if (Known(g, out var c)) return c;
        c = new IommuGroup(g.Id);
        _objects[g] = c;
        foreach (var d in g.Devices) c.Devices.Add(Dev(d));
        c.DefaultDomain = Dom(g.DefaultDomain);
        c.Domain = Dom(g.Domain);
        c.BlockingDomain = Dom(g.BlockingDomain);
        c.Owner = g.Owner;
        c.OwnerCount = g.OwnerCount;
        c.Instance = Inst(g.Instance);
        c.VfioContainerSet = g.VfioContainerSet;
        c.Freed = g.Freed;
        return c;
    }

    public IommuDomain? Dom(IommuDomain? d)
    {
        if (d is null) return null;
        if (Known(d, out var c)) return c;
        // Kernel.ForkRefusal refuses a kernel whose DMA data plane was used
        if (d.DataPlane is not null) throw new InvalidOperationException($"domain {d.Id} has a DMA data plane: such a kernel is not forked");
        c = new IommuDomain(d.Id, d.Type, null);
        _objects[d] = c;
        c.Owner = Inst(d.Owner);
        c.ContextBank = d.ContextBank;
        foreach (var a in d.Attached) c.Attached.Add(Dev(a));
        c.Purpose = d.Purpose;
        return c;
    }

    public IommuFwspec? Fwspec(IommuFwspec? f)
    {
        if (f is null) return null;
        if (Known(f, out var c)) return c;
        c = new IommuFwspec(f.IommuNode, Inst(f.Ops));
        _objects[f] = c;
        c.Ids.AddRange(f.Ids);
        return c;
    }

    public ArmIommuMapping? Mapping(ArmIommuMapping? m)
    {
        if (m is null) return null;
        if (Known(m, out var c)) return c;
        c = new ArmIommuMapping(Dom(m.Domain)!, Inst(m.Owner), m.Shared) { Refs = m.Refs };
        _objects[m] = c;
        return c;
    }

    // --- the state of the objects the fork makes by id (Kernel.Fork made them all first)

    /// <summary>A device's fields (Device.DigestFields is the list): the deferred-list entry is set where the lists are copied.</summary>
    public void Fill(Device to, Device from)
    {
        to.Driver = DrvOrNull(from.Driver);
        to.Bound = from.Bound;
        to.CanMatch = from.CanMatch;
        to.Dead = from.Dead;
        to.Deferred = from.Deferred;
        to.DeferReason = from.DeferReason;
        to.LinkState = from.LinkState;
        to.DriverOverride = from.DriverOverride;
        to.ProbeAttempts = from.ProbeAttempts;
        to.LastError = from.LastError;
        to.LastFailure = from.LastFailure;
        to.Devres.AddRange(from.Devres);
        to.BoundAtUs = from.BoundAtUs;
        to.LastProbeDeferred = from.LastProbeDeferred;
        to.SysfsParentSegment = from.SysfsParentSegment;
        to.PeriphId = from.PeriphId;
        to.LastProbeDriver = DrvOrNull(from.LastProbeDriver);
        to.RejectedBy = from.RejectedBy;
        to.PlanHadUnknown = from.PlanHadUnknown;
        to.MatchName = from.MatchName;
        to.Candidates = from.Candidates is { } cand ? cand with { Drivers = cand.Drivers.ConvertAll(_drv) } : null;
        to.SetWait(from.Wait);
        foreach (var l in from.SupplierLinks) to.SupplierLinks.Add(Link(l));
        foreach (var l in from.ConsumerLinks) to.ConsumerLinks.Add(Link(l));
        foreach (var (drv, n) in from.ScriptAttempts) to.ScriptAttempts[Drv(drv)] = n;
        foreach (var c in from.Children) to.Children.Add(Dev(c));
        to.AsyncQueued = from.AsyncQueued;
        to.Unbinds = from.Unbinds;
        to.Pci = from.Pci;
        Fill(to.Iommu, from.Iommu);
        Fill(to.Dma, from.Dma);
    }

    private void Fill(DeviceIommu to, DeviceIommu from)
    {
        to.Fwspec = Fwspec(from.Fwspec);
        to.Instance = Inst(from.Instance);
        to.Group = Group(from.Group);
        to.ProbeRefusal = from.ProbeRefusal;
        to.ArchPrivateDomain = Dom(from.ArchPrivateDomain);
        to.OfIommuRule = from.OfIommuRule;
        to.OfIommuDeferred = from.OfIommuDeferred;
        to.OfIommuAtUs = from.OfIommuAtUs;
        to.Untrusted = from.Untrusted;
    }

    private void Fill(DeviceDma to, DeviceDma from)
    {
        to.Ops = from.Ops;
        to.Coherent = from.Coherent;
        to.DmaMask = from.DmaMask;
        to.CoherentMask = from.CoherentMask;
        to.BusDmaLimit = from.BusDmaLimit;
        to.RangeOffset = from.RangeOffset;
        to.IommuFound = Inst(from.IommuFound);
        to.NoIommuReason = from.NoIommuReason;
        to.DmaIommu = from.DmaIommu;
        to.DmaOpsSetup = from.DmaOpsSetup;
        to.Mapping = Mapping(from.Mapping);
        to.QueuedAttach = from.QueuedAttach;
        to.ConfiguredThisProbe = from.ConfiguredThisProbe;
        to.UsesDefaultDomain = from.UsesDefaultDomain;
        to.Events.AddRange(from.Events);
    }

    /// <summary>A bus's fields (BusType.DigestFields); its notifier chain is the fork's own wiring.</summary>
    public void Fill(BusType to, BusType from)
    {
        foreach (var d in from.Drivers) to.Drivers.Add(Drv(d));
        foreach (var d in from.Devices) to.Devices.Add(Dev(d));
        to.DriversAutoprobe = from.DriversAutoprobe;
    }

    /// <summary>An fwnode's fields (FwNode.DigestFields).</summary>
    public void Fill(FwNode to, FwNode from)
    {
        to.Dev = DevOrNull(from.Dev);
        to.LinksAdded = from.LinksAdded;
        to.NotDevice = from.NotDevice;
        to.Initialized = from.Initialized;
        foreach (var l in from.Suppliers) to.Suppliers.Add(FwLink(l));
        foreach (var l in from.Consumers) to.Consumers.Add(FwLink(l));
    }
}
