using ProbeSim.Kernel.Dma;
using ProbeSim.Kernel.Result;

namespace ProbeSim.Checking.Invariants;

/// <summary>The DMA and IOMMU invariants: they read the same per-device state the JSON reports.</summary>
internal static class DmaChecks
{
    private static bool IommuOps(DmaOpsKind ops) => ops is DmaOpsKind.IommuDma or DmaOpsKind.ArmIommu;

    // arch_teardown_dma_ops / iommu_release_device: what a device without a driver must not keep
    public static IEnumerable<(string, string)> StateLeak(BootState k)
    {
        foreach (var dev in k.Devices)
        {
            if (dev.Bound || dev.Dead) continue;
            // a mapping the IOMMU driver's add_device attached (ipmmu-vmsa's shared one) lives as long as the device
            if (dev.Dma.HasMapping && !dev.Dma.MappingShared)
                yield return (dev.Name, "not bound but still attached to the dma_iommu_mapping arch_setup_dma_ops made for it");
            else if (!dev.Dma.HasMapping && IommuOps(dev.Dma.Ops))
                yield return (dev.Name, $"not bound but still has {(dev.Dma.Ops == DmaOpsKind.ArmIommu ? "arm-iommu" : "iommu-dma")} dma_ops");
            if (dev.Iommu.ArchPrivateDomain)
                yield return (dev.Name, "not bound but still owns a private arch DMA domain");
        }
    }

    public static IEnumerable<(string, string)> OpsWithoutDomain(BootState k)
    {
        foreach (var dev in k.Devices)
            if (dev.Bound && dev.Dma.Outcome == "broken")
                yield return (dev.Name, dev.Dma.Ops == DmaOpsKind.ArmIommu
                    ? "bound with arm-iommu dma_ops but no dma_iommu_mapping (stale ops from an earlier probe)"
                    : "bound with iommu-dma ops but its group has no DMA domain");
    }

    public static IEnumerable<(string, string)> NoDmaPath(BootState k)
    {
        foreach (var dev in k.Devices)
        {
            if (!dev.Bound || !DoesDma(dev)) continue;
            var outcome = dev.Dma.Outcome;
            if (outcome is "blocked" or "not-configured")
                yield return (dev.Name, outcome == "blocked"
                    ? "bound, but the IOMMU aborts its stream (no context bank or domain for it)"
                    : "bound, but its DMA was never configured");
        }
    }

    private static bool DoesDma(DeviceRecord dev) =>
        dev.Pci is not null || dev.Node?.HasProperty("iommus") == true || dev.Driver is { ScriptsDma: true };

    // iommu_device_use_default_domain: a kernel driver using the DMA API must not share a group owned by user space
    public static IEnumerable<(string, string)> SharedOwner(BootState k)
    {
        foreach (var g in k.Groups)
        {
            // v5.19+: the claimed owner; before, a VFIO container set on the group
            var owner = g.Owner ?? (g.VfioContainerSet ? "a VFIO container" : null);
            if (owner is null) continue;
            foreach (var id in g.DeviceIds)
                if (k.DeviceById(id) is { Bound: true, Driver: { } drv } dev && !drv.DriverManagedDma && drv.Name is not ("vfio-pci" or "vfio-platform" or "pci-stub"))
                    yield return (dev.Name, $"bound to {drv.Name} (DMA API) in iommu group {g.Id}, which user space owns ({owner})");
        }
    }

    public static IEnumerable<(string, string)> AccessFault(BootState k)
    {
        foreach (var dev in k.Devices)
            foreach (var e in dev.Dma.Events)
                if (e.Live && e.Operation == "device access" && e.Faulted)
                    yield return (dev.Name, $"access to mapped IOVA 0x{e.DmaAddress:x} ({e.Size} bytes): {e.Result}");
    }
}
