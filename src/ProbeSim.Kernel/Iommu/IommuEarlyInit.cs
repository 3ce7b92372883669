using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Iommu;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Boot;

public sealed partial class Kernel
{
    /// <summary>
    /// Before v4.12, IOMMU_OF_DECLARE init hooks (of_iommu_init) created the IOMMU's platform device and registered its
    /// driver before of_platform_populate, so masters configured at creation found the ops (spec driver-core S1).
    /// </summary>
    // of_iommu_init: for each available node matching a declared (built-in) IOMMU driver
    private void OfIommuInitEarly()
    {
        if (S.OfIommu is not (OfIommuEra.DeclareOps or OfIommuEra.Instances)) return;
        foreach (var node in Tree.AllNodes)
        {
            if (!IsIommuNode(node) || !node.IsAvailable || _ofPopulated.Contains(node)) continue;
            var drv = _allDrivers.FirstOrDefault(d => d.Spec.Availability == DriverAvailability.BuiltIn && d.Bus == Platform
                && d.Spec.Compatibles.Any(node.Compatible.Contains) && IommuDriverCatalog.For(node.Compatible, d.Spec.Iommu).OfDeclare);
            if (drv is null) continue;
            _ofPopulated.Add(node);
            var dev = DeviceCreate(Of.OfDeviceName.Make(node), Platform, node, null);
            if (dev is null) continue;
            DeviceAdd(dev);
            DriverRegister(drv);
        }
    }

    /// <summary>Drivers every kernel with VFIO has: vfio-platform, vfio-pci and pci-stub bind only through driver_override; pcieport binds PCIe ports.</summary>
    private void PrepareImplicitDrivers()
    {
        void Add(string name, DriverBus bus, BusTypeChoice busType, IReadOnlyList<PciId>? ids = null, bool managedDma = true)
        {
            if (_allDrivers.Any(d => d.Name == name) || DriverSet.Drivers.Any(d => d.Name == name)) return;
            var spec = new DriverSpec
            {
                Name = name, Bus = bus, DriverManagedDma = managedDma, PciIds = ids ?? Array.Empty<PciId>(),
                Probe = new ProbeScript { RequestResources = false },
                Origin = "implicit (drivers/vfio, drivers/pci)",
            };
            // drivers/pci (pcieport, pci-stub) links before the host controllers and the device drivers
            var drv = new Driver(spec, busType == BusTypeChoice.Pci ? Pci : Platform);
            if (busType == BusTypeChoice.Pci) _allDrivers.Insert(_implicitPci++, drv);
            else _allDrivers.Add(drv);
        }
        // pcieport: port_pci_ids matches PCI bridges and RCECs by class; pcie_portdrv_probe keeps only PCIe ports (-ENODEV)
        Add("pcieport", DriverBus.Pci, BusTypeChoice.Pci, new[] { new PciId(null, null, 0x060400), new PciId(null, null, 0x060401), new PciId(null, null, 0x080700) });
        // shpchp (drivers/pci/hotplug, after pcie/): PCI bridges with an SHPC capability
        Add("shpchp", DriverBus.Pci, BusTypeChoice.Pci, new[] { new PciId(null, null, 0x060400) }, managedDma: false);
        Add("pci-stub", DriverBus.Pci, BusTypeChoice.Pci);
        Add("vfio-pci", DriverBus.Pci, BusTypeChoice.Pci);
        Add("vfio-platform", DriverBus.Platform, BusTypeChoice.Platform);
    }

    private enum BusTypeChoice { Platform, Pci }
    private int _implicitPci;
}
