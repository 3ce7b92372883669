namespace ProbeSim.Kernel.Pci;

/// <summary>How <c>set_pcie_untrusted</c> decides that a function is untrusted; it changed in v6.13.</summary>
public enum PciUntrustedRule
{
    /// <summary>Up to v6.12: untrusted when the upstream bridge is untrusted or external-facing.</summary>
    ExternalFacingParent,

    /// <summary>
    /// v6.13+ (3b96b895127b "PCI: Detect and trust built-in Thunderbolt chips"): untrusted only when the upstream bridge
    /// is untrusted or <c>arch_pci_dev_is_removable</c> says so, which is x86+ACPI only; on a DT system nothing below an
    /// external-facing port becomes untrusted.
    /// </summary>
    ArchRemovable,
}
