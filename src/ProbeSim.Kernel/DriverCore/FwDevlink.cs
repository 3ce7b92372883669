using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Of;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.DriverCore;

internal sealed partial class DriverModel
{
    private FwDevlinkMode _fwDevlinkMode;
    private bool _fwDevlinkStrict;
    private Func<DtNode, IReadOnlyList<OfSupplierRef>>? _parseSuppliers;

    private static readonly DigestFields FwDevlinkFields = new(typeof(DriverModel), [],
        (nameof(_fwDevlinkMode), DigestFields.Input + " (the profile and fw_devlink=)"),
        (nameof(_fwDevlinkStrict), DigestFields.Input + " (fw_devlink.strict=)"),
        (nameof(_parseSuppliers), DigestFields.Cache + " (the parser of_fwnode_add_links uses)"));

    /// <summary>fw_devlink mode in effect (profile default or fw_devlink=).</summary>
    internal FwDevlinkMode FwDevlinkMode => _fwDevlinkMode;

    /// <summary>fw_devlink=on/rpm: links block probing.</summary>
    private bool FwDevlinkBlocks => _fwDevlinkMode is FwDevlinkMode.On or FwDevlinkMode.Rpm;

    // fw_devlink_get_flags
    private DlFlags FwDevlinkFlags(bool own, bool cycle)
    {
        if (!own || cycle || _fwDevlinkMode == FwDevlinkMode.Permissive)
            return DlFlags.Inferred | DlFlags.SyncStateOnly | (cycle ? DlFlags.Cycle : 0);
        return DlFlags.Inferred | DlFlags.AutoprobeConsumer | (_fwDevlinkMode == FwDevlinkMode.Rpm ? DlFlags.PmRuntime : 0);
    }

    // fw_devlink_link_device: parse the fwnode tree once, then link to consumers and suppliers
    private void FwDevlinkLinkDevice(Device dev)
    {
        if (_fwDevlinkMode is FwDevlinkMode.None or FwDevlinkMode.Off || dev.Node is null) return;
        FwDevlinkParseFwtree(dev.Node);
        FwDevlinkLinkToConsumers(dev);
        FwDevlinkLinkToSuppliers(dev, dev.Node);
    }

    // fw_devlink_parse_fwtree: of_fwnode_add_links for the node and every descendant, once
    private void FwDevlinkParseFwtree(DtNode node)
    {
        var fw = Fw(node);
        // a node whose links were added had its whole subtree parsed with it
        if (fw.LinksAdded) return;
        fw.LinksAdded = true;
        // of_fwnode_add_links: the node's supplier properties depend on the tree, profile and command line alone
        _parseSuppliers ??= n => OfFwnodeSuppliers.Parse(n, S.FwDevlinkBindings, S.FwDevlinkOptional, _fwDevlinkStrict, false, Index);
        foreach (var sup in Tables.Suppliers(node, _parseSuppliers))
            OfLinkToPhandle(sup.Consumer, sup.Supplier, sup.Property, sup.Ignore);
        foreach (var child in node.Children) FwDevlinkParseFwtree(child);
    }

    // of_link_to_phandle: no link to a disabled supplier (or one under a disabled ancestor) or to a descendant
    private void OfLinkToPhandle(DtNode con, DtNode sup, string property, bool ignore)
    {
        if (!S.FwDevlinkSupplierIsNode)
        {
            // v5.x: the supplier is the nearest node (self or ancestor) with a compatible
            var compat = OfCompatNode.NearestCompatibleAncestor(sup);
            if (compat is null) return;
            sup = compat;
        }
        for (var a = sup; a is not null; a = a.Parent)
            if (ReferenceEquals(a, con)) return;
        for (var tmp = sup; tmp is not null; tmp = tmp.Parent)
        {
            if (FwIfAny(tmp)?.Dev is not null) break;
            if (!tmp.IsAvailable) return;
        }
        var cfw = Fw(con);
        var sfw = Fw(sup);
        foreach (var existing in cfw.Suppliers)
            if (existing.Supplier == sfw) return;
        var link = new FwnodeLink(cfw, sfw, property) { Ignore = ignore };
        cfw.Suppliers.Add(link);
        sfw.Consumers.Add(link);
    }

    private static void RemoveFwnodeLink(FwnodeLink l)
    {
        l.Consumer.Suppliers.Remove(l);
        l.Supplier.Consumers.Remove(l);
    }

    private Device? NextParentDev(DtNode node)
    {
        for (var p = node.Parent; p is not null; p = p.Parent)
            if (FwIfAny(p)?.Dev is { } d) return d;
        return null;
    }

    // __fw_devlink_link_to_consumers
    private void FwDevlinkLinkToConsumers(Device dev)
    {
        var fw = Fw(dev.Node!);
        if (fw.Consumers.Count == 0) return;
        foreach (var link in fw.Consumers.ToArray())
        {
            var conDev = link.Consumer.Dev;
            bool own = true;
            if (conDev is null)
            {
                conDev = NextParentDev(link.Consumer.Node);
                if (conDev is not null && IsAncestorOrSelf(conDev.Node, dev.Node!)) conDev = null;
                own = false;
            }
            if (conDev is null) continue;
            int ret = FwDevlinkCreateDevlink(conDev, fw, link);
            if (!own || ret == -11) continue;
            RemoveFwnodeLink(link);
        }
    }

    // __fw_devlink_link_to_suppliers: own links become device links; child nodes' links sync-state-only
    private void FwDevlinkLinkToSuppliers(Device dev, DtNode node)
    {
        var fw = Fw(node);
        bool own = ReferenceEquals(dev.Node, node);
        foreach (var link in fw.Suppliers.Count == 0 ? Array.Empty<FwnodeLink>() : fw.Suppliers.ToArray())
        {
            int ret = FwDevlinkCreateDevlink(dev, link.Supplier, link);
            if (!own || ret == -11) continue;
            RemoveFwnodeLink(link);
        }
        foreach (var child in node.Children)
            if (child.IsAvailable) FwDevlinkLinkToSuppliers(dev, child);
    }

    internal static bool IsAncestorOrSelf(DtNode? ancestor, DtNode node)
    {
        for (var n = node; n is not null; n = n.Parent) if (ReferenceEquals(n, ancestor)) return true;
        return false;
    }

    /// <summary>fw_devlink_create_devlink: 0 linked, -EINVAL never link, -EAGAIN (-11) wait for the supplier's device.</summary>
    private int FwDevlinkCreateDevlink(Device con, FwNode sup, FwnodeLink link)
    {
        bool own = ReferenceEquals(con.Node, link.Consumer.Node);
        var flags = FwDevlinkFlags(own, link.Cycle);

        if (S.FwDevlinkCycleFixup && (flags & DlFlags.SyncStateOnly) == 0 && FwDevlinkRelaxCycles(con, sup))
        {
            link.Cycle = true;
            flags = FwDevlinkFlags(own, true);
            DevPrintk(LogLevel.Info, con, $"Fixed dependency cycle(s) with {sup.Node.Path}");
        }

        var supDev = sup.NotDevice ? NextParentDev(sup.Node) : sup.Dev;
        if (supDev is not null)
        {
            // a supplier set up early without binding a driver: never wait for its device
            if (supDev.LinkState == DlDevState.NoDriver && !supDev.Bound && sup.Initialized)
            {
                Printk(LogLevel.Debug, $"{con.DriverString} {con.Name}: Not linking {sup.Node.Path} - dev might never probe");
                return -EINVAL;
            }
            if (con == supDev) return 0;
            if (DeviceLinkAdd(con, supDev, flags) is null)
            {
                if (!S.FwDevlinkCycleFixup && (flags & DlFlags.SyncStateOnly) == 0)
                {
                    // v5.11..v6.2: the supplier depends on the consumer: relax the cycle and link sync-state-only
                    DevPrintk(LogLevel.Info, con, $"Fixing up cyclic dependency with {supDev.Name}");
                    FwDevlinkRelaxCycle(con, supDev);
                    DeviceLinkAdd(con, supDev, FwDevlinkFlags(false, false));
                    return 0;
                }
                DevPrintk(LogLevel.Err, con, $"Failed to create device link (0x{(int)(flags | DlFlags.Managed):x}) with {supDev.Name}");
                return -EINVAL;
            }
            return 0;
        }
        // fwnode_ancestor_init_without_drv: an early-initialised supplier never becomes a device
        for (var n = sup.Node; n is not null; n = n.Parent)
        {
            var f = FwIfAny(n);
            if (f is null) continue;
            if (f.Dev is not null) break;
            if (f.Initialized)
            {
                Printk(LogLevel.Debug, $"{con.DriverString} {con.Name}: Not linking {sup.Node.Path} - might never become dev");
                return -EINVAL;
            }
        }
        return -11;
    }

    // __fw_devlink_relax_cycles: does the supplier (through fwnode links, its device's links or parents) depend on con?
    private bool FwDevlinkRelaxCycles(Device con, FwNode start)
    {
        var visited = new HashSet<FwNode>();
        return Walk(start);

        bool Walk(FwNode sup)
        {
            if (!visited.Add(sup)) return false;
            if (con.Node is not null && ReferenceEquals(sup.Node, con.Node)) return true;
            var supDev = sup.Dev;
            if (supDev is not null && supDev.LinkState == DlDevState.DriverBound && con.LinkState == DlDevState.NoDriver) return false;
            bool ret = false;
            foreach (var l in sup.Suppliers.ToList())
            {
                if (l.Ignore) continue;
                if (Walk(l.Supplier)) { l.Cycle = true; ret = true; }
            }
            var par = supDev is not null ? supDev.Parent : NextParentDev(sup.Node);
            if (par?.Node is not null && Walk(Fw(par.Node))) ret = true;
            if (supDev is null) return ret;
            foreach (var dl in supDev.SupplierLinks.ToList())
            {
                if (dl.SyncStateOnly && (dl.Flags & DlFlags.Cycle) == 0) continue;
                if (dl.Supplier.Node is not null && Walk(Fw(dl.Supplier.Node)))
                {
                    FwDevlinkRelaxLink(dl);
                    dl.Flags |= DlFlags.Cycle;
                    ret = true;
                }
            }
            return ret;
        }
    }

    // fw_devlink_relax_cycle (v5.11..v6.2): every inferred link on the path from the supplier back to con becomes sync-state-only
    private void FwDevlinkRelaxCycle(Device con, Device sup)
    {
        var seen = new HashSet<Device>();
        void Relax(Device d)
        {
            if (!seen.Add(d)) return;
            foreach (var l in d.SupplierLinks.ToList())
            {
                if (l.Supplier == con || DeviceIsDependent(con, l.Supplier)) { FwDevlinkRelaxLink(l); Relax(l.Supplier); }
            }
        }
        Relax(sup);
    }

    // fw_devlink_relax_link: an inferred link no longer blocks its consumer
    private void FwDevlinkRelaxLink(DeviceLink l)
    {
        if ((l.Flags & DlFlags.Inferred) == 0 || l.SyncStateOnly) return;
        l.Flags = DlFlags.Managed | DlFlags.Inferred | DlFlags.SyncStateOnly | (l.Flags & DlFlags.Cycle);
        Printk(LogLevel.Debug, $"{l.Consumer.DriverString} {l.Consumer.Name}: Relaxing link with {l.Supplier.Name}");
    }

    // fw_devlink_drivers_done: relax links to suppliers that never matched a driver
    private void FwDevlinkDriversDone()
    {
        _fwDevlinkDriversDone = true;
        foreach (var l in _links)
            if (!l.Supplier.CanMatch) FwDevlinkRelaxLink(l);
    }

    // fw_devlink_unblock_consumers
    private void FwDevlinkUnblockConsumers(Device dev)
    {
        foreach (var l in dev.ConsumerLinks) FwDevlinkRelaxLink(l);
    }

    // __fw_devlink_pickup_dangling_consumers: children without a device hand their consumers to the bound parent
    private void FwDevlinkPickupDanglingConsumers(Device dev)
    {
        var newSup = Fw(dev.Node!);
        foreach (var child in dev.Node!.Children)
            if (child.IsAvailable) Pickup(child);
        FwDevlinkLinkToConsumers(dev);

        void Pickup(DtNode node)
        {
            var fw = Fw(node);
            if (fw.Dev is not null) return;
            fw.NotDevice = true;
            foreach (var l in fw.Consumers.ToList())
            {
                fw.Consumers.Remove(l);
                if (l.Consumer.Suppliers.Any(x => x != l && x.Supplier == newSup)) { l.Consumer.Suppliers.Remove(l); continue; }
                l.Supplier = newSup;
                newSup.Consumers.Add(l);
            }
            foreach (var c in node.Children)
                if (c.IsAvailable) Pickup(c);
        }
    }
}
