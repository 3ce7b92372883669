using ProbeSim.Kernel.Dma;
using ProbeSim.Kernel.Result;

namespace ProbeSim.Checking.Invariants;

/// <summary>The DMA and IOMMU invariants: they read the same per-device state the JSON reports.</summary>
internal static class DmaChecks
{
    private static bool IommuOps(DmaOpsKind ops) => ops is DmaOpsKind.IommuDma or DmaOpsKind.ArmIommu;

    // arch_teardown_dma_ops / iommu_release_device: what a device without a driver must not keep
    public static IEnumerable<(string, Finding)> StateLeak(BootState k)
    {
        foreach (var dev in k.Devices)
        {
            if (dev.Bound || dev.Dead) continue;
            // a mapping the IOMMU driver's add_device attached (ipmmu-vmsa's shared one) lives as long as the device
            if (dev.Dma.HasMapping && !dev.Dma.MappingShared)
                yield return (dev.Name, new StateLeakFinding(LeakedDmaState.ArmIommuMapping, dev.Dma.Ops));
            else if (!dev.Dma.HasMapping && IommuOps(dev.Dma.Ops))
                yield return (dev.Name, new StateLeakFinding(LeakedDmaState.IommuDmaOps, dev.Dma.Ops));
            if (dev.Iommu.ArchPrivateDomain)
                yield return (dev.Name, new StateLeakFinding(LeakedDmaState.PrivateDomain, dev.Dma.Ops));
        }
    }

    public static IEnumerable<(string, Finding)> OpsWithoutDomain(BootState k)
    {
        foreach (var dev in k.Devices)
            if (dev.Bound && dev.Dma.Outcome == "broken")
                yield return (dev.Name, new OpsWithoutDomainFinding(dev.Dma.Ops));
    }

    public static IEnumerable<(string, Finding)> NoDmaPath(BootState k)
    {
        foreach (var dev in k.Devices)
        {
            if (!dev.Bound || !DoesDma(dev)) continue;
            var outcome = dev.Dma.Outcome;
            if (outcome is "blocked" or "not-configured")
                yield return (dev.Name, new NoDmaPathFinding(Blocked: outcome == "blocked"));
        }
    }

    private static bool DoesDma(DeviceRecord dev) =>
        dev.Pci is not null || dev.Node?.HasProperty("iommus") == true || dev.Driver is { ScriptsDma: true };

    // iommu_device_use_default_domain: a kernel driver using the DMA API must not share a group owned by user space
    public static IEnumerable<(string, Finding)> SharedOwner(BootState k)
    {
        foreach (var g in k.Groups)
        {
            // v5.19+: the claimed owner; before, a VFIO container set on the group
            if (g.Owner is null && !g.VfioContainerSet) continue;
            foreach (var id in g.DeviceIds)
                if (k.DeviceById(id) is { Bound: true, Driver: { } drv } dev && !drv.DriverManagedDma && drv.Name is not ("vfio-pci" or "vfio-platform" or "pci-stub"))
                    yield return (dev.Name, new SharedOwnerFinding(drv.Name, g.Id, g.Owner));
        }
    }

    public static IEnumerable<(string, Finding)> AccessFault(BootState k)
    {
        foreach (var dev in k.Devices)
            foreach (var e in dev.Dma.Events)
                if (e.Live && e.Operation == "device access" && e.Faulted)
                    yield return (dev.Name, new AccessFaultFinding(e.DmaAddress, e.Size, e.Result));
    }
}
