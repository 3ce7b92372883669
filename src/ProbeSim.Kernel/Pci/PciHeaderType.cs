namespace ProbeSim.Kernel.Pci;

/// <summary>Layout of the configuration header (byte 0x0e, bits 6:0; <c>PCI_HEADER_TYPE_*</c>).</summary>
public enum PciHeaderType
{
    Normal = 0,
    Bridge = 1,
    CardBus = 2,
}
