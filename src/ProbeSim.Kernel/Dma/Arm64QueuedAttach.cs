namespace ProbeSim.Kernel.Dma;

/// <summary>
/// v4.4 arm64: arch_setup_dma_ops ran before the device had an IOMMU group, so its IOMMU attach was put on
/// iommu_dma_masters (queue_iommu_attach) and done later by __iommu_attach_notifier on a BUS_NOTIFY_ADD_DEVICE.
/// </summary>
/// <param name="QueuedUs">When arch_setup_dma_ops queued it.</param>
/// <param name="AttachedUs">When a BUS_NOTIFY_ADD_DEVICE walk attached it (null: still queued).</param>
/// <param name="AddedDevice">The device whose BUS_NOTIFY_ADD_DEVICE walked the queue when it attached.</param>
public sealed record Arm64QueuedAttach(long QueuedUs, long? AttachedUs = null, string? AddedDevice = null);
