using System.Runtime.CompilerServices;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Iommu;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Dma;

/// <summary>
/// DMA mapping (kernel/dma, arch/arm/mm and arch/arm64/mm dma-mapping.c, and the bus's dma_configure): the arch DMA ops
/// a device gets (arm32 mappings, the arm64 eras), bus->dma_configure, the stream a master's DMA carries, and the
/// driver's DMA activity on the data plane. It owns the arm64 v4.4 attach queue, the data plane's memory and the DMA
/// history.
/// </summary>
/// <remarks>
/// The wiring it uses from <see cref="Boot.Kernel"/>: the clock and the log, the profile settings, the board
/// architecture, whether DMA is modelled, the buses (the arm64 notifier blocks), the crash record, and the calls Linux
/// also makes directly: of_dma_configure and the iommus parse (OF), pci_dma_configure (PCI), the IOMMU core's domain,
/// attach and DMA-owner calls.
/// </remarks>
internal sealed partial class DmaMapping : Boot.KernelSubsystem
{

    internal DmaMapping(Boot.Kernel kernel) : base(kernel)
    {
        SubscribeArm64DmaNotifiers();
    }

    // --- the state digest: each file's part next to its fields, composed here

    private static readonly DigestFields CoreFields = new(typeof(DmaMapping), [], (nameof(_k), DigestFields.Wiring));

    /// <summary>The parts of DMA mapping's digest, one per file that holds fields.</summary>
    internal static IReadOnlyList<DigestFields> DigestParts => [CoreFields, Arm64Fields, ScriptFields];

    /// <summary>The arm64 attach queue, then the DMA history.</summary>
    internal void Digest(ref StateDigest d)
    {
        DigestArm64IommuQueue(ref d);
        DigestDmaHistory(ref d);
    }

    // arch_setup_dma_ops
    internal void ArchSetupDmaOps(Device dev, IommuInstance? iommu, bool coherent)
    {
        if (Arm32) ArchSetupDmaOpsArm32(dev, iommu, coherent);
        else ArchSetupDmaOpsArm64(dev, iommu, coherent);
    }

    // arch_teardown_dma_ops
    internal void ArchTeardownDmaOps(Device dev)
    {
        if (Arm32) ArchTeardownDmaOpsArm32(dev);
        else ArchTeardownDmaOpsArm64(dev);
    }

    // dma_set_mask_and_coherent from the driver's probe
    internal static void DriverSetDmaMask(Device dev, Driver drv)
    {
        if (drv.Spec.DmaMaskBits is not { } bits) return;
        ulong mask = bits >= 64 ? ulong.MaxValue : (1UL << bits) - 1;
        dev.Dma.DmaMask = dev.Dma.CoherentMask = mask;
    }

    // --- the wiring, named as the moved rules use it (the clock, settings and log: Boot.KernelSubsystem)

    private bool Arm32 => _k.Arm32;
    private bool DmaModel => _k.DmaModel;
    private IommuCore IommuCore => _k.IommuCore;
    private BusType Platform => _k.Platform;
    private BusType Amba => _k.Amba;
    private void Tick(long us) => _k.Tick(us);
}
