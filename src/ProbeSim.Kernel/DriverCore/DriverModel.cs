using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Dma;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Iommu;
using ProbeSim.Kernel.Of;
using ProbeSim.Kernel.Pci;
using ProbeSim.Kernel.Providers;

namespace ProbeSim.Kernel.DriverCore;

/// <summary>
/// The driver core (drivers/base): the buses with their registered drivers and devices, every driver of the boot, the
/// devices and their names, the fwnodes with their fw_devlink links, the device links, the deferred-probe lists, the
/// match index, the async domain's queue and the names that could not be devices. Its rules are in the files of this
/// folder, one idea each (bus.c, dd.c, core.c's device links and fw_devlink, the child buses' controllers).
/// </summary>
/// <remarks>
/// The wiring it uses from <see cref="Boot.Kernel"/>: the clock and the log, the bus notifier record (bus_notify), the
/// timeline (timers and work), the schedule that makes the choices, the profile settings, the tree and the driver set
/// (inputs), and the calls Linux makes directly: of_platform_populate (OF), pinctrl_bind_pins and the getters
/// (providers), dma_configure and arch_teardown_dma_ops (DMA mapping), the IOMMU driver's probe (IOMMU core) and
/// pci_host_probe from the host bridge driver's probe (PCI).
/// </remarks>
internal sealed partial class DriverModel : KernelSubsystem
{
    internal DriverModel(Boot.Kernel kernel) : base(kernel)
    {
        _fwnodes = new Dictionary<DtNode, FwNode>(kernel.Tables.NodeCount, ReferenceEqualityComparer.Instance);
        Platform = new BusType("platform", "/sys/devices/platform/");
        Amba = new BusType("amba", "/sys/devices/platform/");
        I2c = new BusType("i2c", "/sys/devices/platform/");
        Spi = new BusType("spi", "/sys/devices/platform/");
        Pci = new BusType("pci", "/sys/devices/platform/");
        Rsb = new BusType("sunxi-rsb", "/sys/devices/platform/");
        Spmi = new BusType("spmi", "/sys/devices/platform/");
        Mdio = new BusType("mdio_bus", "/sys/devices/platform/");
        Buses = new[] { Platform, Amba, I2c, Spi, Pci, Rsb, Spmi, Mdio };
    }

    internal BusType Platform { get; }
    internal BusType Amba { get; }
    internal BusType I2c { get; }
    internal BusType Spi { get; }
    internal BusType Pci { get; }
    /// <summary>sunxi_rsb_bus, spmi_bus_type, mdio_bus_type: client buses whose controllers create devices from DT children.</summary>
    internal BusType Rsb { get; }
    internal BusType Spmi { get; }
    internal BusType Mdio { get; }
    internal IReadOnlyList<BusType> Buses { get; }

    private readonly List<Device> _devices = new();
    private readonly Dictionary<DtNode, FwNode> _fwnodes;
    private readonly Dictionary<string, Device> _byName = new(StringComparer.Ordinal);
    private readonly List<(DtNode Node, string Why)> _notPresent = new();
    private readonly List<Driver> _allDrivers = new(256);

    // the state digest of what this file holds (the other files' parts are next to their fields)
    private static readonly DigestFields CoreFields = new(typeof(DriverModel),
        [nameof(Buses), nameof(_devices), nameof(_fwnodes), nameof(_allDrivers)],
        (nameof(_k), DigestFields.Wiring),
        (nameof(Platform), "the same object as Buses[0] (digested there)"), (nameof(Amba), "the same object as Buses[1] (digested there)"),
        (nameof(I2c), "the same object as Buses[2] (digested there)"), (nameof(Spi), "the same object as Buses[3] (digested there)"),
        (nameof(Pci), "the same object as Buses[4] (digested there)"), (nameof(Rsb), "the same object as Buses[5] (digested there)"),
        (nameof(Spmi), "the same object as Buses[6] (digested there)"), (nameof(Mdio), "the same object as Buses[7] (digested there)"),
        (nameof(_byName), "an index of _devices by name (the first device of each name); devices are never removed"),
        (nameof(_notPresent), "never written"));

    /// <summary>The parts of the driver core's digest, one per file that holds fields.</summary>
    internal static IReadOnlyList<DigestFields> DigestParts =>
    [
        CoreFields, DeferredProbeFields, DeviceLinksFields, FwDevlinkFields, MatchIndexFields, BusFields, ChildBusesFields,
        PlanChildrenFields, ReallyProbeUnwindFields, ImplicitDriversFields, CommandLineFields,
    ];

    /// <summary>
    /// The devices in creation order, the buses, the fwnodes (looked up by node: unordered), the number of drivers (each
    /// registered one through its bus's list: drivers never unregister, so one that never registered is as it was made),
    /// the deferred lists, the links, the match index, the async queue, the child buses' numbers and platform auto ids.
    /// </summary>
    internal void Digest(ref StateDigest d)
    {
        d.Add(_devices.Count);
        foreach (var dev in _devices) dev.Digest(ref d);
        foreach (var bus in Buses) bus.Digest(ref d);
        var fwnodes = new StateDigest.Unordered();
        foreach (var fw in _fwnodes.Values)
        {
            if (fw.Pristine) continue;
            var e = new StateDigest();
            fw.Digest(ref e);
            fwnodes.Add(e);
        }
        d.Add(fwnodes);
        d.Add(_allDrivers.Count);
        DigestDeferredProbe(ref d);
        DigestDeviceLinks(ref d);
        DigestMatchIndex(ref d);
        DigestBus(ref d);
        DigestChildBuses(ref d);
        d.Add(_platformAutoId);
    }

    // --- read-only views for the rest of the kernel

    internal IReadOnlyList<Device> Devices => _devices;

    /// <summary>Every driver of the boot (the driver set's, simple-pm-bus, the implicit PCI/VFIO drivers), registered or not.</summary>
    internal IReadOnlyList<Driver> AllDrivers => _allDrivers;

    internal Device? FindDevice(string name) => _byName.GetValueOrDefault(name);

    internal FwNode Fw(DtNode node)
    {
        if (!_fwnodes.TryGetValue(node, out var fw)) _fwnodes[node] = fw = new FwNode(node);
        return fw;
    }

    internal FwNode? FwIfAny(DtNode node) => _fwnodes.GetValueOrDefault(node);

    // --- the wiring, named as the rules use it (the clock, settings and log: Boot.KernelSubsystem)

    private DtTree Tree => _k.Tree;
    private BootTables Tables => _k.Tables;
    private IReadOnlyList<OfResourceRef> ResourcesOf(DtNode node) => _k.ResourcesOf(node);
    private DeviceTreeIndex Index => _k.Index;
    private DriverSet DriverSet => _k.DriverSet;
    private bool DmaModel => _k.DmaModel;
    private bool Modules => _k.Modules;
    private IBootSchedule Schedule => _k.Schedule;
    private OfPlatform OfPlatform => _k.OfPlatform;
    private ProviderCore Providers => _k.Providers;
    private PciCore PciCore => _k.PciCore;
    private DmaMapping DmaMapping => _k.DmaMapping;
    private IommuCore IommuCore => _k.IommuCore;
    private void Tick(long us) => _k.Tick(us);
    private void Notify(BusNotify action, Device dev) => _k.Notify(action, dev);
}
