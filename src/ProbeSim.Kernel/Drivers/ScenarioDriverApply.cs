using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Drivers;

/// <summary>Applies one <see cref="ScenarioDriverEntry"/> to a driver list (rules on <see cref="ScenarioDriverSetSource"/>).</summary>
internal static class ScenarioDriverApply
{
    /// <summary>Changes the entry's target driver in place, or appends a new driver (nothing for <c>as: absent</c> without a target).</summary>
    public static void Apply(List<DriverSpec> drivers, ScenarioDriverEntry entry, DtTree tree, double? autoloadAt)
    {
        var index = FindTarget(drivers, entry, tree);
        DriverSpec result;
        if (index >= 0) result = Modify(drivers[index], entry, autoloadAt);
        else if (entry.Availability == DriverAvailability.Absent) return;
        else result = Create(entry, autoloadAt);
        Check(result, entry);
        if (index >= 0) drivers[index] = result;
        else drivers.Add(result);
    }

    /// <summary>
    /// The first driver (registration order) whose table has one of the entry's compatibles, preferring the entry's bus;
    /// else, unless the entry is for the platform bus, the first AMBA driver whose id table matches the peripheral ID of
    /// one of the compatibles (its ARM part number, or a PrimeCell node in the tree carrying it).
    /// </summary>
    private static int FindTarget(List<DriverSpec> drivers, ScenarioDriverEntry entry, DtTree tree)
    {
        var fallback = -1;
        for (var i = 0; i < drivers.Count; i++)
        {
            if (!drivers[i].Compatibles.Any(entry.Compatibles.Contains)) continue;
            if (entry.Bus is null || drivers[i].Bus == entry.Bus) return i;
            if (fallback < 0) fallback = i;
        }
        if (fallback >= 0 || entry.Bus == DriverBus.Platform) return fallback;

        var periphids = entry.Compatibles.Select(PrimecellIds.DefaultIdFor).OfType<AmbaId>().Select(id => id.Id).ToList();
        foreach (var node in tree.AllNodes)
            if (PrimecellIds.IsPrimecell(node) && node.Compatible.Any(entry.Compatibles.Contains) && PrimecellIds.PeriphidOf(node) is { } p)
                periphids.Add(p);
        for (var i = 0; i < drivers.Count; i++)
            if (drivers[i].Bus == DriverBus.Amba && periphids.Any(p => PrimecellIds.Matches(drivers[i].AmbaIds, p)))
                return i;
        return -1;
    }

    private static DriverSpec Create(ScenarioDriverEntry e, double? autoloadAt)
    {
        var name = e.Name ?? DefaultDriverSet.DriverNameFor(e.Compatibles[0]);
        var bus = e.Bus ?? (e.AmbaId is null ? DriverBus.Platform : DriverBus.Amba);
        var availability = e.Availability ?? DriverAvailability.BuiltIn;
        var module = availability == DriverAvailability.Module;
        return new DriverSpec
        {
            Name = name,
            Bus = bus,
            Compatibles = e.Compatibles,
            AmbaIds = bus == DriverBus.Amba ? AmbaIdsFor(e, Array.Empty<AmbaId>()) : Array.Empty<AmbaId>(),
            Availability = availability,
            Module = module ? e.Module ?? ModuleNameFor(name) : null,
            LoadAt = module ? (e.LoadAt is { } t ? t.Seconds : autoloadAt) : null,
            Level = e.Level ?? InitcallLevel.Device,
            AsyncProbe = e.AsyncProbe ?? false,
            PreventDeferredProbe = e.PreventDeferredProbe ?? false,
            DriverManagedDma = e.DriverManagedDma ?? false,
            PopulatesChildren = e.PopulatesChildren,
            Probe = Probe(null, e),
            Iommu = e.Iommu,
            PciIds = e.PciIds ?? Array.Empty<PciId>(),
            DmaMaskBits = e.DmaMaskBits,
            DmamAllocBytes = e.DmamAllocBytes,
            Dma = e.Dma ?? Array.Empty<DmaStep>(),
            Origin = $"scenario {e.Location}",
        };
    }

    private static DriverSpec Modify(DriverSpec d, ScenarioDriverEntry e, double? autoloadAt)
    {
        var name = e.Name ?? d.Name;
        var bus = e.Bus ?? d.Bus;
        var availability = e.Availability ?? d.Availability;
        var module = availability == DriverAvailability.Module;
        var wasModule = d.Availability == DriverAvailability.Module;
        return d with
        {
            Name = name,
            Bus = bus,
            Compatibles = d.Compatibles.Concat(e.Compatibles.Where(c => !d.Compatibles.Contains(c))).ToArray(),
            AmbaIds = bus == DriverBus.Amba ? AmbaIdsFor(e, d.AmbaIds) : d.AmbaIds,
            Availability = availability,
            Module = module ? e.Module ?? d.Module ?? ModuleNameFor(name) : null,
            LoadAt = module ? (e.LoadAt is { } t ? t.Seconds : wasModule ? d.LoadAt : autoloadAt) : null,
            Level = e.Level ?? d.Level,
            AsyncProbe = e.AsyncProbe ?? d.AsyncProbe,
            PreventDeferredProbe = e.PreventDeferredProbe ?? d.PreventDeferredProbe,
            DriverManagedDma = e.DriverManagedDma ?? d.DriverManagedDma,
            PopulatesChildren = e.PopulatesChildren ?? d.PopulatesChildren,
            Probe = Probe(d.Probe, e),
            Iommu = e.Iommu is null ? d.Iommu : Merge(d.Iommu, e.Iommu),
            PciIds = e.PciIds ?? d.PciIds,
            DmaMaskBits = e.DmaMaskBits ?? d.DmaMaskBits,
            DmamAllocBytes = e.DmamAllocBytes ?? d.DmamAllocBytes,
            Dma = e.Dma ?? d.Dma,
            Origin = d.Origin.Length == 0 ? $"changed by scenario {e.Location}" : $"{d.Origin}; changed by scenario {e.Location}",
        };
    }

    /// <summary>module/load-at only make sense for a module, amba-id only for an AMBA driver (checked on the result, since the base decides what was not given).</summary>
    private static void Check(DriverSpec d, ScenarioDriverEntry e)
    {
        if (d.Availability != DriverAvailability.Module)
        {
            if (e.ModuleLocation is { } m) throw new ScenarioException(m, $"module is only for a module driver ({d.Name} is {Word(d.Availability)})");
            if (e.LoadAtLocation is { } l) throw new ScenarioException(l, $"load-at is only for a module driver ({d.Name} is {Word(d.Availability)})");
        }
        if (d.Bus != DriverBus.Amba && e.AmbaIdLocation is { } a)
            throw new ScenarioException(a, $"amba-id on {d.Name}, which is not an AMBA driver");
    }

    private static IReadOnlyList<AmbaId> AmbaIdsFor(ScenarioDriverEntry e, IReadOnlyList<AmbaId> current)
    {
        if (e.AmbaId is { } id) return new[] { id };
        if (current.Count > 0) return current;
        return e.Compatibles.Select(PrimecellIds.DefaultIdFor).OfType<AmbaId>().Take(1).ToArray();
    }

    private static ProbeScript? Probe(ProbeScript? current, ScenarioDriverEntry e)
    {
        if (e.Probe is null && e.RequestResources is null) return current;
        var script = current ?? new ProbeScript();
        return script with
        {
            Steps = e.Probe ?? script.Steps,
            RequestResources = e.RequestResources ?? script.RequestResources,
        };
    }

    private static IommuDriverSpec Merge(IommuDriverSpec? a, IommuDriverSpec b) => a is null ? b : new IommuDriverSpec
    {
        Registers = b.Registers ?? a.Registers,
        ContextBanks = b.ContextBanks ?? a.ContextBanks,
        Group = b.Group ?? a.Group,
        OfXlate = b.OfXlate ?? a.OfXlate,
        OfDeclare = b.OfDeclare ?? a.OfDeclare,
        Identity = b.Identity ?? a.Identity,
        IdentityClients = b.IdentityClients ?? a.IdentityClients,
        SharedArmMapping = b.SharedArmMapping ?? a.SharedArmMapping,
        StreamIdBits = b.StreamIdBits ?? a.StreamIdBits,
    };

    /// <summary>The default module name: the driver name with '-' -> '_' (KBUILD_MODNAME style).</summary>
    public static string ModuleNameFor(string driverName) => driverName.Replace('-', '_');

    private static string Word(DriverAvailability a) => a switch
    {
        DriverAvailability.BuiltIn => "built-in",
        DriverAvailability.Module => "a module",
        _ => "absent",
    };
}
