namespace ProbeSim.Kernel.Pci;

/// <summary>
/// What the probes of a few PCI drivers do first with a function their id table matched: decline it with -ENODEV (the
/// driver core then tries the next driver). Each rule is read from the driver's 6.1.192 source; a driver not named
/// here accepts every function its table matches.
/// </summary>
public static class PciProbeChecks
{
    /// <summary>Null when the probe of <paramref name="driver"/> (a driver name) goes on with <paramref name="f"/>; else why it returns -ENODEV.</summary>
    public static string? Declines(string driver, PciFunction f) => driver switch
    {
        // pcie_portdrv_probe (drivers/pci/pcie/portdrv_pci.c:107-112): root, upstream and downstream ports and RCECs only
        "pcieport" => f.PcieportBinds ? null
            : "pcie_portdrv_probe: not a PCIe root port, switch port or RC event collector (drivers/pci/pcie/portdrv_pci.c:107-112)",
        // shpc_probe (drivers/pci/hotplug/shpchp_core.c:260): shpc_capable
        "shpchp" => f.ShpcCapable ? null : "shpc_probe: no SHPC capability (drivers/pci/hotplug/shpchp_core.c:260)",
        // virtio_pci_id_table matches every Red Hat/Qumranet device (virtio_pci_common.c:507); vp_modern_probe keeps
        // 0x1000-0x107f (virtio_pci_modern_dev.c:225-226) and the legacy probe it falls back to 0x1000-0x103f
        // (virtio_pci_legacy_dev.c:22-23), so virtio_pci_probe fails -ENODEV outside 0x1000-0x107f
        "virtio-pci" => f.DeviceId is >= 0x1000 and <= 0x107f ? null
            : $"virtio_pci_probe: device {f.DeviceId:x4} is outside 0x1000-0x107f (drivers/virtio/virtio_pci_modern_dev.c:225-226)",
        _ => null,
    };
}
