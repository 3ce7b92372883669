using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Dma;
using ProbeSim.Kernel.Iommu;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Dma;

// where a device's DMA goes, in one word, for the result and the checks
internal sealed partial class DmaMapping
{
    /// <summary>Names of dma_map_ops as reports show them.</summary>
    internal static string? OpsName(DmaOpsKind k) => k switch
    {
        DmaOpsKind.Swiotlb => "swiotlb",
        DmaOpsKind.Direct => "direct",
        DmaOpsKind.IommuDma => "iommu-dma",
        DmaOpsKind.Arm => "arm",
        DmaOpsKind.ArmIommu => "arm-iommu",
        _ => null,
    };

    /// <summary>Whether the device's node asks for translation (iommus, or a PCI device below an iommu-map).</summary>
    internal bool WantsIommu(Device dev) =>
        dev.Pci is not null ? _k.PciCore.HostNode?.HasProperty("iommu-map") == true : dev.Node?.HasProperty("iommus") == true;

    /// <summary>
    /// One word for where the device's DMA goes: iommu (translated), identity, user (owned by VFIO/iommufd), direct (no IOMMU
    /// asked for), no-iommu (asked for but not given), blocked (its stream is aborted), broken (IOMMU ops without a mapping),
    /// not-configured (DMA never set up).
    /// </summary>
    internal string Outcome(Device dev)
    {
        var dma = dev.Dma;
        if (dma.Ops == DmaOpsKind.ArmIommu && dma.Mapping is null) return "broken";
        var group = dev.Iommu.Group;
        if (group is not null && group.Owner is not null) return "user";
        if (dma.Ops == DmaOpsKind.None) return "not-configured";
        if (dma.Ops is DmaOpsKind.IommuDma or DmaOpsKind.ArmIommu) return "iommu";
        if (group?.Domain is { } d && d.Type == IommuDomainType.Identity) return "identity";
        if (group?.Domain is { } u && IommuDomainTypes.Translates(u.Type)) return "iommu";
        if (!WantsIommu(dev)) return "direct";
        return StreamBlocked(dev) ? "blocked" : "no-iommu";
    }

    /// <summary>
    /// A master behind a registered IOMMU whose stream has no entry: arm-smmu with disable_bypass (v5.x+) aborts it,
    /// arm-smmu-v3 aborts unless bypass is allowed; other IOMMUs leave it untranslated. The stream is the one the device's
    /// transactions carry, so a device bound before its IOMMU registered is blocked once the IOMMU is enabled.
    /// </summary>
    private bool StreamBlocked(Device dev)
    {
        if (dev.Iommu.Group is not null) return false;
        var inst = dev.Iommu.Fwspec?.Ops ?? WireStreamOf(dev)?.Instance;
        if (inst is null || !inst.Registered || !inst.Traits.StreamFaultsWhenUnmatched) return false;
        return S.SmmuDisableBypass;
    }

    /// <summary>A problem visible without running DMA: IOMMU ops left without a mapping (spec driver-core S5), a blocked stream.</summary>
    internal DmaNote? Problem(Device dev, string outcome)
    {
        if (outcome == "broken") return new DmaNote.NoMapping();
        if (dev.Bound && outcome == "blocked") return BlockedStreamNote(dev) ?? new DmaNote.StreamAborted();
        return null;
    }
}
