using System.Runtime.CompilerServices;
using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Dma;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Iommu;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Of;

/// <summary>
/// The OF core's device side (drivers/of/platform.c, of_iommu.c, device.c, and the early OF tables of_clk_init,
/// of_irq_init and timer_probe scan): which nodes are OF_POPULATED, the platform and amba devices made from the tree,
/// of_dma_configure and of_iommu_configure. It owns the early tables' entries by node, the OF_POPULATED set and the
/// names a duplicate node could not take.
/// </summary>
/// <remarks>
/// The wiring it uses from <see cref="Boot.Kernel"/>: the clock and the log, the profile settings, the tree, its index
/// and the driver set (inputs), the fwnodes, whether the system is running, and the calls Linux also makes directly:
/// device_initialize/device_add and driver_register (driver core), driver_deferred_probe_check_state (driver core), the
/// IOMMU core's fwspec and probe calls, and arch_setup_dma_ops (DMA mapping).
/// </remarks>
internal sealed partial class OfPlatform : Boot.KernelSubsystem
{

    internal OfPlatform(Boot.Kernel kernel) : base(kernel) { }

    // --- the state digest: each file's part next to its fields, composed here

    private static readonly DigestFields CoreFields = new(typeof(OfPlatform), [], (nameof(_k), DigestFields.Wiring));

    /// <summary>The parts of the OF core's digest, one per file that holds fields.</summary>
    internal static IReadOnlyList<DigestFields> DigestParts => [CoreFields, EarlyTablesFields, PopulateFields];

    /// <summary>The OF_POPULATED nodes.</summary>
    internal void Digest(ref StateDigest d) => DigestOfPopulated(ref d);

    // --- the wiring, named as the moved rules use it (the clock, settings and log: Boot.KernelSubsystem)

    private DtTree Tree => _k.Tree;
    private DeviceTreeIndex Index => _k.Index;
    private DriverSet DriverSet => _k.DriverSet;
    private bool DmaModel => _k.DmaModel;
    private bool SystemRunning => _k.SystemRunning;
    private IommuCore IommuCore => _k.IommuCore;
    private BusType Platform => _k.Platform;
    private BusType Amba => _k.Amba;
    private FwNode Fw(DtNode node) => _k.DriverCore.Fw(node);
    private int DriverDeferredProbeCheckState(Device dev) => _k.DriverCore.DriverDeferredProbeCheckState(dev);
}
