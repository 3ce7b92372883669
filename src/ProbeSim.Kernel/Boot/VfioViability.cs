namespace ProbeSim.Kernel.Boot;

// Whether VFIO can use an IOMMU group now, by the rule of the profile's kernel (Kernel.VfioViability); ProbeSim.Reports
// words it.

/// <summary>Which rule decides viability: the kernel era.</summary>
public enum VfioViabilityRule
{
    /// <summary>Before v5.19: vfio_group_viable runs vfio_dev_viable on every member (v5.10 drivers/vfio/vfio.c:630-688).</summary>
    DevViable,
    /// <summary>v5.19+: DMA ownership, VFIO_GROUP_FLAGS_VIABLE unless iommu_group_dma_owner_claimed (v6.1 drivers/vfio/vfio_main.c:894-899).</summary>
    DmaOwnership,
}

/// <summary>What one member of a group is to VFIO's viability rule.</summary>
public enum VfioMemberUse
{
    /// <summary>No driver: fine under both rules.</summary>
    Unbound,
    /// <summary>Bound to a VFIO bus driver (vfio-pci, vfio-platform): fine.</summary>
    VfioDriver,
    /// <summary>v5.19+: bound to a driver with driver_managed_dma (pcieport, pci-stub), which takes no DMA ownership: fine.</summary>
    DriverManagedDma,
    /// <summary>Before v5.19: bound to a driver on vfio_driver_allowed[] ("pci-stub"): fine.</summary>
    AllowedDriver,
    /// <summary>Before v5.19: a PCI function whose header type is not normal (a bridge), whatever its driver: fine.</summary>
    PciBridge,
    /// <summary>v5.19+: bound to a kernel DMA-API driver, which counts in owner_cnt: blocks.</summary>
    KernelDmaUser,
    /// <summary>Before v5.19: bound to a driver neither VFIO nor allowed: blocks.</summary>
    DriverNotAllowed,
}

/// <summary>A member of the group, its driver (null: none) and what it is to the rule.</summary>
public sealed record VfioGroupMember(string Device, string? Driver, VfioMemberUse Use)
{
    /// <summary>This member keeps the group from being viable.</summary>
    public bool Blocks => Use.Blocks();
}

/// <summary>Facts per <see cref="VfioMemberUse"/>.</summary>
public static class VfioMemberUses
{
    /// <summary>A member of this use keeps the group from being viable.</summary>
    public static bool Blocks(this VfioMemberUse use) => use is VfioMemberUse.KernelDmaUser or VfioMemberUse.DriverNotAllowed;
}

/// <summary>The viability of one group now.</summary>
/// <param name="Owner">v5.19+: the DMA owner user space holds (vfio, iommufd), null while kernel users count; before: "vfio" while a container is set.</param>
public sealed record VfioGroupViability(int Group, VfioViabilityRule Rule, bool Viable, string? Owner, IReadOnlyList<VfioGroupMember> Members);
