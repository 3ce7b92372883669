using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Boot;

/// <summary>The choice points of a boot (docs/checking.md): every place a real boot can go another way.</summary>
public sealed partial class Kernel
{
    /// <summary>
    /// Runs <paramref name="run"/> on every item in an order the schedule picks one position at a time (the given order
    /// without a schedule). Each pick is made after the previous item ran, so the kernel state tells the picks apart.
    /// </summary>
    private void RunInChosenOrder<T>(List<T> items, ChoiceKind kind, Func<T, string> label, Action<T> run, Func<T, T, bool>? commute = null)
    {
        if (!Schedule.Active || items.Count < 2)
        {
            foreach (var item in items) run(item);
            return;
        }
        var rest = new RemainingItems<T>(items);
        T? last = default;
        bool any = false;
        // one set of delegates for every pick: they read the current remaining items and the last one run
        Func<int, string> pickLabel = i => label(rest[i]) + (!any ? " first" : $" after {label(last!)}");
        Func<int, int, bool>? pickCommute = commute is null ? null : (i, j) => commute(rest[i], rest[j]);
        Func<int, string> pickActor = i => label(rest[i]);
        while (rest.Count > 0)
        {
            int pick = rest.Count == 1 ? 0 : Schedule.Choose(this, kind, rest.Count, pickLabel, pickCommute, pickActor);
            last = rest.TakeAt(pick);
            any = true;
            run(last);
        }
    }

    // do_initcall_level: link order. A schedule permutes only drivers that depend on each other (partial-order
    // reduction): drivers whose devices and suppliers share no node commute, so they keep link order between groups.
    private void RegisterLevel(int levelIndex, RegistrationBoundary? resume)
    {
        var level = InitcallLevels[levelIndex];
        var list = new List<Driver>();
        foreach (var drv in DriverCore.AllDrivers)
            if (drv.Spec.Availability == DriverAvailability.BuiltIn && drv.Spec.Level == level) list.Add(drv);
        if (!Schedule.Active || list.Count < 2)
        {
            foreach (var drv in list) DriverCore.DriverRegister(drv);
            return;
        }
        // the groups depend on the board, the driver set and the options alone: computed once per prepared boot
        var groups = Tables.RegistrationGroups(level, Schedule.LimitsContextBanks, () => RegistrationGroups(list));
        for (int gi = resume?.Group ?? 0; gi < groups.Length; gi++)
        {
            RegistrationBoundary at;
            if (resume is not null && gi == resume.Group) at = resume;
            else
            {
                var g = new List<Driver>(groups[gi].Length);
                foreach (int p in groups[gi]) g.Add(list[p]);
                at = new RegistrationBoundary(levelIndex, gi, new RemainingItems<Driver>(g));
            }
            RegisterGroup(at);
        }
    }

    // RunInChosenOrder for one registration group, with the position kept in kernel state (Boot/RegistrationBoundary.cs):
    // before each pick the schedule sees the boundary and may fork the kernel there; a fork resumes at it
    private void RegisterGroup(RegistrationBoundary at)
    {
        var rest = at.Rest;
        Func<int, string> pickLabel = i => RegistersLabel(rest[i]) + (at.Last is null ? " first" : $" after {RegistersLabel(at.Last)}");
        Func<int, int, bool> pickCommute = (i, j) => RegistrationsCommute(rest[i], rest[j]);
        Func<int, string> pickActor = i => RegistersLabel(rest[i]);
        while (rest.Count > 0)
        {
            int pick = 0;
            if (rest.Count > 1)
            {
                _boundary = at;
                Schedule.AtBoundary(this);
                _boundary = null;
                pick = Schedule.Choose(this, ChoiceKind.RegisterOrder, rest.Count, pickLabel, pickCommute, pickActor);
            }
            var drv = rest.TakeAt(pick);
            at.Last = drv;
            DriverCore.DriverRegister(drv);
        }
    }

    private static string RegistersLabel(Driver d) => $"{d.Name} registers";

    /// <summary>The level's drivers split into groups of drivers that depend on each other (transitively), as positions in the list; groups in link order.</summary>
    private int[][] RegistrationGroups(List<Driver> drivers)
    {
        var parent = Enumerable.Range(0, drivers.Count).ToArray();
        int Find(int i) { while (parent[i] != i) i = parent[i] = parent[parent[i]]; return i; }
        for (int i = 0; i < drivers.Count; i++)
            for (int j = i + 1; j < drivers.Count; j++)
                if (!RegistrationsCommute(drivers[i], drivers[j])) parent[Find(i)] = Find(j);
        var groups = new Dictionary<int, List<int>>();
        var result = new List<List<int>>();
        for (int i = 0; i < drivers.Count; i++)
        {
            int root = Find(i);
            if (!groups.TryGetValue(root, out var g)) { groups[root] = g = new List<int>(); result.Add(g); }
            g.Add(i);
        }
        return result.Select(g => g.ToArray()).ToArray();
    }

    /// <summary>
    /// Whether registering a then b ends as b then a. They do not when: they match the same node; one matches a node the
    /// other's nodes take a resource from (a supplier); one matches an ancestor of the other's node (a bus or adapter
    /// that creates it); or their nodes are masters of the same IOMMU (groups, domains and context banks are handed
    /// out in probe order). A driver without nodes (PCI, name match) commutes with nothing.
    /// </summary>
    internal bool RegistrationsCommute(Driver a, Driver b)
    {
        var fa = Footprint(a);
        var fb = Footprint(b);
        // without a PCI topology no PCI function is ever enumerated: a PCI driver's registration does nothing
        if ((a.Bus == Pci || b.Bus == Pci) && PciTopology is null) return true;
        // a platform driver without compatibles binds only by name or driver_override (user actions)
        if (fa.Matched.Count == 0 || fb.Matched.Count == 0)
            return a.Bus != Pci && b.Bus != Pci && DriverSet.Actions.Count == 0 && (fa.Matched.Count == 0 ? a : b).Spec.Compatibles.Count == 0;
        if (fa.Matched.Overlaps(fb.Matched) || fa.Matched.Overlaps(fb.Suppliers) || fb.Matched.Overlaps(fa.Suppliers)) return false;
        foreach (var iommu in fa.Iommus)
            if (fb.Iommus.Contains(iommu) && IommuMastersContend(iommu)) return false;
        return !Ancestry(fa.Matched, fb.Matched) && !Ancestry(fb.Matched, fa.Matched);
    }

    // masters of one IOMMU: probe order decides who gets context banks, shares a group first or sets its domain type;
    // with per-device groups and no banks only the group numbers change
    private bool IommuMastersContend(DtNode iommu)
    {
        if (Schedule.LimitsContextBanks) return true;
        foreach (var drv in DriverCore.AllDrivers)
            if (drv.Spec.Compatibles.Any(c => iommu.Compatible.Contains(c, StringComparer.OrdinalIgnoreCase)))
            {
                var traits = ProbeSim.Kernel.Iommu.IommuDriverCatalog.For(iommu.Compatible, drv.Spec.Iommu);
                return traits.Group != ProbeSim.Kernel.Drivers.IommuGroupPolicy.PerDevice || traits.ContextBanks is not null;
            }
        return true;
    }

    // a node whose children its driver creates (an I2C/SPI adapter, an MFD, a driver that calls of_platform_populate); the OF core populates simple buses itself
    private static bool Ancestry(HashSet<DtNode> upper, HashSet<DtNode> lower)
    {
        foreach (var n in lower)
            for (var p = n.Parent; p is not null; p = p.Parent)
                if (upper.Contains(p) && p.Parent is not null && !p.Compatible.Any(c => DriverModel.SimplePmBusCompatibles.Contains(c))) return true;
        return false;
    }

    private sealed record DriverFootprint(HashSet<DtNode> Matched, HashSet<DtNode> Suppliers, HashSet<DtNode> Iommus);

    private Dictionary<Driver, DriverFootprint>? _footprints;
    private Dictionary<string, List<DtNode>>? _nodesByCompatible;

    private static readonly DigestFields BootChoicesFields = new(typeof(Kernel), [],
        (nameof(_footprints), DigestFields.Cache + " (each driver's nodes, suppliers and IOMMUs in the tree)"),
        (nameof(_nodesByCompatible), DigestFields.Cache + " (the tree's nodes by compatible)"));

    /// <summary>The nodes a driver matches, the supplier nodes they take resources from, and the IOMMUs they sit behind.</summary>
    private DriverFootprint Footprint(Driver drv)
    {
        _footprints ??= new Dictionary<Driver, DriverFootprint>();
        if (_footprints.TryGetValue(drv, out var fp)) return fp;
        if (_nodesByCompatible is null)
        {
            _nodesByCompatible = new Dictionary<string, List<DtNode>>(StringComparer.OrdinalIgnoreCase);
            foreach (var n in Tree.AllNodes)
                foreach (var c in n.Compatible)
                {
                    if (!_nodesByCompatible.TryGetValue(c, out var l)) _nodesByCompatible[c] = l = new List<DtNode>();
                    l.Add(n);
                }
        }
        var cmp = ReferenceEqualityComparer.Instance;
        fp = new DriverFootprint(new HashSet<DtNode>(cmp), new HashSet<DtNode>(cmp), new HashSet<DtNode>(cmp));
        // a PCI driver's devices appear below the host bridges: it depends on the host bridge driver and other PCI drivers
        if (drv.Bus == Pci)
            foreach (var n in Tree.AllNodes)
                if (n.GetString("device_type") == "pci") fp.Matched.Add(n);
        foreach (var node in drv.Spec.Compatibles.SelectMany(c => _nodesByCompatible.GetValueOrDefault(c) ?? Enumerable.Empty<DtNode>()))
        {
            fp.Matched.Add(node);
            foreach (var r in ResourcesOf(node))
                if (r.Provider is { } p) fp.Suppliers.Add(ProviderDeviceNode(p));
            foreach (var (iommu, _, _) in OfPlatform.IommusEntries(node))
                if (iommu is not null) { fp.Suppliers.Add(iommu); fp.Iommus.Add(iommu); }
        }
        return _footprints[drv] = fp;
    }

    private static DtNode ProviderDeviceNode(DtNode n)
    {
        for (var p = n; p is not null; p = p.Parent)
            if (p.HasProperty("compatible")) return p;
        return n;
    }

    // a probe in flight while other work runs: a queued asynchronous probe, or user space loading a module early
    internal void ConcurrentWindow(Device probing)
    {
        bool async = DriverCore.AsyncQueued > 0;
        // the next module user space will load (udev runs in parallel with the deferred-probe work)
        TimedEvent? ev = null;
        (long, int) at = (long.MaxValue, int.MaxValue);
        foreach (var (item, prio) in _events.UnorderedItems)
            if (item.ModuleLoad is not null && prio.CompareTo(at) < 0) { ev = item; at = prio; }
        bool module = ev is not null;
        int count = 1 + (async ? 1 : 0) + (module ? 1 : 0);
        if (count == 1) return;
        int pick = Schedule.Choose(this, ChoiceKind.ProbeWindow, count, i =>
            i == 0 ? $"nothing runs while {probing.Name} probes"
            : i == 1 && async ? $"async probe of {DriverCore.FirstAsyncProbe.Name} runs while {probing.Name} probes"
            : $"module {ev!.ModuleLoad} loads while {probing.Name} probes");
        if (pick == 0) return;
        if (pick == 1 && async)
        {
            DriverCore.RunAsyncProbe(0);
            return;
        }
        _events.Remove(ev!, out var early, out _);
        early!.Run();
    }

    // user space unbinds one device through sysfs and binds it again (the unbind/rebind fault)
    private void UnbindAfterBoot()
    {
        var bound = DriverCore.Devices.Where(d => d.Bound).ToList();
        if (bound.Count == 0) return;
        int pick = Schedule.Choose(this, ChoiceKind.Unbind, bound.Count + 1, i => i == 0 ? "no unbind" : $"echo {bound[i - 1].Name} > unbind, then bind again");
        if (pick == 0) return;
        var dev = bound[pick - 1];
        var drv = dev.Driver!;
        Tick(1000);
        DriverCore.DeviceReleaseDriver(dev);
        // a rebind by the same driver (bind_store); consumers come back through the deferred list
        Tick(1000);
        SysfsBind(dev, drv);
        DriverCore.DeferredProbeTrigger();
        DriverCore.DeferredWork();
    }
}
