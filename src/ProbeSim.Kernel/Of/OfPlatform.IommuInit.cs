using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Iommu;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Of;

// IOMMU_OF_DECLARE hooks before the population (of_iommu_init, before v4.12)
internal sealed partial class OfPlatform
{
    /// <summary>
    /// Before v4.12, IOMMU_OF_DECLARE init hooks (of_iommu_init) created the IOMMU's platform device and registered its
    /// driver before of_platform_populate, so masters configured at creation found the ops (spec driver-core S1).
    /// </summary>
    // of_iommu_init: for each available node matching a declared (built-in) IOMMU driver
    internal void OfIommuInitEarly()
    {
        if (S.OfIommu is not (OfIommuEra.DeclareOps or OfIommuEra.Instances)) return;
        foreach (var node in Tree.AllNodes)
        {
            if (!IommuCore.IsIommuNode(node) || !node.IsAvailable || _ofPopulated.Contains(node)) continue;
            var drv = _k.AllDrivers.FirstOrDefault(d => d.Bus == Platform && IommuCore.IommuOfDeclared(node, d));
            if (drv is null) continue;
            _ofPopulated.Add(node);
            var dev = _k.DriverCore.DeviceCreate(OfDeviceName.Make(node), Platform, node, null);
            if (dev is null) continue;
            _k.DriverCore.DeviceAdd(dev);
            _k.DriverCore.DriverRegister(drv);
        }
    }
}
