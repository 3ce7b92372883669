namespace ProbeSim.Kernel.Pci.Quirks;

/// <summary>
/// <c>pci_dev_specific_enable_acs</c> (<c>pci_dev_acs_ops[]</c>): the Intel root ports whose ACS is switched on their
/// own way when <c>pci_enable_acs</c> runs. Each applies only where its reading quirk of <see cref="AcsQuirkTable"/> is in
/// force (in every tree read, 4.2.8 to 6.18.2, each enable quirk is there exactly when its reading quirk is).
/// </summary>
internal static class AcsEnableQuirks
{
    /// <summary>Bit 0 of the LPC's root complex base address register (config 0xf0): the RCBA is enabled.</summary>
    private const int LpcRcbaEnable = 1;

    /// <summary>null when no enable quirk applies (-ENOTTY); else whether anything was switched on.</summary>
    public static bool? Enable(PciFunction dev)
    {
        var set = dev.Topology.Quirks;
        if (set.AcsEntries.Any(e => e.Kind == AcsQuirkKind.IntelPch && e.Matches(dev))
            && dev.PcieType == PciExpressType.RootPort && set.Lists(AcsQuirkKind.IntelPch, dev.DeviceId))
            return EnableIntelPch(dev);
        if (set.AcsEntries.Any(e => e.Kind == AcsQuirkKind.IntelSptPch && e.Matches(dev))
            && dev.PcieType == PciExpressType.RootPort && set.Lists(AcsQuirkKind.IntelSptPch, dev.DeviceId)
            && dev.Acs is PciAcsCapability acs)
            return EnableIntelSpt(dev, acs);
        return null;
    }

    private static bool EnableIntelPch(PciFunction dev)
    {
        // pci_quirk_enable_intel_lpc_acs: RCBA of devfn 1f.0 on the port's bus; nothing there reads as all ones
        var siblings = dev.Parent?.Children ?? dev.Topology.RootBusFunctions;
        var lpc = siblings.FirstOrDefault(f => f.Devfn == PciDevfn.Make(31, 0));
        var rcba = lpc is null ? 0xffffffffu : lpc.IntelLpcRcba ?? 0;
        // pci_quirk_enable_intel_pch_acs: without an enabled RCBA the workaround fails (a warning) and nothing else is done
        if ((rcba & LpcRcbaEnable) == 0) return false;
        // pci_quirk_enable_intel_pch_acs: the peer-decode and MPC writes are hardware; the model keeps the flag they earn
        dev.Flags |= PciDevFlags.AcsEnabledQuirk;
        return true;
    }

    private static bool EnableIntelSpt(PciFunction dev, PciAcsCapability acs)
    {
        // pci_quirk_enable_intel_spt_pch_acs: SV, RR, CR, UF where implemented, in the control register at ACS+8
        var ctrl = (dev.IntelSptAcsControl ?? PciAcsFlags.None) | (acs.Capability & (PciAcsFlags.SV | PciAcsFlags.RR | PciAcsFlags.CR | PciAcsFlags.UF));
        // pci_quirk_enable_intel_spt_pch_acs: translation blocking too for external-facing or untrusted ports
        if (dev.ExternalFacing || dev.Untrusted) ctrl |= acs.Capability & PciAcsFlags.TB;
        dev.IntelSptAcsControl = ctrl;
        return true;
    }
}
