using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Of;

namespace ProbeSim.Kernel.Iommu;

internal sealed partial class IommuCore
{
    /// <summary>
    /// Whether __iommu_of_table has an entry for this IOMMU node from this driver: the driver is built in and matches
    /// the node, and the entry is in the profile's iommu_of_declare table, in the driver set's imported table, or
    /// (overriding both) the scenario says so with <c>of-declare</c>.
    /// </summary>
    // IOMMU_OF_DECLARE: of_match_node(&__iommu_of_table, np), the table only built-in objects fill
    internal bool IommuOfDeclared(DtNode node, Driver drv)
    {
        if (drv.Spec.Availability != DriverAvailability.BuiltIn || !drv.Spec.Compatibles.Any(node.Compatible.Contains)) return false;
        if (IommuDriverCatalog.For(node.Compatible, drv.Spec.Iommu).OfDeclare is bool said) return said;
        return S.IommuOfDeclare.Any(p => CompatiblePattern.Matches(p, node))
            || _k.DriverSet.EarlyTables.Any(e => e.Table == EarlyTable.Iommu && node.Compatible.Contains(e.Compatible));
    }
}
