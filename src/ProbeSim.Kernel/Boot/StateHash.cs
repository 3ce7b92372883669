using ProbeSim.Kernel.Dma;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Iommu;
using ProbeSim.Kernel.Of;
using ProbeSim.Kernel.Pci;
using ProbeSim.Kernel.Providers;

namespace ProbeSim.Kernel.Boot;

public sealed partial class Kernel
{
    /// <summary>
    /// A 64-bit digest of everything that decides how the rest of the boot goes and what the checks read at its end: the
    /// composition of each state-owning object's own part, written next to its fields (docs/architecture.md, "The state
    /// digest"). Two schedules that reach the same digest at the same choice point continue identically, so an explorer
    /// visits that state once. Comparable only with digests made in the same process.
    /// </summary>
    public ulong StateHash()
    {
        var d = new StateDigest();
        // Boot/: the clock, the crash, the timeline, user space
        DigestKernel(ref d);
        DigestBootSequence(ref d);
        DigestUserSpace(ref d);
        // DriverCore/: the devices (with their DMA and IOMMU parts), the buses with their drivers, the fwnodes, deferred probe, links
        DriverCore.Digest(ref d);
        // Of/, Pci/, Providers/, Dma/
        OfPlatform.Digest(ref d);
        PciCore.Digest(ref d);
        Providers.Digest(ref d);
        DmaMapping.Digest(ref d);
        // Iommu/
        IommuCore.Digest(ref d);
        return d.Value;
    }

    /// <summary>
    /// Every part of the digest: the kernel's, one per file that holds fields, and each state-owning type's. The guard test
    /// checks that every instance field of these types is in exactly one list of its type's parts.
    /// </summary>
    internal static IReadOnlyList<DigestFields> DigestParts =>
    [
        KernelFields, BootSequenceFields, BootChoicesFields, UserSpaceFields, ForkFields,
        .. DriverModel.DigestParts,
        ProviderCore.DigestFields, PciCore.DigestFields,
        .. OfPlatform.DigestParts,
        .. DmaMapping.DigestParts,
        .. IommuCore.DigestParts,
        Device.DigestFields, Driver.DigestFields, BusType.DigestFields, DeviceLink.DigestFields, FwNode.DigestFields, FwnodeLink.DigestFields,
        AsyncQueue.DigestFields, DeviceDma.DigestFields, ArmIommuMapping.DigestFields, DeviceIommu.DigestFields, IommuFwspec.DigestFields,
        IommuGroup.DigestFields, IommuDomain.DigestFields, IommuInstance.DigestFields,
    ];
}
