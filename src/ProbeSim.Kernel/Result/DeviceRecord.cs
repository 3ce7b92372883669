using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Dma;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Of;
using ProbeSim.Kernel.Pci;

namespace ProbeSim.Kernel.Result;

using Kernel = ProbeSim.Kernel.Boot.Kernel;

/// <summary>
/// One device as the boot left it (<see cref="BootState"/>): its driver-core state, why it waits or failed, its DMA and
/// IOMMU state, its PCI identity and its device links to suppliers. Other devices are named, not referenced.
/// </summary>
public sealed record DeviceRecord
{
    /// <summary>The kernel's id of the device (creation order; firmware-made devices below zero).</summary>
    public required int Id { get; init; }
    public required string Name { get; init; }
    /// <summary>The bus: "platform", "amba", "pci", ...</summary>
    public required string Bus { get; init; }
    /// <summary>The device's of_node (an input of the boot), or null.</summary>
    public DtNode? Node { get; init; }
    /// <summary>The state the result reports (<see cref="Kernel.StateOf"/>).</summary>
    public DeviceState State { get; init; }
    public bool Bound { get; init; }
    /// <summary>The device was removed (device_del).</summary>
    public bool Dead { get; init; }
    /// <summary>dev->can_match: a driver matched it once (deferred_probe_extend_timeout keeps it retried).</summary>
    public bool CanMatch { get; init; }
    /// <summary>dev->driver (set while bound, and during a probe that failed late), or null.</summary>
    public DriverRecord? Driver { get; init; }
    /// <summary>The driver whose probe ran last, or null.</summary>
    public string? LastProbeDriver { get; init; }
    /// <summary>A probe that rejected the match (-ENODEV/-ENXIO, call_driver_probe): its driver and errno.</summary>
    public (string Driver, int Errno)? RejectedBy { get; init; }
    public ProbeFailure? LastFailure { get; init; }
    public int? LastError { get; init; }
    /// <summary>The reason devices_deferred shows (deferred_probe_reason).</summary>
    public string? DeferReason { get; init; }
    /// <summary>What the model saw the device wait for at its last deferral.</summary>
    public WaitReason? Wait { get; init; }
    public WaitCause WaitCause => Wait?.Cause ?? WaitCause.None;
    /// <summary>How many times a driver was unbound from it.</summary>
    public int Unbinds { get; init; }
    /// <summary>An AMBA device whose id amba_read_periphid would read from its registers (no arm,primecell-periphid).</summary>
    public bool PeriphidFromHardware { get; init; }
    /// <summary>For a device no driver matched: a module that would match it is in the driver set, not loaded.</summary>
    public bool ModuleNotLoaded { get; init; }
    /// <summary>Its PCI function's identity, or null for a device not on PCI.</summary>
    public PciRecord? Pci { get; init; }
    /// <summary>Managed and sync-state-only device links to its suppliers, in creation order.</summary>
    public IReadOnlyList<SupplierLinkRecord> SupplierLinks { get; init; } = Array.Empty<SupplierLinkRecord>();
    public required DeviceDmaRecord Dma { get; init; }
    public required DeviceIommuRecord Iommu { get; init; }
}

/// <summary>A driver as a device's state names it: its name and the spec facts the checks read.</summary>
public sealed record DriverRecord(string Name, bool DriverManagedDma, bool ScriptsDma);

/// <summary>A device link to a supplier device (device_link_add): the supplier (<see cref="DeviceRecord.Id"/>, name) and the link's flags.</summary>
public sealed record SupplierLinkRecord(int SupplierId, string Supplier, bool Managed, bool SyncStateOnly);

/// <summary>The PCI facts a VFIO plan reads: class code, bridge header, the function's kind.</summary>
public sealed record PciRecord(uint ClassCode, bool IsBridge, PciDeviceKind Kind, bool ShpcCapable);

/// <summary>A device's DMA state: its dma_map_ops, where its DMA goes, its arm32 mapping and its scripted DMA events.</summary>
public sealed record DeviceDmaRecord
{
    public DmaOpsKind Ops { get; init; }
    /// <summary>One word for where its DMA goes (<see cref="Kernel.DmaOutcome"/>).</summary>
    public required string Outcome { get; init; }
    /// <summary>arm32: it holds a dma_iommu_mapping; <see cref="MappingShared"/> says whether the IOMMU driver's shared one.</summary>
    public bool HasMapping { get; init; }
    public bool MappingShared { get; init; }
    /// <summary>arm64 v4.4: the attach queued until the IOMMU came, if any.</summary>
    public Arm64QueuedAttach? QueuedAttach { get; init; }
    public IReadOnlyList<DmaEvent> Events { get; init; } = Array.Empty<DmaEvent>();
}

/// <summary>A device's IOMMU state: the of_iommu_configure rule and time, the instance that probed it, its group.</summary>
public sealed record DeviceIommuRecord
{
    public OfIommuRule? OfIommuRule { get; init; }
    public bool OfIommuDeferred { get; init; }
    public long? OfIommuAtUs { get; init; }
    /// <summary>sysfs name of the IOMMU instance that probed the device, or null.</summary>
    public string? Instance { get; init; }
    /// <summary>The id of its iommu group, or null.</summary>
    public int? Group { get; init; }
    /// <summary>It owns a private arch DMA domain (arm64 before default domains).</summary>
    public bool ArchPrivateDomain { get; init; }
    /// <summary>The IOMMU instance its DMA stream reaches (fwspec or iommu-map), registered or not, or null.</summary>
    public IommuInstanceRecord? StreamInstance { get; init; }
}
