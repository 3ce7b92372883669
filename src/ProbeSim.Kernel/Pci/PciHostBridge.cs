using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Iommu;
using ProbeSim.Kernel.Pci;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Boot;

public sealed partial class Kernel
{
    private readonly PciTopology? _pciTopology;

    /// <summary>
    /// The PCI hierarchy below the DT host bridge (YAML or a sysfs dump); null = no PCI devices. What is given is seen
    /// with the profile's built-in quirks (<see cref="PciTopology.WithQuirks"/>): this kernel's fixups and ACS table.
    /// </summary>
    public PciTopology? PciTopology
    {
        get => _pciTopology;
        init => _pciTopology = value?.WithQuirks(S.PciQuirks);
    }

    private bool _pciEnumerated;
    private DtNode? _pciHostNode;
    private readonly Dictionary<PciFunction, Device> _pciDevices = new(ReferenceEqualityComparer.Instance);

    private static readonly DigestFields PciHostBridgeFields = new(typeof(Kernel),
        [nameof(_pciEnumerated), nameof(_pciHostNode)],
        (nameof(_pciTopology), DigestFields.Input),
        (nameof(_pciDevices), "an index of the PCI devices by function: each such device's Pci, set when it is made (its name is the function's)"));

    private void DigestPciHostBridge(ref StateDigest d)
    {
        d.Add(_pciEnumerated);
        d.Add(_pciHostNode);
    }

    private bool IsPciHost(DtNode node) => PciTopology?.HostDtPath is { } p
        ? node.Path == p
        : PciHostCheck.IsHostBridge(node);

    // pci_host_probe from the host bridge driver's probe: scan, then pci_bus_add_devices (pcieport binds the ports)
    private void OnDriverBoundPciHost(Device host)
    {
        if (PciTopology is not { } topo || _pciEnumerated || host.Node is null || !IsPciHost(host.Node)) return;
        _pciEnumerated = true;
        _pciHostNode = host.Node;
        PciAddFunctions(topo, host);
    }

    // pci_scan_child_bus + pci_bus_add_devices: each function registered below its bridge (or the host), in add order
    private void PciAddFunctions(PciTopology topo, Device? host)
    {
        foreach (var f in topo.AddOrder())
        {
            var parent = f.Parent is { } pb && _pciDevices.TryGetValue(pb, out var pd) ? pd : host;
            var dev = DeviceCreate(f.Name, Pci, null, parent);
            if (dev is null) continue;
            if (f.Parent is null) dev.SysfsParentSegment = topo.HostName;
            dev.Pci = f;
            _pciDevices[f] = dev;
            DeviceAdd(dev);
        }
    }

    // pci_bus_match: pci_match_device over the id table, subsystem ids and class mask included; override-only entries
    // are skipped (dynamic ids and driver_override are handled by the caller)
    private static bool PciMatch(Device dev, Driver drv)
    {
        if (dev.Pci is not { } f) return false;
        foreach (var id in drv.Spec.PciIds)
            if (id.Matches(f.VendorId, f.DeviceId, f.SubsystemVendorId, f.SubsystemDeviceId, f.ClassCode)) return true;
        return false;
    }

    /// <summary>The probe-time checks of known PCI drivers (after dma_configure has run): -ENODEV when they decline (<see cref="PciProbeChecks"/>).</summary>
    private int PciDriverProbeCheck(Device dev, Driver drv)
    {
        if (dev.Pci is not { } f) return 0;
        // on an ACPI machine shpc_probe also needs the firmware's grant (acpi_get_hp_hw_control_from_firmware) and free
        // hotplug slot names (pci_hp_register), which the machine's files do not carry: taken as failing, as on QEMU q35
        // (oracle: "pci_hp_register failed with error -16"); the outcome says it is a guess (BasisGap.AcpiHotplugControl)
        if (X86 is not null && drv.Name == "shpchp") return -ENODEV;
        return PciProbeChecks.Declines(drv.Name, f) is null ? 0 : -ENODEV;
    }

    // pci_dma_configure: of_dma_configure_id on the host bridge's node, with the requester IDs of the device's DMA aliases
    private int PciDmaConfigure(Device dev)
    {
        // x86: acpi_dma_configure finds no IORT or VIOT; the DMA ops are iommu-dma when the IOMMU driver's probe_finalize
        // (iommu_setup_dma_ops) saw a DMA default domain, else dma-direct; x86 DMA is cache-coherent
        if (X86 is not null)
        {
            dev.Dma.Ops = dev.Iommu.Group?.DefaultDomain is { } d && IommuDomainTypes.IsDmaApi(d.Type) ? Dma.DmaOpsKind.IommuDma : Dma.DmaOpsKind.Direct;
            dev.Dma.Coherent = true;
            return 0;
        }
        if (_pciHostNode is not { } host) return 0;
        var aliases = dev.Pci!.DmaAliases();
        IReadOnlyList<uint> rids = S.IommuMapAliases switch
        {
            IommuMapAliases.None => Array.Empty<uint>(),
            IommuMapAliases.Last => LastAliasRid(aliases),
            _ => aliases.Select(a => (uint)a.Rid).ToArray(),
        };
        if (S.IommuMapAliases == IommuMapAliases.None && host.HasProperty("iommu-map"))
            DevPrintk(LogLevel.Err, dev, "IOMMU is currently not supported for PCI");
        return OfDmaConfigure(dev, host, rids, host);
    }

    // v4.12-v4.18 of_pci_iommu_init: each alias overwrites the last; the walk stops at the first alias on the root bus
    private static uint[] LastAliasRid(IReadOnlyList<PciDmaAlias> aliases)
    {
        uint? rid = null;
        foreach (var a in aliases)
        {
            rid = a.Rid;
            if (a.Function.Parent is null) break;
        }
        return rid is { } r ? new[] { r } : Array.Empty<uint>();
    }

    /// <summary>pci_device_group, driven by the groups the other functions already have.</summary>
    internal IommuGroup PciDeviceGroup(Device dev, IommuInstance inst) =>
        dev.Pci!.Topology.DeviceGroup<IommuGroup>(dev.Pci!,
            f => _pciDevices.TryGetValue(f, out var d) && d.Iommu.Group is { Freed: false } g ? g : null,
            () => IommuCore.IommuGroupAlloc(inst));

    // of_map_id over iommu-map / iommu-map-mask for each RID (spec iommu-core R3.4), with its messages
    private List<(DtNode? Node, IReadOnlyList<uint> Ids, string? Error)> IommuMapEntries(Device dev, DtNode host, IReadOnlyList<uint> rids)
    {
        var list = new List<(DtNode?, IReadOnlyList<uint>, string?)>();
        var map = host.GetProperty("iommu-map");
        if (map is null || rids.Count == 0) return list;
        foreach (var rid in rids)
        {
            var r = OfMapId.Lookup(host, map, rid, Index);
            switch (r.Kind)
            {
                case MapIdKind.Hit:
                    list.Add((r.Node, new[] { r.Id }, null));
                    continue;
                case MapIdKind.BadLength:
                    Printk(LogLevel.Err, $"{host.Path}: Error: Bad iommu-map length: {r.Length}");
                    list.Add((null, Array.Empty<uint>(), "bad iommu-map length"));
                    return list;
                case MapIdKind.MaskIgnoresBase:
                    Printk(LogLevel.Err, $"{host.Path}: Invalid iommu-map translation - iommu-map-mask (0x{r.Mask:x}) ignores rid-base (0x{r.RidBase:x})");
                    list.Add((null, Array.Empty<uint>(), "invalid iommu-map translation (-EFAULT)"));
                    return list;
                case MapIdKind.DanglingPhandle:
                    list.Add((null, Array.Empty<uint>(), $"iommu-map: dangling phandle 0x{r.Phandle:x}"));
                    return list;
                default:
                    // of_map_id: the target node is still NULL when nothing matched
                    Printk(LogLevel.Info, $"OF: {host.Path}: no iommu-map translation for id 0x{rid:x} on (null)");
                    list.Clear();
                    list.Add((null, Array.Empty<uint>(), $"no iommu-map translation for id 0x{rid:x}"));
                    return list;
            }
        }
        return list;
    }
}
