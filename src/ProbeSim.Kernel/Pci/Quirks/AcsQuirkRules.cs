namespace ProbeSim.Kernel.Pci.Quirks;

/// <summary>
/// What each function of <c>pci_dev_acs_enabled[]</c> answers for a device its entry matched: null when the function
/// declines (-ENOTTY, -ENODEV: the table search goes on), else whether every requested control is provided.
/// </summary>
internal static class AcsQuirkRules
{
    /// <summary>Source validation, request and completion redirect, upstream forwarding: what isolating root ports provide.</summary>
    private const PciAcsFlags Isolating = PciAcsFlags.SV | PciAcsFlags.RR | PciAcsFlags.CR | PciAcsFlags.UF;

    /// <summary>Everything but egress control: what functions that never talk to each other provide.</summary>
    private const PciAcsFlags NoPeerToPeer = Isolating | PciAcsFlags.TB | PciAcsFlags.DT;

    // pci_acs_ctrl_enabled: every requested control is among those enabled or provided by the design
    private static bool Provides(PciAcsFlags requested, PciAcsFlags provided) => (requested & provided) == requested;

    private static bool IsRootPort(PciFunction dev) => dev.PcieType == PciExpressType.RootPort;

    public static bool? Answer(AcsQuirkKind kind, PciFunction dev, PciAcsFlags flags, PciQuirkSet set)
    {
        switch (kind)
        {
            case AcsQuirkKind.AmdSouthbridge:
                // pci_quirk_amd_sb_acs: multifunction functions on the root bus, and only when ACPI has an IVRS table
                if (!dev.Multifunction || dev.Parent is not null || !set.AcpiIvrs) return null;
                // pci_quirk_amd_sb_acs: only RR, CR, EC and DT concern such functions; RR and CR are provided
                return Provides(flags & (PciAcsFlags.RR | PciAcsFlags.CR | PciAcsFlags.EC | PciAcsFlags.DT), PciAcsFlags.RR | PciAcsFlags.CR);

            case AcsQuirkKind.MultifunctionEndpoint:
                // pci_quirk_mf_endpoint_acs: listed functions never talk to each other; any type, everything but EC
                return Provides(flags, NoPeerToPeer);

            case AcsQuirkKind.IntelRciep:
                // pci_quirk_rciep_acs: Intel root-complex integrated endpoints isolate; other Intel functions are not its business
                return dev.PcieType == PciExpressType.RcIntegratedEndpoint ? Provides(flags, Isolating) : null;

            case AcsQuirkKind.QcomRootPort or AcsQuirkKind.NxpRootPort or AcsQuirkKind.XgeneRootPort
                or AcsQuirkKind.BroadcomRootPort or AcsQuirkKind.LoongsonRootPort:
                // pci_quirk_qcom_rp_acs, pci_quirk_nxp_rp_acs, pci_quirk_xgene_acs, pci_quirk_brcm_acs, pci_quirk_loongson_acs: the listed ID isolates, whatever its type
                return Provides(flags, Isolating);

            case AcsQuirkKind.AnnapurnaRootPort:
                // pci_quirk_al_acs: root ports only
                return IsRootPort(dev) ? Provides(flags, Isolating) : null;

            case AcsQuirkKind.IntelPch:
                // pci_quirk_intel_pch_acs_match: PCIe root ports in pci_quirk_intel_pch_acs_ids[]
                if (!IsRootPort(dev) || !set.Lists(kind, dev.DeviceId)) return null;
                // pci_quirk_intel_pch_acs: isolating once the enable workaround flagged the port, else nothing provided
                return Provides(flags, (dev.Flags & PciDevFlags.AcsEnabledQuirk) != 0 ? Isolating : PciAcsFlags.None);

            case AcsQuirkKind.IntelSptPch:
                // pci_quirk_intel_spt_pch_acs_match: listed Sunrise/Union Point root ports
                if (!IsRootPort(dev) || !set.Lists(kind, dev.DeviceId)) return null;
                // pci_quirk_intel_spt_pch_acs: a port without the ACS capability is left to pci_acs_enabled
                if (dev.Acs is not PciAcsCapability acs) return null;
                // pci_quirk_intel_spt_pch_acs: as pci_acs_flags_enabled, but the control register is the one at ACS+8
                return Provides(flags & (acs.Capability | PciAcsFlags.EC), dev.IntelSptAcsControl ?? PciAcsFlags.None);

            case AcsQuirkKind.CaviumAnyDevice:
                // pci_quirk_cavium_acs (v4.11): every Cavium device, everything but EC
                return Provides(flags, NoPeerToPeer);

            case AcsQuirkKind.CaviumA0xx:
                // pci_quirk_cavium_acs (v4.12-v4.13): devices a000-a0ff of any type, everything but EC
                return dev.DeviceId is >= 0xa000 and <= 0xa0ff ? Provides(flags, NoPeerToPeer) : null;

            case AcsQuirkKind.CaviumRootPort:
                // pci_quirk_cavium_acs_match: PCIe root ports with a listed ID
                return IsRootPort(dev) && set.Lists(kind, dev.DeviceId) ? Provides(flags, Isolating) : null;

            case AcsQuirkKind.ZhaoxinPort:
                // pci_quirk_zhaoxin_pcie_ports_acs: root and downstream ports only
                if (dev.PcieType is not (PciExpressType.RootPort or PciExpressType.Downstream)) return null;
                // pci_quirk_zhaoxin_pcie_ports_acs: listed ports isolate; any other Zhaoxin port is deemed not to
                return set.Lists(kind, dev.DeviceId) && Provides(flags, Isolating);

            case AcsQuirkKind.WangxunNic:
                // pci_quirk_wangxun_nic_acs: listed NICs isolate their functions; any other Wangxun device is deemed not to
                return set.Lists(kind, dev.DeviceId) && Provides(flags, Isolating);

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }
}
