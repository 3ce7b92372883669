using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.DriverCore;

internal sealed partial class DriverModel
{
    private int _implicitPci;

    private static readonly DigestFields ImplicitDriversFields = new(typeof(DriverModel), [],
        (nameof(_implicitPci), "where the next implicit PCI driver goes in the driver list while it is made (before the first initcall)"));

    /// <summary>The drivers <see cref="PrepareImplicitDrivers"/> adds when the driver set does not name them.</summary>
    internal static IReadOnlyList<string> ImplicitDriverNames { get; } = ["pcieport", "shpchp", "pci-stub", "vfio-pci", "vfio-platform"];

    /// <summary>
    /// Drivers every kernel with PCI and VFIO has, unless the driver set names them: pcieport and shpchp (drivers/pci, linked
    /// before host controllers and device drivers), pci-stub and vfio-pci (bind only through driver_override), vfio-platform.
    /// </summary>
    private void PrepareImplicitDrivers()
    {
        // pcieport: port_pci_ids matches PCI bridges and RCECs by class; pcie_portdrv_probe keeps only PCIe ports (-ENODEV)
        AddImplicitDriver("pcieport", DriverBus.Pci, new[] { new PciId(null, null, 0x060400), new PciId(null, null, 0x060401), new PciId(null, null, 0x080700) });
        // shpchp (drivers/pci/hotplug, after pcie/): PCI bridges with an SHPC capability
        AddImplicitDriver("shpchp", DriverBus.Pci, new[] { new PciId(null, null, 0x060400) }, managedDma: false);
        AddImplicitDriver("pci-stub", DriverBus.Pci);
        AddImplicitDriver("vfio-pci", DriverBus.Pci);
        AddImplicitDriver("vfio-platform", DriverBus.Platform);
    }

    private void AddImplicitDriver(string name, DriverBus bus, IReadOnlyList<PciId>? ids = null, bool managedDma = true)
    {
        // a driver set that names the driver (even as absent) decides about it
        if (DriverSet.Drivers.Any(d => d.Name == name)) return;
        var spec = new DriverSpec
        {
            Name = name, Bus = bus, DriverManagedDma = managedDma, PciIds = ids ?? Array.Empty<PciId>(),
            Probe = new ProbeScript { RequestResources = false },
            Origin = "implicit (drivers/pci, drivers/vfio)",
        };
        if (bus == DriverBus.Pci) _allDrivers.Insert(_implicitPci++, new Driver(spec, Pci));
        else _allDrivers.Add(new Driver(spec, Platform));
    }

    /// <summary>
    /// Builds the Driver objects from the driver set, in registration order. Which specs, in which order, depends on the
    /// driver set and the profile alone: the first kernel of a prepared boot works it out, the others reuse it.
    /// </summary>
    internal void PrepareDrivers()
    {
        _allDrivers.EnsureCapacity(DriverSet.Drivers.Count + 8);
        if (Tables.DriverOrder(DriverSet) is { } order)
        {
            foreach (var spec in order) _allDrivers.Add(new Driver(spec, BusOf(spec.Bus)));
            BuildMatchIndex(boardBootedBefore: true);
            return;
        }
        foreach (var spec in DriverSet.Drivers)
        {
            if (spec.Availability == DriverAvailability.Absent) continue;
            _allDrivers.Add(new Driver(spec, BusOf(spec.Bus)));
        }
        PrepareSimplePmBus();
        PrepareImplicitDrivers();
        Tables.KeepDriverOrder(DriverSet, _allDrivers.Select(d => d.Spec).ToArray());
        BuildMatchIndex(boardBootedBefore: false);
    }

    private BusType BusOf(DriverBus bus) => bus switch
    {
        DriverBus.Amba => Amba, DriverBus.Pci => Pci, DriverBus.I2c => I2c, DriverBus.Spi => Spi,
        DriverBus.SunxiRsb => Rsb, DriverBus.Spmi => Spmi, _ => Platform,
    };

    private void PrepareSimplePmBus()
    {
        // simple_pm_bus_of_match (v5.16+): simple-bus, simple-mfd, isa and arm,amba-bus nodes bind with ONLY_BUS
        if (!S.SimplePmBusBindsBuses || _allDrivers.Any(d => d.Spec.Compatibles.Contains("simple-bus"))) return;
        var spec = new DriverSpec
        {
            Name = "simple-pm-bus",
            Compatibles = SimplePmBusCompatibles,
            Probe = new ProbeScript { RequestResources = false },
            Origin = "drivers/bus/simple-pm-bus.c (profile switch simple_pm_bus)",
        };
        _allDrivers.Insert(0, new Driver(spec, Platform));
    }
}
