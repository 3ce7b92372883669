using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;

namespace ProbeSim.Kernel.Result;

using Kernel = ProbeSim.Kernel.Boot.Kernel;

/// <summary>Makes the records of a <see cref="BootState"/> from the kernel's own objects.</summary>
internal static class StateBuilder
{
    // a device of_iommu_configure never saw (most of a board): one shared record
    private static readonly DeviceIommuRecord NoIommu = new();

    public static IReadOnlyList<DeviceRecord> Devices(Kernel k)
    {
        var list = new DeviceRecord[k.Devices.Count];
        var plainDma = new Dictionary<(Dma.DmaOpsKind, string), DeviceDmaRecord>();
        for (int i = 0; i < list.Length; i++) list[i] = Device(k, k.Devices[i], plainDma);
        return list;
    }

    private static DeviceRecord Device(Kernel k, Device dev, Dictionary<(Dma.DmaOpsKind, string), DeviceDmaRecord> plainDma)
    {
        var state = k.StateOf(dev);
        var iommu = dev.Iommu;
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
            Dma = DmaOf(k, dev, plainDma),
            Iommu = iommu.OfIommuRule is null && iommu.OfIommuAtUs is null && !iommu.OfIommuDeferred && iommu.Instance is null
                    && iommu.Group is null && iommu.ArchPrivateDomain is null ? NoIommu : new DeviceIommuRecord
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

    // most devices' DMA state is only its ops and outcome: one shared record per pair
    private static DeviceDmaRecord DmaOf(Kernel k, Device dev, Dictionary<(Dma.DmaOpsKind, string), DeviceDmaRecord> plain)
    {
        var dma = dev.Dma;
        var outcome = k.DmaOutcome(dev);
        bool isPlain = dma.Mapping is null && dma.QueuedAttach is null && dma.Events.Count == 0;
        if (isPlain && plain.TryGetValue((dma.Ops, outcome), out var shared)) return shared;
        var made = new DeviceDmaRecord
        {
            Ops = dma.Ops,
            Outcome = outcome,
            HasMapping = dma.Mapping is not null,
            MappingShared = dma.Mapping is { Shared: true },
            QueuedAttach = dma.QueuedAttach,
            Events = dma.Events.Count == 0 ? Array.Empty<Dma.DmaEvent>() : dma.Events.ToArray(),
        };
        if (isPlain) plain[(dma.Ops, outcome)] = made;
        return made;
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
