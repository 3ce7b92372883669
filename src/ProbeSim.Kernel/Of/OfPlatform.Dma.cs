using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Of;

// DMA set-up from the tree (of_dma_configure): DMA ranges, coherency, the IOMMU, then the arch ops
internal sealed partial class OfPlatform
{
    /// <summary>v3.16-v4.11: of_platform_device_create / of_amba_device_create configure DMA once, before device_add.</summary>
    private void OfDmaConfigureAtCreation(Device dev)
    {
        if (S.DmaAtProbe || dev.Node is null || !DmaModel) return;
        OfDmaConfigure(dev, dev.Node);
    }

    /// <summary>
    /// of_dma_configure_id: masks and range from dma-ranges, coherency, then of_iommu_configure and arch_setup_dma_ops.
    /// Returns 0 or -EPROBE_DEFER (nothing else fails in the model: an unusable IOMMU means "no IOMMU").
    /// </summary>
    internal int OfDmaConfigure(Device dev, DtNode np, IReadOnlyList<uint>? pciRids = null, DtNode? pciHost = null)
    {
        var dma = dev.Dma;
        // of_dma_get_range: a valid range sets the offset and bus_dma_limit and clips the masks
        var range = OfDmaRanges.Find(pciHost ?? np);
        ulong span = dma.CoherentMask;
        if (range is not null && range.Size > 0)
        {
            dma.RangeOffset = (long)(range.CpuStart - range.BusStart);
            ulong end = range.BusStart + range.Size - 1;
            dma.BusDmaLimit = end;
            span = end;
        }
        else
        {
            dma.RangeOffset = 0;
            dma.BusDmaLimit = null;
        }
        // of_dma_configure: masks clipped to the end of the DMA span
        dma.CoherentMask = Math.Min(dma.CoherentMask, MaskCovering(span));
        dma.DmaMask = Math.Min(dma.DmaMask, MaskCovering(span));
        // of_dma_is_coherent: nearest dma-coherent (or, v6.1+, dma-noncoherent) on the node or above
        bool coherent = OfDmaIsCoherent(pciHost ?? np);

        // of_iommu_configure: -EPROBE_DEFER returns before any arch setup
        var iommu = OfIommuConfigure(dev, pciHost ?? np, pciRids);
        dev.Iommu.OfIommuRule = iommu.Instance is { } found ? new OfIommuRule.Found(found.SysfsName, S.OfIommu switch
        {
            OfIommuEra.DeclareOps => OfIommuFoundBy.DeclaredOps,
            OfIommuEra.Instances => OfIommuFoundBy.FwnodeThenAddDevice,
            _ => OfIommuFoundBy.FwnodeThenProbe,
        }) : iommu.Why;
        dev.Iommu.OfIommuDeferred = iommu.Defer;
        dev.Iommu.OfIommuAtUs = NowUs;
        if (iommu.Defer) return -EPROBE_DEFER;
        dma.IommuFound = iommu.Instance;
        dma.NoIommuReason = iommu.Instance is null ? iommu.Why : null;

        _k.DmaMapping.ArchSetupDmaOps(dev, iommu.Instance, coherent);
        return 0;
    }

    private static ulong MaskCovering(ulong end)
    {
        if (end == ulong.MaxValue) return end;
        int bits = 64 - System.Numerics.BitOperations.LeadingZeroCount(end);
        return bits >= 64 ? ulong.MaxValue : (1UL << bits) - 1;
    }

    // of_dma_is_coherent
    private bool OfDmaIsCoherent(DtNode np)
    {
        for (var n = np; n is not null; n = n.Parent)
        {
            if (n.HasProperty("dma-coherent")) return true;
            if (S.DmaNoncoherentProp && n.HasProperty("dma-noncoherent")) return false;
        }
        return false;
    }
}
