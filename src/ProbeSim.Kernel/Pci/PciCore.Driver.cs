using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Iommu;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Pci;

// the PCI bus's side of a driver binding: pci_bus_match, the known drivers' probe checks, pci_dma_configure, and
// pci_device_group for the IOMMU core
internal sealed partial class PciCore
{
    // pci_bus_match: pci_match_device over the id table, subsystem ids and class mask included; override-only entries
    // are skipped (dynamic ids and driver_override are handled by the caller)
    internal static bool Match(Device dev, Driver drv)
    {
        if (dev.Pci is not { } f) return false;
        foreach (var id in drv.Spec.PciIds)
            if (id.Matches(f.VendorId, f.DeviceId, f.SubsystemVendorId, f.SubsystemDeviceId, f.ClassCode)) return true;
        return false;
    }

    /// <summary>The probe-time checks of known PCI drivers (after dma_configure has run): -ENODEV when they decline (<see cref="PciProbeChecks"/>).</summary>
    internal int DriverProbeCheck(Device dev, Driver drv)
    {
        if (dev.Pci is not { } f) return 0;
        // on an ACPI machine shpc_probe also needs the firmware's grant (acpi_get_hp_hw_control_from_firmware) and free
        // hotplug slot names (pci_hp_register), which the machine's files do not carry: taken as failing, as on QEMU q35
        // (oracle: "pci_hp_register failed with error -16"); the outcome says it is a guess (BasisGap.AcpiHotplugControl)
        if (_k.X86 is not null && drv.Name == "shpchp") return -ENODEV;
        return PciProbeChecks.Declines(drv.Name, f) is null ? 0 : -ENODEV;
    }

    // pci_dma_configure: of_dma_configure_id on the host bridge's node, with the requester IDs of the device's DMA aliases
    internal int DmaConfigure(Device dev)
    {
        // x86: acpi_dma_configure finds no IORT or VIOT; the DMA ops are iommu-dma when the IOMMU driver's probe_finalize
        // (iommu_setup_dma_ops) saw a DMA default domain, else dma-direct; x86 DMA is cache-coherent
        if (_k.X86 is not null)
        {
            dev.Dma.Ops = dev.Iommu.Group?.DefaultDomain is { } d && IommuDomainTypes.IsDmaApi(d.Type) ? Dma.DmaOpsKind.IommuDma : Dma.DmaOpsKind.Direct;
            dev.Dma.Coherent = true;
            return 0;
        }
        if (_hostNode is not { } host) return 0;
        var aliases = dev.Pci!.DmaAliases();
        IReadOnlyList<uint> rids = S.IommuMapAliases switch
        {
            IommuMapAliases.None => Array.Empty<uint>(),
            IommuMapAliases.Last => LastAliasRid(aliases),
            _ => aliases.Select(a => (uint)a.Rid).ToArray(),
        };
        if (S.IommuMapAliases == IommuMapAliases.None && host.HasProperty("iommu-map"))
            DevPrintk(LogLevel.Err, dev, "IOMMU is currently not supported for PCI");
        return _k.OfPlatform.OfDmaConfigure(dev, host, rids, host);
    }

    // v4.12-v4.18 of_pci_iommu_init: each alias overwrites the last; the walk stops at the first alias on the root bus
    internal static uint[] LastAliasRid(IReadOnlyList<PciDmaAlias> aliases)
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
    internal IommuGroup DeviceGroup(Device dev, IommuInstance inst) =>
        dev.Pci!.Topology.DeviceGroup<IommuGroup>(dev.Pci!,
            f => _devices.TryGetValue(f, out var d) && d.Iommu.Group is { Freed: false } g ? g : null,
            () => _k.IommuCore.IommuGroupAlloc(inst));
}
