namespace ProbeSim.Checking.Vfio;

// Why `vfio plan` writes no commands. NoIommuGroup, NoVfioDriver and NotNormalHeader are kernel rules; the others are the
// tool's own safety judgement about handing a device over, not anything the kernel checks.

/// <summary>Why the plan is refused.</summary>
public abstract record VfioRefusal;

/// <summary>
/// The device has no IOMMU group: vfio-pci's probe fails (vfio_group_find_or_alloc returns -EINVAL without a group unless
/// vfio.enable_unsafe_noiommu_mode=1, v6.1 drivers/vfio/vfio_main.c:489-506).
/// </summary>
public sealed record NoIommuGroupForVfio : VfioRefusal;

/// <summary>
/// The device has no IOMMU group yet: no driver has probed it, and on this board a device joins its group when one does
/// (really_probe -> the bus's dma_configure -> of_dma_configure, v6.1 drivers/base/dd.c:620, drivers/pci/pci-driver.c:1686-1688).
/// Binding it to its VFIO driver first (<paramref name="Bind"/>) makes the group; then the plan can be made.
/// </summary>
public sealed record NotProbedYet(IReadOnlyList<VfioPlanStep> Bind) : VfioRefusal;

/// <summary>
/// A group member has a platform RMRR that is not relaxable: intel-iommu refuses to attach it to an unmanaged domain,
/// which VFIO's container is (device_is_rmrr_locked, v6.1 drivers/iommu/intel/iommu.c:2648-2657, 4324-4328, "Device is
/// ineligible for IOMMU domain attach due to platform RMRR requirement"; from v6.5 the core's require_direct refuses the
/// blocking domain that claiming DMA ownership needs, v6.12 drivers/iommu/iommu.c:2253-2266). A kernel rule.
/// </summary>
public sealed record RmrrLocked(string Device, ulong Start, ulong End) : VfioRefusal;

/// <summary>The device's bus has no VFIO driver the model knows (vfio-pci, vfio-platform).</summary>
public sealed record NoVfioDriver(string Bus) : VfioRefusal;

/// <summary>The device is a bridge: vfio-pci refuses it (v6.1 drivers/vfio/pci/vfio_pci_core.c:2124).</summary>
public sealed record NotNormalHeader(string Device) : VfioRefusal;

/// <summary>What makes a group-mate unsafe to take from the host (a judgement of this tool, not a kernel rule).</summary>
public enum VfioHazard
{
    /// <summary>A display controller (class 0x03xxxx) bound to a kernel driver: the host may be showing its console on it.</summary>
    DisplayInUse,
    /// <summary>A mass storage controller (class 0x01xxxx) bound to a kernel driver: the host's disks may hang off it.</summary>
    StorageInUse,
    /// <summary>The PCI host bridge (class 0x0600xx) bound to a kernel driver.</summary>
    HostBridge,
}

/// <summary>A group-mate the plan would have to take from its kernel driver, and why the tool will not.</summary>
public sealed record UnsafeGroupMate(string Device, string Driver, uint ClassCode, VfioHazard Hazard) : VfioRefusal;
