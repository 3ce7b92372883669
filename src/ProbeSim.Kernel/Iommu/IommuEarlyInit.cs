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
        void Add(string name, DriverBus bus, BusTypeChoice busType, IReadOnlyList<PciId>? ids = null)
        {
            if (_allDrivers.Any(d => d.Name == name) || DriverSet.Drivers.Any(d => d.Name == name)) return;
            var spec = new DriverSpec
            {
                Name = name, Bus = bus, DriverManagedDma = true, PciIds = ids ?? Array.Empty<PciId>(),
                Probe = new ProbeScript { RequestResources = false },
                Origin = "implicit (drivers/vfio, drivers/pci)",
            };
            // drivers/pci (pcieport, pci-stub) links before the host controllers and the device drivers
            var drv = new Driver(spec, busType == BusTypeChoice.Pci ? Pci : Platform);
            if (busType == BusTypeChoice.Pci) _allDrivers.Insert(_implicitPci++, drv);
            else _allDrivers.Add(drv);
        }
        // pcieport: portdrv_pci binds root ports and switch ports (class 0x0604 with a PCIe port type)
        Add("pcieport", DriverBus.Pci, BusTypeChoice.Pci, new[] { new PciId(null, null, 0x060400, 0xffffff) });
        Add("pci-stub", DriverBus.Pci, BusTypeChoice.Pci);
        Add("vfio-pci", DriverBus.Pci, BusTypeChoice.Pci);
        Add("vfio-platform", DriverBus.Platform, BusTypeChoice.Platform);
    }

    private enum BusTypeChoice { Platform, Pci }
    private int _implicitPci;
}
