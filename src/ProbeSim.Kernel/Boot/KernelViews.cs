using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Dma;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Iommu;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Boot;

// what the result, the checks and the reports read of the subsystems, through the kernel
public sealed partial class Kernel
{
    /// <summary>Every device link, in creation order.</summary>
    public IReadOnlyList<DeviceLink> DeviceLinks => DriverCore.DeviceLinks;

    /// <summary>The /sys/class/devlink name of a link.</summary>
    public string DevlinkName(DeviceLink l) => DriverCore.DevlinkName(l);

    /// <summary>The deferred-probe pending list, in order (what devices_deferred prints).</summary>
    public IEnumerable<Device> DeferredPending => DriverCore.DeferredPending;

    /// <summary>The deferred-probe timeout in force now (<see cref="DriverModel.DeferredProbeTimeout"/>).</summary>
    public int? DeferredProbeTimeout => DriverCore.DeferredProbeTimeout;

    /// <summary>Whether deferred_probe_initcall has run.</summary>
    public bool InitcallsDone => DriverCore.InitcallsDone;

    /// <summary>The fw_devlink mode in force (profile and fw_devlink=).</summary>
    public FwDevlinkMode FwDevlinkMode => DriverCore.FwDevlinkMode;

    /// <summary>Every failed really_probe's unwind, in boot order.</summary>
    public IReadOnlyList<ProbeUnwind> Unwinds => DriverCore.Unwinds;

    /// <summary>The fwnode of a node, if the driver core made one (<see cref="DriverModel.FwIfAny"/>).</summary>
    internal FwNode? FwIfAny(DtNode node) => DriverCore.FwIfAny(node);

    /// <summary>Whether the AMBA peripheral id is read from the hardware (<see cref="DriverModel.PeriphidFromHardware"/>).</summary>
    internal bool PeriphidFromHardware(Device dev) => DriverCore.PeriphidFromHardware(dev);

    /// <summary>ops->get_resv_regions of the device's IOMMU driver, where the model has them (intel-iommu, amd-iommu).</summary>
    internal IReadOnlyList<Iommu.ReservedRegion> ReservedRegions(Device dev) =>
        dev.Iommu.Instance?.Firmware?.ReservedRegions(dev) ?? Array.Empty<Iommu.ReservedRegion>();

    /// <summary>Whether VFIO can use the group now, by the profile's rule (<see cref="Vfio.VfioCore.Viability"/>).</summary>
    public VfioGroupViability VfioViability(IommuGroup group) => Vfio.Viability(group);

    /// <summary>Names of dma_map_ops as reports show them.</summary>
    public static string? DmaOpsName(DmaOpsKind k) => DmaMapping.OpsName(k);

    /// <summary>One word for where the device's DMA goes (<see cref="Dma.DmaMapping.Outcome"/>).</summary>
    public string DmaOutcome(Device dev) => DmaMapping.Outcome(dev);

    /// <summary>The stream a master's DMA carries and the IOMMU instance that sees it, if one is registered.</summary>
    internal WireStream? WireStreamOf(Device dev) => DmaMapping.WireStreamOf(dev);

    private DmaNote? DmaProblem(Device dev, string outcome) => DmaMapping.Problem(dev, outcome);

    private bool WantsIommu(Device dev) => DmaMapping.WantsIommu(dev);

    /// <summary>A node's iommus entries as of_iommu_configure parses them (<see cref="Of.OfPlatform.IommusEntries(DtNode)"/>).</summary>
    internal List<(DtNode? Node, IReadOnlyList<uint> Ids, string? Error)> IommusEntries(DtNode np) => OfPlatform.IommusEntries(np);

    /// <summary>The name of an early OF table as the kernel's linker section calls it (__clk_of_table, ...), for reports.</summary>
    public static string EarlyTableName(ProbeSim.Kernel.Drivers.EarlyTable t) => ProbeSim.Kernel.Of.OfPlatform.EarlyTableName(t);
}
