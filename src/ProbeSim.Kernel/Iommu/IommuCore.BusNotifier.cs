using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Iommu;

/// <summary>IOMMU_GROUP_NOTIFY_* (before v5.19): the bus events iommu_bus_notifier republishes to a group's listeners.</summary>
internal enum IommuGroupNotify { BindDriver, BoundDriver, UnbindDriver, UnboundDriver }

// The IOMMU core's notifier blocks: it listens on the iommu_buses' BUS_NOTIFY_* chains and, before v5.19, republishes
// driver events to the group notifier chain (VFIO listens there).
internal sealed partial class IommuCore
{
    /// <summary>
    /// group->notifier (iommu_group_register_notifier, before v5.19). Linux keeps one chain per group; the model keeps one
    /// chain and its listeners look at the device's group.
    /// </summary>
    internal NotifierChain<IommuGroupNotify> GroupNotifier { get; }

    // iommu_bus_init (bus_set_iommu, <= v6.1) and iommu_subsys_init (v6.2+): bus_register_notifier on each of iommu_buses[]
    private void SubscribeBusNotifiers()
    {
        foreach (var bus in _buses) bus.Notifier.Register(IommuBusNotifier);
    }

    // iommu_bus_notifier: ADD_DEVICE probes the device; driver events go on to the group's notifier chain
    private void IommuBusNotifier(BusNotify action, Device dev)
    {
        if (!_k.DmaModel) return;
        // with per-bus ops (<= v6.7) a bus without ops hears nothing: bus_set_iommu registered the block only there (<= v6.1),
        // and from v6.2 iommu_probe_device finds no ops for it
        if (S.IommuBusOps && !_busOps.ContainsKey(dev.Bus)) return;
        if (action == BusNotify.AddDevice)
        {
            // iommu_probe_device (add_iommu_group / ops->add_device before v5.8): a device whose fwspec has ops and no group yet
            if (dev.Iommu.Fwspec?.Ops is not null && dev.Iommu.Group is null) IommuProbeDevice(dev);
            return;
        }
        // iommu_group_get: only a device in a group is republished; v5.19 removed the group notifier with DMA ownership
        if (S.DmaOwnership || dev.Iommu.Group is null) return;
        IommuGroupNotify? groupAction = action switch
        {
            BusNotify.BindDriver => IommuGroupNotify.BindDriver,
            BusNotify.BoundDriver => IommuGroupNotify.BoundDriver,
            BusNotify.UnbindDriver => IommuGroupNotify.UnbindDriver,
            BusNotify.UnboundDriver => IommuGroupNotify.UnboundDriver,
            _ => null,
        };
        if (groupAction is { } ga) GroupNotifier.Call(ga, dev);
    }
}
