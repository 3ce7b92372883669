using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;

namespace ProbeSim.Kernel.Result;

using Kernel = ProbeSim.Kernel.Boot.Kernel;

/// <summary>Makes the records of a <see cref="BootState"/> from the kernel's own objects.</summary>
internal static class StateBuilder
{
    public static IReadOnlyList<DeviceRecord> Devices(Kernel k)
    {
        var list = new DeviceRecord[k.Devices.Count];
        for (int i = 0; i < list.Length; i++) list[i] = Device(k, k.Devices[i]);
        return list;
    }

    private static DeviceRecord Device(Kernel k, Device dev)
    {
        var state = k.StateOf(dev);
        var iommu = dev.Iommu;
        var dma = dev.Dma;
        return new DeviceRecord
        {
            Id = dev.Id,
            Name = dev.Name,
            Bus = dev.Bus.Name,
            Node = dev.Node,
            State = state,
            Bound = dev.Bound,
            Dead = dev.Dead,
            CanMatch = dev.CanMatch,
            Driver = dev.Driver is { } drv ? new DriverRecord(drv.Name, drv.Spec.DriverManagedDma, drv.Spec.Dma is { Count: > 0 }) : null,
            LastProbeDriver = dev.LastProbeDriver?.Name,
            RejectedBy = dev.RejectedBy,
            LastFailure = dev.LastFailure,
            LastError = dev.LastError,
            DeferReason = dev.DeferReason,
            Wait = dev.Wait,
            Unbinds = dev.Unbinds,
            PeriphidFromHardware = k.PeriphidFromHardware(dev),
            // the question only a device no driver took asks (a module in the set would match it)
            ModuleNotLoaded = state == DeviceState.NoDriver && !dev.CanMatch && k.HasModuleFor(dev),
            Pci = dev.Pci is { } pci ? new PciRecord(pci.ClassCode, pci.IsBridge, pci.Kind, pci.ShpcCapable) : null,
            SupplierLinks = dev.SupplierLinks.Count == 0 ? Array.Empty<SupplierLinkRecord>()
                : dev.SupplierLinks.Select(l => new SupplierLinkRecord(l.Supplier.Id, l.Supplier.Name, l.Managed, l.SyncStateOnly)).ToList(),
            Dma = new DeviceDmaRecord
            {
                Ops = dma.Ops,
                Outcome = k.DmaOutcome(dev),
                HasMapping = dma.Mapping is not null,
                MappingShared = dma.Mapping is { Shared: true },
                QueuedAttach = dma.QueuedAttach,
                Events = dma.Events.Count == 0 ? Array.Empty<Dma.DmaEvent>() : dma.Events.ToArray(),
            },
            Iommu = new DeviceIommuRecord
            {
                OfIommuRule = iommu.OfIommuRule,
                OfIommuDeferred = iommu.OfIommuDeferred,
                OfIommuAtUs = iommu.OfIommuAtUs,
                Instance = iommu.Instance?.SysfsName,
                Group = iommu.Group?.Id,
                ArchPrivateDomain = iommu.ArchPrivateDomain is not null,
                // the instance a late-registering IOMMU would have been: asked of a device of_iommu_configure left without a group
                StreamInstance = iommu.Group is null && iommu.OfIommuAtUs is not null && k.WireStreamOf(dev)?.Instance is { } inst
                    ? new IommuInstanceRecord(inst.SysfsName, inst.Device.Name, inst.Registered, inst.RegisteredAtUs) : null,
            },
        };
    }

    public static FwNodeRecord? FwNode(Kernel k, DtNode node)
    {
        if (k.FwIfAny(node) is not { } fw) return null;
        var links = fw.Suppliers.Count == 0 ? Array.Empty<FwLinkRecord>()
            : fw.Suppliers.Select(l => new FwLinkRecord(l.Supplier.Node, l.Supplier.Dev?.Id, l.Property, l.Ignore)).ToArray();
        return new FwNodeRecord(node, fw.Dev?.Id, links);
    }

    public static IReadOnlyList<IommuGroupRecord> Groups(Kernel k) =>
        k.IommuGroups.Select(g => new IommuGroupRecord(g.Id, g.Devices.Select(d => d.Id).ToList(), g.Devices.Select(d => d.Name).ToList(), g.DefaultDomain?.Type, g.Domain?.Type,
            g.Owner, g.OwnerCount, g.VfioContainerSet)).ToList();
}
