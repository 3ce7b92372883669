using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Dma;

// bus->dma_configure from really_probe
internal sealed partial class DmaMapping
{
    /// <summary>
    /// bus->dma_configure (platform_dma_configure, amba_dma_configure, pci_dma_configure) from really_probe: firmware DMA set-up,
    /// then (v5.19+) DMA ownership unless the driver manages DMA itself.
    /// </summary>
    internal int DmaConfigure(Device dev)
    {
        if (!S.DmaAtProbe || !DmaModel) return 0;
        dev.Dma.ConfiguredThisProbe = false;
        int ret = dev.Pci is not null ? _k.PciCore.DmaConfigure(dev) : dev.Node is null ? 0 : _k.OfPlatform.OfDmaConfigure(dev, dev.Node);
        if (ret != 0) return ret;
        dev.Dma.ConfiguredThisProbe = true;
        if (S.DmaOwnership && !(dev.Driver?.Spec.DriverManagedDma ?? false))
        {
            // platform_dma_configure: iommu_device_use_default_domain; on failure the arch ops are torn down
            ret = IommuCore.IommuDeviceUseDefaultDomain(dev);
            if (ret != 0)
            {
                ArchTeardownDmaOps(dev);
                dev.Dma.ConfiguredThisProbe = false;
                return ret;
            }
            dev.Dma.UsesDefaultDomain = true;
        }
        return 0;
    }
}
