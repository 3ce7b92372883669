using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Iommu;

// Groups: the IDA of group ids, device_group, joining and leaving a group.
internal sealed partial class IommuCore
{
    private readonly List<IommuGroup> _groups = new();

    private static readonly DigestFields GroupsFields = new(typeof(IommuCore), [nameof(_groups)]);

    // every group ever allocated, in allocation order (a freed one keeps its place)
    private void DigestGroups(ref StateDigest d)
    {
        d.Add(_groups.Count);
        foreach (var g in _groups) g.Digest(ref d);
    }

    // iommu_group_alloc: ida_alloc gives the lowest free id
    internal IommuGroup IommuGroupAlloc(IommuInstance? inst)
    {
        int id = 0;
        var used = _groups.Where(g => !g.Freed).Select(g => g.Id).ToHashSet();
        while (used.Contains(id)) id++;
        var g = new IommuGroup(id) { Instance = inst };
        _groups.Add(g);
        return g;
    }

    // iommu_group_release: the id goes back to the IDA; the domains are freed
    private void IommuGroupFree(IommuGroup group)
    {
        if (group.Freed) return;
        group.Freed = true;
        foreach (var d in new[] { group.DefaultDomain, group.BlockingDomain, group.Domain })
            if (d is not null) IommuDomainFree(d);
        group.DefaultDomain = group.Domain = group.BlockingDomain = null;
        if (group.Instance is { } inst)
        {
            if (inst.SingletonGroup == group) inst.SingletonGroup = null;
            foreach (var (sid, g) in inst.StreamGroups.ToList())
                if (g == group) inst.StreamGroups.Remove(sid);
        }
    }

    /// <summary>ops->device_group (or iommu_group_get when the device already has one): the group the device joins.</summary>
    private (IommuGroup? Group, int Error) IommuDeviceGroup(Device dev, IommuInstance inst)
    {
        // PCI masters: pci_device_group (arm-smmu-v3 and the others); arm-smmu first reuses a group its stream-map entries carry
        if (dev.Pci is not null && inst.Traits.Group != IommuGroupPolicy.StreamId) return (_k.PciCore.DeviceGroup(dev, inst), 0);
        switch (inst.Traits.Group)
        {
            case IommuGroupPolicy.PerInstance:
                inst.SingletonGroup ??= IommuGroupAlloc(inst);
                return (inst.SingletonGroup, 0);
            case IommuGroupPolicy.StreamId:
                // arm_smmu_device_group: the group recorded on any of the device's stream-map entries; two different ones -> -EINVAL
                IommuGroup? found = null;
                var ids = dev.Iommu.Fwspec?.Ids ?? new List<uint>();
                foreach (var id in ids)
                    if (inst.StreamGroups.TryGetValue(id & 0xffff, out var g))
                    {
                        if (found is not null && found != g) return (null, -EINVAL);
                        found = g;
                    }
                var group = found ?? (dev.Pci is not null ? _k.PciCore.DeviceGroup(dev, inst) : IommuGroupAlloc(inst));
                foreach (var id in ids) inst.StreamGroups[id & 0xffff] = group;
                return (group, 0);
            default:
                return (IommuGroupAlloc(inst), 0);
        }
    }

    private static void GroupAppend(Device dev, IommuGroup group, IommuInstance inst)
    {
        group.Devices.Add(dev);
        dev.Iommu.Group = group;
        dev.Iommu.Instance = inst;
        if (!inst.Clients.Contains(dev)) inst.Clients.Add(dev);
        if (dev.Pci is { } p) dev.Iommu.Untrusted = p.Untrusted;
    }

    // iommu_group_add_device message
    private void GroupJoined(Device dev, IommuGroup group)
    {
        if (S.IommuGroupLogV5) DevPrintk(LogLevel.Info, dev, $"Adding to iommu group {group.Id}");
        else Printk(LogLevel.Info, $"iommu: Adding device {dev.Name} to group {group.Id}", dev);
    }

    // iommu_group_add_device's error path: the device is not added, a group it would have been alone in is freed
    private int AbandonJoin(Device dev, IommuGroup group, int ret)
    {
        GroupJoinFailed(dev, group, ret);
        if (group.Devices.Count == 0) IommuGroupFree(group);
        dev.Iommu.Instance = null;
        return ret;
    }

    private void GroupJoinFailed(Device dev, IommuGroup group, int ret)
    {
        if (S.IommuGroupLogV5) DevPrintk(LogLevel.Err, dev, $"Failed to add to iommu group {group.Id}: {ret}");
        else Printk(LogLevel.Err, $"iommu: Failed to add device {dev.Name} to group {group.Id}: {ret}", dev);
    }

    // iommu_group_remove_device: detach, leave the list, free an emptied group
    private void GroupRemove(Device dev, IommuGroup group, bool message)
    {
        if (message)
        {
            if (S.IommuGroupLogV5) DevPrintk(LogLevel.Info, dev, $"Removing from iommu group {group.Id}");
            else Printk(LogLevel.Info, $"iommu: Removing device {dev.Name} from group {group.Id}", dev);
        }
        foreach (var d in new[] { group.Domain, group.DefaultDomain, group.BlockingDomain })
            d?.Attached.Remove(dev);
        group.Devices.Remove(dev);
        dev.Iommu.Group = null;
        IommuDriverReleaseDevice(dev, dev.Iommu.Instance);
        dev.Iommu.Instance?.Clients.Remove(dev);
        dev.Iommu.Instance = null;
        dev.Dma.DmaIommu = false;
        if (group.Devices.Count == 0) IommuGroupFree(group);
    }
}
