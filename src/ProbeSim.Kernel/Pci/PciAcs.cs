using ProbeSim.Kernel.Pci.Quirks;

namespace ProbeSim.Kernel.Pci;

/// <summary>Access Control Services tests of <c>drivers/pci/pci.c</c> and the quirk hook of <c>quirks.c</c>.</summary>
public static class PciAcs
{
    /// <summary><c>REQ_ACS_FLAGS</c> of <c>drivers/iommu/iommu.c</c>: what isolation needs.</summary>
    public const PciAcsFlags ReqAcsFlags = PciAcsFlags.SV | PciAcsFlags.RR | PciAcsFlags.CR | PciAcsFlags.UF;

    /// <summary>
    /// <c>pci_dev_specific_acs_enabled</c>: the description's own entries (YAML <c>acs-quirks</c>) as if placed at the
    /// head of the table, then the kernel's built-in table (<see cref="PciTopology.Quirks"/>); the first entry that
    /// answers decides. null = no quirk applies (-ENOTTY).
    /// </summary>
    public static bool? DevSpecificAcsEnabled(PciFunction dev, PciAcsFlags flags)
    {
        // pci_dev_specific_acs_enabled: an entry of the description matches and always answers
        foreach (var quirk in dev.Topology.AcsQuirks)
            if (quirk.Matches(dev)) return quirk.Answer(flags);
        // pci_dev_specific_acs_enabled: table order; a matching entry whose function declines lets the search go on
        var set = dev.Topology.Quirks;
        foreach (var entry in set.AcsEntries)
            if (entry.Matches(dev) && AcsQuirkRules.Answer(entry.Kind, dev, flags, set) is bool answer) return answer;
        return null;
    }

    /// <summary><c>pci_acs_flags_enabled</c>: the ACS capability must exist and enable every requested control it implements.</summary>
    public static bool AcsFlagsEnabled(PciFunction dev, PciAcsFlags flags)
    {
        // pci_acs_flags_enabled: no ACS extended capability -> false
        if (dev.Acs is not PciAcsCapability acs) return false;
        // pci_acs_flags_enabled: controls missing from the capability count as hard-wired on, except egress control
        flags &= acs.Capability | PciAcsFlags.EC;
        return (acs.Control & flags) == flags;
    }

    /// <summary><c>pci_acs_enabled</c>: does the device provide (effectively) all of <paramref name="flags"/>?</summary>
    public static bool AcsEnabled(PciFunction dev, PciAcsFlags flags)
    {
        // pci_acs_enabled: a device-specific quirk's answer wins
        if (DevSpecificAcsEnabled(dev, flags) is bool quirk) return quirk;

        switch (dev.PcieType)
        {
            // pci_acs_enabled: conventional PCI/PCI-X never isolates
            case null:
                return false;
            // pci_acs_enabled: PCI/X-to-PCIe and PCIe-to-PCI/X bridges and RC event collectors never count
            case PciExpressType.PciToPcieBridge or PciExpressType.PcieToPciBridge or PciExpressType.RcEventCollector:
                return false;
            // pci_acs_enabled: root and downstream ports need the controls in their ACS capability
            case PciExpressType.Downstream or PciExpressType.RootPort:
                return AcsFlagsEnabled(dev, flags);
            // pci_acs_enabled: endpoints, upstream ports, legacy endpoints and RCiEPs need them only when multifunction
            case PciExpressType.Endpoint or PciExpressType.Upstream or PciExpressType.LegacyEndpoint or PciExpressType.RcIntegratedEndpoint:
                return !dev.Multifunction || AcsFlagsEnabled(dev, flags);
            default:
                return true;
        }
    }

    /// <summary>
    /// <c>pci_acs_path_enabled</c>: <paramref name="start"/> and every bridge above it up to <paramref name="end"/>
    /// (or, with null, up to the one on the root bus) pass <see cref="AcsEnabled"/>.
    /// </summary>
    public static bool AcsPathEnabled(PciFunction start, PciFunction? end, PciAcsFlags flags)
    {
        var parent = start;
        PciFunction pdev;
        do
        {
            pdev = parent;
            if (!AcsEnabled(pdev, flags)) return false;
            // pci_acs_path_enabled: reaching the root bus succeeds only when no end device was asked for
            if (pdev.Parent is null) return end is null;
            parent = pdev.Parent;
        } while (pdev != end);
        return true;
    }

    /// <summary>
    /// <c>pci_enable_acs</c> once <c>pci_request_acs</c> has been called: a device-specific enable quirk in force
    /// (Intel PCH and Sunrise/Union Point root ports) does it its own way; otherwise <c>pci_std_enable_acs</c> sets SV, RR,
    /// CR and UF where the capability has them, and TB for external-facing or untrusted devices. Returns false (and
    /// changes nothing) when nothing could be enabled (no ACS capability; a PCH port whose LPC has no RCBA).
    /// </summary>
    public static bool EnableAcs(PciFunction dev)
    {
        // pci_enable_acs: pci_dev_specific_enable_acs first; the standard enable only when no enable quirk applies
        if (AcsEnableQuirks.Enable(dev) is bool quirked) return quirked;
        if (dev.Acs is not PciAcsCapability acs) return false;
        var ctrl = acs.Control | (acs.Capability & (PciAcsFlags.SV | PciAcsFlags.RR | PciAcsFlags.CR | PciAcsFlags.UF));
        // pci_std_enable_acs: translation blocking only for external-facing or untrusted devices (or with ATS disabled)
        if (dev.ExternalFacing || dev.Untrusted) ctrl |= acs.Capability & PciAcsFlags.TB;
        dev.Acs = acs with { Control = ctrl };
        return true;
    }
}
