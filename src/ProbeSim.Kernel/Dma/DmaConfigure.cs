using ProbeSim.Kernel.Dma;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Boot;

public sealed partial class Kernel
{
    /// <summary>
    /// bus->dma_configure (platform_dma_configure, amba_dma_configure, pci_dma_configure) from really_probe: firmware DMA set-up,
    /// then (v5.19+) DMA ownership unless the driver manages DMA itself.
    /// </summary>
    private int DmaConfigure(Device dev)
    {
        if (!S.DmaAtProbe || !DmaModel) return 0;
        dev.Dma.ConfiguredThisProbe = false;
        int ret = dev.Pci is not null ? PciCore.DmaConfigure(dev) : dev.Node is null ? 0 : OfDmaConfigure(dev, dev.Node);
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

    /// <summary>Where the DMA set-up is undone: dma_cleanup and arch_teardown_dma_ops, at the profile's call sites.</summary>
    private void DmaTeardown(Device dev, Stage stage)
    {
        DmaCleanup(dev, stage);
        ArchTeardownAtSite(dev, stage);
    }

    // bus->dma_cleanup (v5.19): after a failed probe that had configured DMA, and at unbind
    private void DmaCleanup(Device dev, Stage stage)
    {
        if (!dev.Dma.UsesDefaultDomain || stage is not (Stage.Probe or Stage.Unbind)) return;
        IommuCore.IommuDeviceUnuseDefaultDomain(dev);
        dev.Dma.UsesDefaultDomain = false;
    }

    // arch_teardown_dma_ops (dma_deconfigure in v4.12-v4.19) where the profile's kernel calls it
    private void ArchTeardownAtSite(Device dev, Stage stage)
    {
        bool arch = S.DmaTeardown switch
        {
            DmaTeardownSites.CreationOnly => false,
            // v4.12-v4.19 really_probe: dma_deconfigure only after dma_configure succeeded (probe_failed), and at unbind
            DmaTeardownSites.AfterConfigure => (stage == Stage.Probe && dev.Dma.ConfiguredThisProbe) || stage == Stage.Unbind,
            // v5.4+ device_unbind_cleanup / really_probe: every failure, after devres release
            _ => true,
        };
        dev.Dma.ConfiguredThisProbe = false;
        if (arch) ArchTeardownDmaOps(dev);
    }

    // arch_setup_dma_ops
    private void ArchSetupDmaOps(Device dev, Iommu.IommuInstance? iommu, bool coherent)
    {
        if (Arm32) ArchSetupDmaOpsArm32(dev, iommu, coherent);
        else ArchSetupDmaOpsArm64(dev, iommu, coherent);
    }

    // arch_teardown_dma_ops
    private void ArchTeardownDmaOps(Device dev)
    {
        if (Arm32) ArchTeardownDmaOpsArm32(dev);
        else ArchTeardownDmaOpsArm64(dev);
    }

    /// <summary>v3.16-v4.11: of_platform_device_create / of_amba_device_create configure DMA once, before device_add.</summary>
    private void OfDmaConfigureAtCreation(Device dev)
    {
        if (S.DmaAtProbe || dev.Node is null || !DmaModel) return;
        OfDmaConfigure(dev, dev.Node);
    }

    // dma_set_mask_and_coherent from the driver's probe
    private static void DriverSetDmaMask(Device dev, Driver drv)
    {
        if (drv.Spec.DmaMaskBits is not { } bits) return;
        ulong mask = bits >= 64 ? ulong.MaxValue : (1UL << bits) - 1;
        dev.Dma.DmaMask = dev.Dma.CoherentMask = mask;
    }
}
