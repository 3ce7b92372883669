namespace ProbeSim.Kernel.Pci.Quirks;

/// <summary>The functions of <c>pci_dev_acs_enabled[]</c> (drivers/pci/quirks.c): how an entry decides.</summary>
public enum AcsQuirkKind
{
    /// <summary><c>pci_quirk_amd_sb_acs</c>: multifunction southbridge functions on the root bus, only with an ACPI IVRS table.</summary>
    AmdSouthbridge,
    /// <summary><c>pci_quirk_mf_endpoint_acs</c>: functions that never talk to each other.</summary>
    MultifunctionEndpoint,
    /// <summary><c>pci_quirk_rciep_acs</c>: Intel root-complex integrated endpoints.</summary>
    IntelRciep,
    /// <summary><c>pci_quirk_qcom_rp_acs</c> (also HXT): root ports, each a root complex of its own.</summary>
    QcomRootPort,
    /// <summary><c>pci_quirk_intel_pch_acs</c>: listed PCH root ports, isolated once the enable workaround ran.</summary>
    IntelPch,
    /// <summary><c>pci_quirk_intel_spt_pch_acs</c>: Sunrise/Union Point root ports whose ACS control register sits at +8.</summary>
    IntelSptPch,
    /// <summary><c>pci_quirk_cavium_acs</c> as v4.11 had it: every Cavium device, six controls.</summary>
    CaviumAnyDevice,
    /// <summary><c>pci_quirk_cavium_acs</c> as v4.12-v4.13 had it: devices a000-a0ff of any type, six controls.</summary>
    CaviumA0xx,
    /// <summary><c>pci_quirk_cavium_acs</c> from v4.14: listed root ports (<c>pci_quirk_cavium_acs_match</c>).</summary>
    CaviumRootPort,
    /// <summary><c>pci_quirk_xgene_acs</c>: APM X-Gene and Ampere root ports.</summary>
    XgeneRootPort,
    /// <summary><c>pci_quirk_brcm_acs</c>: Broadcom iProc PAXB root ports.</summary>
    BroadcomRootPort,
    /// <summary><c>pci_quirk_loongson_acs</c>: Loongson root ports.</summary>
    LoongsonRootPort,
    /// <summary><c>pci_quirk_al_acs</c>: Amazon Annapurna Labs root ports.</summary>
    AnnapurnaRootPort,
    /// <summary><c>pci_quirk_nxp_rp_acs</c>: NXP LX2xx0 root ports.</summary>
    NxpRootPort,
    /// <summary><c>pci_quirk_zhaoxin_pcie_ports_acs</c>: listed Zhaoxin root and downstream ports; other such ports are not isolated.</summary>
    ZhaoxinPort,
    /// <summary><c>pci_quirk_wangxun_nic_acs</c>: listed Wangxun NICs; any other Wangxun device is not isolated.</summary>
    WangxunNic,
}
