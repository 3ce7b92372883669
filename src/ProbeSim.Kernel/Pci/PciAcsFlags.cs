namespace ProbeSim.Kernel.Pci;

/// <summary>Bits of the ACS capability and control registers (<c>PCI_ACS_*</c> in <c>pci_regs.h</c>).</summary>
[Flags]
public enum PciAcsFlags : ushort
{
    None = 0,
    /// <summary>Source Validation.</summary>
    SV = 0x0001,
    /// <summary>Translation Blocking.</summary>
    TB = 0x0002,
    /// <summary>P2P Request Redirect.</summary>
    RR = 0x0004,
    /// <summary>P2P Completion Redirect.</summary>
    CR = 0x0008,
    /// <summary>Upstream Forwarding.</summary>
    UF = 0x0010,
    /// <summary>P2P Egress Control.</summary>
    EC = 0x0020,
    /// <summary>Direct Translated P2P.</summary>
    DT = 0x0040,
}
