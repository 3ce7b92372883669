using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.DriverCore;

internal sealed partial class DriverModel
{
    private readonly List<DeviceLink> _links = new();

    private static readonly DigestFields DeviceLinksFields = new(typeof(DriverModel), [nameof(_links)]);

    /// <summary>Every device link, in creation order (the devices' own link lists follow it).</summary>
    private void DigestDeviceLinks(ref StateDigest d)
    {
        d.Add(_links.Count);
        foreach (var l in _links) l.Digest(ref d);
    }
    internal IReadOnlyList<DeviceLink> DeviceLinks => _links;

    // device_link_add: one link per supplier/consumer pair; initial state from the supplier's and consumer's driver state
    internal DeviceLink? DeviceLinkAdd(Device consumer, Device supplier, DlFlags flags)
    {
        if (consumer == supplier) return null;
        foreach (var existing in consumer.SupplierLinks)
            if (existing.Supplier == supplier)
            {
                // an existing link keeps its state; a stricter request clears sync-state-only
                if ((existing.Flags & DlFlags.SyncStateOnly) != 0 && (flags & DlFlags.SyncStateOnly) == 0)
                    existing.Flags = (existing.Flags & ~DlFlags.SyncStateOnly) | (flags & (DlFlags.AutoprobeConsumer | DlFlags.Inferred | DlFlags.PmRuntime));
                return existing;
            }
        // device_is_dependent: refuse a link whose supplier depends on the consumer (except sync-state-only)
        if ((flags & DlFlags.SyncStateOnly) == 0 && DeviceIsDependent(consumer, supplier)) return null;
        var status = DlState.Dormant;
        if (supplier.Bound)
            status = consumer.LinkState switch
            {
                DlDevState.Probing => DlState.ConsumerProbe,
                DlDevState.DriverBound => DlState.Active,
                _ => DlState.Available,
            };
        var link = new DeviceLink(supplier, consumer, flags | DlFlags.Managed, status);
        consumer.SupplierLinks.Add(link);
        supplier.ConsumerLinks.Add(link);
        _links.Add(link);
        Printk(LogLevel.Debug, $"{consumer.DriverString} {consumer.Name}: Linked as a consumer to {supplier.Name}");
        return link;
    }

    // device_is_dependent: is target a child or (transitive) consumer of dev?
    private static bool DeviceIsDependent(Device dev, Device target)
    {
        var seen = new HashSet<Device>();
        var stack = new Stack<Device>();
        stack.Push(dev);
        while (stack.Count > 0)
        {
            var d = stack.Pop();
            if (!seen.Add(d)) continue;
            if (d != dev && d == target) return true;
            foreach (var c in d.Children) stack.Push(c);
            foreach (var l in d.ConsumerLinks)
                if (!l.SyncStateOnly) stack.Push(l.Consumer);
        }
        return false;
    }

    /// <summary>The /sys/class/devlink name of a link.</summary>
    internal string DevlinkName(DeviceLink l) => S.DevlinkBusPrefixed
        ? $"{l.Supplier.Bus.Name}:{l.Supplier.Name}--{l.Consumer.Bus.Name}:{l.Consumer.Name}"
        : $"{l.Supplier.Name}--{l.Consumer.Name}";

    // device_links_check_suppliers: waiting fwnode links (fw_devlink on), then managed links not AVAILABLE
    private int DeviceLinksCheckSuppliers(Device dev)
    {
        if (dev.Node is not null && FwDevlinkBlocks)
        {
            var fw = Fw(dev.Node);
            foreach (var fl in fw.Suppliers)
            {
                if (fl.Cycle || fl.Ignore) continue;
                var what = S.LinkCheckReason == LinkCheckReason.NodeName ? fl.Supplier.Node.Name : fl.Supplier.Node.Path;
                if (S.LinkCheckReason != LinkCheckReason.None) SetDeferReason(dev, $"wait for supplier {what}");
                else Printk(LogLevel.Debug, $"{dev.DriverString} {dev.Name}: probe deferral - wait for supplier {fl.Supplier.Node.Name}");
                dev.SetWait(new FwnodeLinkWait(fl.Supplier.Node.Path, fl.Property));
                return -EPROBE_DEFER;
            }
        }
        foreach (var l in dev.SupplierLinks)
        {
            if (!l.Managed || l.SyncStateOnly) continue;
            if (l.Status != DlState.Available && l.Status != DlState.Active && l.Status != DlState.ConsumerProbe)
            {
                if (S.LinkCheckReason != LinkCheckReason.None) SetDeferReason(dev, $"supplier {l.Supplier.Name} not ready");
                else Printk(LogLevel.Debug, $"{dev.DriverString} {dev.Name}: probe deferral - supplier {l.Supplier.Name} not ready");
                dev.SetWait(new DeviceLinkWait(l.Supplier.Name, l.Status));
                return -EPROBE_DEFER;
            }
        }
        return 0;
    }

    // really_probe after the check: supplier links AVAILABLE -> CONSUMER_PROBE
    private void DeviceLinksConsumerProbing(Device dev)
    {
        dev.LinkState = DlDevState.Probing;
        foreach (var l in dev.SupplierLinks)
            if (l.Managed && l.Status == DlState.Available) l.Status = DlState.ConsumerProbe;
    }

    // device_links_no_driver: after a failed probe
    private void DeviceLinksNoDriver(Device dev)
    {
        dev.LinkState = DlDevState.NoDriver;
        foreach (var l in dev.SupplierLinks)
            if (l.Status == DlState.ConsumerProbe || l.Status == DlState.Active) l.Status = DlState.Available;
        foreach (var l in dev.ConsumerLinks)
            if (l.Managed && !l.SyncStateOnly && l.Status is DlState.Available) l.Status = DlState.Dormant;
    }

    // device_links_driver_bound: fwnode bookkeeping, consumer links AVAILABLE (autoprobe consumers queued), supplier links ACTIVE
    private void DeviceLinksDriverBound(Device dev)
    {
        if (dev.Node is not null && S.FwDevlink != FwDevlinkMode.None)
        {
            var fw = Fw(dev.Node);
            if (S.FwDevlinkSupplierIsNode) FwDevlinkPickupDanglingConsumers(dev);
            // fwnode_links_purge_suppliers: a bound device waits for nothing more
            foreach (var fl in fw.Suppliers.ToList()) RemoveFwnodeLink(fl);
        }
        foreach (var l in dev.ConsumerLinks)
        {
            if (!l.Managed) continue;
            if (l.Status == DlState.Dormant) l.Status = DlState.Available;
            if ((l.Flags & DlFlags.AutoprobeConsumer) != 0 && !l.Consumer.Bound) DeferredProbeAdd(l.Consumer);
        }
        foreach (var l in dev.SupplierLinks)
            if (l.Status == DlState.ConsumerProbe || l.Status == DlState.Available && l.Supplier.Bound) l.Status = DlState.Active;
        dev.LinkState = DlDevState.DriverBound;
    }

    // device_links_unbind_consumers / __device_links_no_driver on unbind
    internal void DeviceLinksUnbound(Device dev)
    {
        dev.LinkState = DlDevState.NoDriver;
        foreach (var l in dev.ConsumerLinks)
            if (l.Managed) l.Status = DlState.Dormant;
        foreach (var l in dev.SupplierLinks)
            if (l.Managed && l.Status == DlState.Active) l.Status = DlState.Available;
    }
}
