using ProbeSim.Kernel.Dma;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.DriverCore;

internal sealed partial class DriverModel
{
    private readonly List<ProbeUnwind> _unwinds = new();

    private static readonly DigestFields ReallyProbeUnwindFields = new(typeof(DriverModel), [], (nameof(_unwinds), DigestFields.Log + " (each failed probe's unwind)"));

    /// <summary>Every failed really_probe's unwind, in boot order.</summary>
    internal IReadOnlyList<ProbeUnwind> Unwinds => _unwinds;

    /// <summary>
    /// really_probe's failure labels in the profile's order: v4.12-v5.1 probe_failed (dma_deconfigure), dma_failed
    /// (DRIVER_NOT_BOUND), pinctrl_bind_failed (device_links_no_driver, devres_release_all); v5.2+ NOT_BOUND, (v5.19
    /// dma_cleanup), links, devres_release_all, then arch_teardown_dma_ops.
    /// </summary>
    private void ReallyProbeUnwind(Device dev, Driver drv, Stage stage, bool notBound)
    {
        var steps = new List<UnwindStep>();
        bool teardownFirst = S.ReallyProbe == ReallyProbeEra.V4_12;
        if (teardownFirst) { DmaCleanup(dev, stage); ArchTeardownAtSite(dev, stage); steps.Add(UnwindStep.DmaDeconfigure); }
        if (notBound) { Notify(BusNotify.DriverNotBound, dev); steps.Add(UnwindStep.DriverNotBound); }
        if (!teardownFirst && dev.Dma.UsesDefaultDomain) { DmaCleanup(dev, stage); steps.Add(UnwindStep.DmaCleanup); }
        DeviceLinksNoDriver(dev);
        var (released, leaks) = DevresReleaseAll(dev);
        steps.Add(UnwindStep.DevresReleaseAll);
        if (!teardownFirst)
        {
            ArchTeardownAtSite(dev, stage);
            if (S.DmaTeardown != DmaTeardownSites.CreationOnly) steps.Add(UnwindStep.DmaDeconfigure);
        }
        _unwinds.Add(new ProbeUnwind(NowUs, dev.Name, drv.Name, steps, released, leaks));
    }

    /// <summary>
    /// devres_release_all: newest entry first; a managed DMA buffer is freed through the device's ops of now, so one an IOMMU
    /// mapping allocated leaks if arch_teardown_dma_ops already changed them.
    /// </summary>
    private (List<string> Released, List<DevresLeak> Leaks) DevresReleaseAll(Device dev)
    {
        var released = new List<string>();
        var leaks = new List<DevresLeak>();
        for (int i = dev.Devres.Count - 1; i >= 0; i--)
        {
            var e = dev.Devres[i];
            released.Add(e.Resource);
            if (e.AllocatedWith is { } by && by is DmaOpsKind.ArmIommu or DmaOpsKind.IommuDma && dev.Dma.Ops != by)
                leaks.Add(new DevresLeak(e.Resource, by, dev.Dma.Ops));
        }
        dev.Devres.Clear();
        return (released, leaks);
    }

    // devres_add from a modelled probe step (devm_pinctrl_get, dmam_alloc_coherent)
    internal void DevresAdd(Device dev, string resource, DmaOpsKind? allocatedWith = null) =>
        dev.Devres.Add(new DevresEntry(resource, allocatedWith));
}
