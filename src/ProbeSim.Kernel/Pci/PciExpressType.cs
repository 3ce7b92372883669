namespace ProbeSim.Kernel.Pci;

/// <summary>
/// Device/port type from bits 7:4 of the PCI Express Capabilities register (<c>PCI_EXP_TYPE_*</c>).
/// A conventional PCI function has no PCIe capability and so no type (null).
/// </summary>
public enum PciExpressType
{
    Endpoint = 0x0,
    LegacyEndpoint = 0x1,
    RootPort = 0x4,
    Upstream = 0x5,
    Downstream = 0x6,
    /// <summary>PCIe to PCI/PCI-X bridge (<c>PCI_EXP_TYPE_PCI_BRIDGE</c>).</summary>
    PcieToPciBridge = 0x7,
    /// <summary>PCI/PCI-X to PCIe bridge (<c>PCI_EXP_TYPE_PCIE_BRIDGE</c>).</summary>
    PciToPcieBridge = 0x8,
    RcIntegratedEndpoint = 0x9,
    RcEventCollector = 0xa,
}
