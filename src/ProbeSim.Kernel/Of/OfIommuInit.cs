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
            if (!IommuCore.IsIommuNode(node) || !node.IsAvailable || _ofPopulated.Contains(node)) continue;
            var drv = _allDrivers.FirstOrDefault(d => d.Bus == Platform && IommuCore.IommuOfDeclared(node, d));
            if (drv is null) continue;
            _ofPopulated.Add(node);
            var dev = DeviceCreate(Of.OfDeviceName.Make(node), Platform, node, null);
            if (dev is null) continue;
            DeviceAdd(dev);
            DriverRegister(drv);
        }
    }
}
