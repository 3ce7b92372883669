using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;

namespace ProbeSim.Kernel.Vfio;

/// <summary>The per-member decisions behind VFIO's group viability, one per kernel era.</summary>
internal static class VfioViabilityRules
{
    internal static bool IsVfioDriver(string? name) => name is "vfio-pci" or "vfio-platform";

    // vfio_dev_viable / vfio_dev_driver_allowed (<= v5.18, v5.10 drivers/vfio/vfio.c:630-646, 661-688)
    internal static VfioMemberUse DevViable(Device d) =>
        !d.Bound ? VfioMemberUse.Unbound
        : IsVfioDriver(d.Driver?.Name) ? VfioMemberUse.VfioDriver
        : d.Pci?.IsBridge ?? false ? VfioMemberUse.PciBridge
        : d.Driver?.Name == "pci-stub" ? VfioMemberUse.AllowedDriver
        : VfioMemberUse.DriverNotAllowed;

    // pci_dma_configure -> iommu_device_use_default_domain unless driver_managed_dma (v6.1 drivers/pci/pci-driver.c:1697)
    internal static VfioMemberUse DmaOwnership(Device d) =>
        d.Driver is not { } drv ? VfioMemberUse.Unbound
        : !drv.Spec.DriverManagedDma ? VfioMemberUse.KernelDmaUser
        : IsVfioDriver(drv.Name) ? VfioMemberUse.VfioDriver
        : VfioMemberUse.DriverManagedDma;
}
