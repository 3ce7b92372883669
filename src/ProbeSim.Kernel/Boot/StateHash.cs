using ProbeSim.Kernel.DriverCore;

namespace ProbeSim.Kernel.Boot;

public sealed partial class Kernel
{
    /// <summary>
    /// A 64-bit digest of everything that decides how the rest of the boot goes, up to simulated time: per device its
    /// binding, driver, deferred-list place, attempts, errors, DMA ops and IOMMU group; the registered drivers; the
    /// deferred-probe machinery; the async queue; pending events. Two schedules that reach the same digest at the same
    /// choice point continue identically, so an explorer visits that state once.
    /// </summary>
    public ulong StateHash()
    {
        var h = new Fnv();
        h.Add(_devices.Count);
        foreach (var d in _devices)
        {
            h.Add(d.Bound ? 1 : 0); h.Add(d.Driver?.RegOrder ?? -1); h.Add((int)d.Deferred); h.Add(d.ProbeAttempts);
            h.Add(d.LastError ?? 0); h.Add(d.LastProbeDeferred ? 1 : 0); h.Add(d.CanMatch ? 1 : 0); h.Add(d.Unbinds);
            h.Add((int)d.Dma.Ops); h.Add(d.Dma.Mapping is null ? 0 : 1); h.Add(d.Iommu.Group is null ? 0 : 1 + d.Iommu.Group.Devices.IndexOf(d));
            h.Add(d.Iommu.Fwspec is null ? 0 : 1);
        }
        foreach (var d in _pending) h.Add(d.Id);
        h.Add(-1);
        foreach (var d in _active) h.Add(d.Id);
        foreach (var drv in _allDrivers) h.Add(drv.Registered ? drv.RegOrder + 1 : 0);
        h.Add(_deferredEnabled ? 1 : 0); h.Add(_workQueued ? 1 : 0); h.Add(_initcallsDone ? 1 : 0); h.Add(_timeout ?? -2);
        for (int i = 0; i < _asyncQueue.Count; i++) h.Add(_asyncQueue[i].Dev.Id);
        h.Add(_events.Count);
        foreach (var inst in IommuCore.Instances)
        {
            h.Add(inst.Registered ? 1 : 0); h.Add(inst.ContextBanksInUse);
            // arm-smmu-v3's StreamID tree and level-2 tables decide later probe_device refusals and blocked streams
            h.Add(inst.Streams.Count); h.Add(inst.L2Spans.Count);
            foreach (var (sid, owner) in inst.Streams.OrderBy(x => x.Key)) { h.Add((int)sid); h.Add(owner.Id); }
        }
        // bus->iommu_ops (until v6.7) and the device links (their state gates probing)
        foreach (var bus in IommuCore.Buses) h.Add(IommuCore.BusOps(bus) is { } ops ? ops.Order : -1);
        h.Add(_links.Count);
        foreach (var l in _links) { h.Add(l.Supplier.Id); h.Add(l.Consumer.Id); h.Add((int)l.Status); h.Add((int)l.Flags); }
        h.Add(_crash is null ? 0 : 1);
        return h.Value;
    }

    private struct Fnv
    {
        private ulong _h;
        public Fnv() => _h = 14695981039346656037UL;
        public void Add(int v) { _h = (_h ^ (uint)v) * 1099511628211UL; }
        public readonly ulong Value => _h;
    }
}
