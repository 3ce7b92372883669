namespace ProbeSim.Kernel.Iommu.Amd;

/// <summary>How a device's IVRS alias becomes a PCI DMA alias.</summary>
public enum AmdIvrsAliasRule
{
    /// <summary><c>setup_aliases</c>: whenever the IVRS alias differs from the device and is on the device's bus.</summary>
    SameBus,
    /// <summary>Older <c>get_alias</c>: only when the PCI core knows no alias of its own for the device, and on the same bus.</summary>
    SameBusWithoutPciAlias,
}

/// <summary>Which devices amd-iommu asks to identity-map.</summary>
public enum AmdIdentityRule
{
    /// <summary><c>pci_iommuv2_capable</c>: ATS (and trusted), PRI and PASID capabilities, behind an IOMMUv2.</summary>
    AtsPriPasid,
    /// <summary><c>pdev_get_caps</c> / <c>pdev_pasid_supported</c>: a PASID capability, with GT and PPR (and EPHSUP) on the IOMMUs.</summary>
    Pasid,
}

/// <summary>
/// The amd-iommu rules that differ between kernel versions, as switches a profile sets. The defaults are Linux 6.1's;
/// docs/kernel/amd-iommu.md gives each switch's value in v4.2, 6.1, 6.12 and 6.18 with the source lines.
/// </summary>
public sealed record AmdIommuRules
{
    /// <summary>Linux 6.1 (the defaults).</summary>
    public static AmdIommuRules Default { get; } = new();

    /// <summary><c>amd_iommu=off</c> is tested in <c>amd_iommu_detect</c> before <c>detect_ivrs</c> (no ACS request from there); 6.1: false.</summary>
    public bool CmdlineOffStopsDetect { get; init; }

    /// <summary><c>detect_ivrs</c> refuses a machine with Stoney Ridge graphics on bus 0 unless <c>amd_iommu=force_enable</c>.</summary>
    public bool StoneyRidgeCheck { get; init; } = true;

    /// <summary>The IVHD type read whatever the table holds (older kernels: 10h only); null: <c>get_highest_supported_ivhd_type</c>.</summary>
    public byte? FixedIvhdType { get; init; }

    public AmdIvrsAliasRule IvrsAlias { get; init; } = AmdIvrsAliasRule.SameBus;

    public AmdIdentityRule Identity { get; init; } = AmdIdentityRule.AtsPriPasid;

    /// <summary><c>amd_iommu_def_domain_type</c> itself answers DMA for an untrusted PCI device.</summary>
    public bool UntrustedIsDma { get; init; }

    /// <summary><c>amd_iommu=force_isolation</c> keeps IOMMUv2-capable devices translated (older kernels parse it and never read it).</summary>
    public bool ForceIsolationHonoured { get; init; } = true;

    /// <summary><c>iommu_init_pci</c> clears the IOMMU function's <c>match_driver</c>, so no PCI driver binds to it.</summary>
    public bool IommuFunctionUnbindable { get; init; } = true;
}
