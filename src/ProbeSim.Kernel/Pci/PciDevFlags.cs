namespace ProbeSim.Kernel.Pci;

/// <summary>The <c>dev_flags</c> bits of <c>struct pci_dev</c> that the model uses (same bit values as the kernel).</summary>
[Flags]
public enum PciDevFlags
{
    None = 0,
    /// <summary>
    /// <c>PCI_DEV_FLAGS_ACS_ENABLED_QUIRK</c>: the Intel PCH root-port ACS workaround was switched on
    /// (<c>pci_quirk_enable_intel_pch_acs</c>); <c>pci_quirk_intel_pch_acs</c> reads it.
    /// </summary>
    AcsEnabledQuirk = 1 << 3,
    /// <summary><c>PCI_DEV_FLAG_PCIE_BRIDGE_ALIAS</c>: a conventional-looking bridge that aliases like a PCIe-to-PCI bridge.</summary>
    PcieBridgeAlias = 1 << 5,
    /// <summary><c>PCI_DEV_FLAGS_BRIDGE_XLATE_ROOT</c>: the IOMMU sits at this bridge; DMA alias walks stop below it.</summary>
    BridgeXlateRoot = 1 << 9,
}
