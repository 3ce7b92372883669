using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.DriverCore;

// the driver core's DMA unwind sites (really_probe's failure labels, device_unbind_cleanup): bus->dma_cleanup and
// arch_teardown_dma_ops where the profile's kernel calls them
internal sealed partial class DriverModel
{
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
        if (arch) DmaMapping.ArchTeardownDmaOps(dev);
    }
}
