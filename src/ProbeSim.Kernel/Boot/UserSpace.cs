using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Boot;

public sealed partial class Kernel
{
    private readonly HashSet<string> _blacklist = new(StringComparer.Ordinal);
    private bool _coldplugDone;

    private static readonly DigestFields UserSpaceFields = new(typeof(Kernel),
        [nameof(_coldplugDone), nameof(_unboundUnderConsumers)],
        (nameof(_blacklist), DigestFields.Input + " (modprobe.blacklist=)"));

    /// <summary>Whether coldplug ran, and the consumers left bound under an unbound supplier (the supplier-unbound check reads them).</summary>
    private void DigestUserSpace(ref StateDigest d)
    {
        d.Add(_coldplugDone);
        d.Add(_unboundUnderConsumers.Count);
        foreach (var (sup, con, _) in _unboundUnderConsumers) d.Add((ulong)(uint)sup.Id << 32 | (uint)con.Id);
    }

    /// <summary>The kernel parameters that change the modelled behaviour.</summary>
    private void ApplyCommandLine()
    {
        // the driver core's parameters (deferred_probe_timeout=, fw_devlink=, fw_devlink.strict=, driver_async_probe=)
        DriverCore.ApplyCommandLine(CommandLine);
        // modprobe.blacklist= is read by modprobe in user space
        if (CommandLine.Get("modprobe.blacklist") is { } bl)
            foreach (var m in bl.Split(',', StringSplitOptions.RemoveEmptyEntries)) _blacklist.Add(m.Replace('-', '_'));
        // iommu.passthrough= / iommu.strict=
        IommuCore.IommuDefaultTypeFromCmdline();
    }

    private bool IsBlacklisted(Driver drv) => _blacklist.Count > 0 && drv.Spec.Module is { } m && _blacklist.Contains(m.Replace('-', '_'));

    internal bool HasModuleFor(Device dev) =>
        DriverCore.CandidateDrivers(dev).Any(d => !d.Registered && d.Spec.Availability == DriverAvailability.Module && DriverCore.BusMatch(dev, d) != 0);

    /// <summary>init_module: the module's driver registers (every driver of that module, in set order).</summary>
    private void LoadModule(Driver drv)
    {
        if (drv.Registered) return;
        Tick(100);
        DriverCore.DriverRegister(drv);
    }

    // udev coldplug: load the modules whose aliases match a device that has no driver
    private void Coldplug()
    {
        _coldplugDone = true;
        if (!Schedule.Active)
        {
            foreach (var dev in DriverCore.Devices.ToList())
                LoadModulesFor(dev);
            return;
        }
        // udev handles the coldplug uevents in parallel: the modules may load in any order
        var modules = new List<Driver>();
        foreach (var dev in DriverCore.Devices)
            foreach (var drv in ModulesFor(dev))
                if (!modules.Contains(drv)) modules.Add(drv);
        RunInChosenOrder(modules, ChoiceKind.ModuleOrder, d => $"udev loads module {d.Spec.Module ?? d.Name}", LoadModule);
    }

    private void LoadModulesFor(Device dev)
    {
        foreach (var drv in ModulesFor(dev).ToList()) LoadModule(drv);
    }

    // the modules whose aliases match a device without a driver (what a uevent makes udev load)
    private IEnumerable<Driver> ModulesFor(Device dev)
    {
        if (dev.Bound || dev.Dead) yield break;
        foreach (var drv in DriverCore.CandidateDrivers(dev))
            if (!drv.Registered && drv.Spec.Availability == DriverAvailability.Module && drv.Spec.LoadAt is not null &&
                !IsBlacklisted(drv) && DriverCore.BusMatch(dev, drv) != 0)
                yield return drv;
    }

    // a device added after coldplug raises a uevent: udev loads its module right away
    internal void OnDeviceAddedForUdev(Device dev)
    {
        if (!_coldplugDone || DriverSet.ModuleAutoloadAt is null) return;
        At(NowUs + 1000, TimedEventKind.UdevLoadFor, dev.Id, () => LoadModulesFor(dev));
    }

    private Device? ResolveDevice(string? what)
    {
        if (what is null) return null;
        if (DriverCore.FindDevice(what) is { } d) return d;
        var node = what.StartsWith('/') ? Tree.FindByPath(what) : Tree.FindByLabel(what);
        return node is null ? null : DriverCore.FwIfAny(node)?.Dev;
    }

    private readonly List<(Device Supplier, Device Consumer, long TimeUs)> _unboundUnderConsumers = new();

    /// <summary>Suppliers that were unbound while a consumer taking one of their resources stayed bound (for the supplier-unbound invariant).</summary>
    public IReadOnlyList<(Device Supplier, Device Consumer, long TimeUs)> UnboundUnderConsumers => _unboundUnderConsumers;

    // what nothing in the kernel prevents without a device link: a bound consumer still holding the unbound supplier's resources
    internal void NoteConsumersLeftBound(Device supplier)
    {
        if (supplier.Node is null) return;
        foreach (var d in DriverCore.Devices)
            if (d.Bound && d.Node is not null && ResourcesOf(d.Node).Any(r => r.Provider is { } p && ServesNode(supplier.Node, p)))
                _unboundUnderConsumers.Add((supplier, d, NowUs));
    }

    private static bool ServesNode(ProbeSim.DeviceTree.Model.DtNode provider, ProbeSim.DeviceTree.Model.DtNode target)
    {
        for (var n = target; n is not null; n = n.Parent)
        {
            if (n == provider) return true;
            if (n.HasProperty("compatible")) return false;
        }
        return false;
    }
}
