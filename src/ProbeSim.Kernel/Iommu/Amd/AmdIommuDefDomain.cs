namespace ProbeSim.Kernel.Iommu.Amd;

/// <summary>What <c>amd_iommu_def_domain_type</c> asks of the IOMMU core for a device (0 is no preference).</summary>
public enum AmdDomainPreference { None, Identity, Dma }

/// <summary>
/// The device facts <c>amd_iommu_def_domain_type</c> depends on: whether it is a PCI function, untrusted (external
/// facing), and has the ATS, PRI and PASID extended capabilities (for a VF, PRI and PASID are its PF's).
/// </summary>
public sealed record AmdDeviceCapabilities(bool IsPci, bool Untrusted = false, bool Ats = false, bool Pri = false, bool Pasid = false);

/// <summary>
/// The machine-wide facts it depends on. <see cref="IommuV2"/>: with <see cref="AmdIdentityRule.AtsPriPasid"/> the
/// device's IOMMU has GT and PPR (<c>is_iommu_v2</c>, <see cref="AmdIommuFeatures.IsIommuV2"/>); with
/// <see cref="AmdIdentityRule.Pasid"/> every IOMMU has GT, PPR and EPHSUP (6.18: and GIOSUP; <c>amd_iommu_gt_ppr_supported</c>).
/// <see cref="DefaultPassthrough"/>: the IOMMU core's default domain type is identity (<c>iommu_default_passthrough</c>,
/// e.g. <c>iommu=pt</c>). <see cref="MemoryEncryption"/>: <c>CC_ATTR_MEM_ENCRYPT</c> (SME/SEV active).
/// <see cref="SevSnp"/>: <c>amd_iommu_snp_en</c>.
/// </summary>
public sealed record AmdDomainContext(bool IommuV2, bool DefaultPassthrough = false, bool MemoryEncryption = false, bool SevSnp = false);

/// <summary>amd-iommu's say on the default domain type of a device it accepted.</summary>
public static class AmdIommuDefDomain
{
    /// <summary>
    /// amd_iommu_def_domain_type (drivers/iommu/amd/iommu.c:2437-2459) on the <c>iommu_v2</c> flag that
    /// iommu_init_device (iommu.c:396-405) set: identity for an IOMMUv2-capable device, unless
    /// <c>amd_iommu=force_isolation</c> (without default passthrough), memory encryption or SNP says no.
    /// </summary>
    public static AmdDomainPreference Preference(AmdDeviceCapabilities device, AmdDomainContext context, AmdIommuCmdline? cmdline = null, AmdIommuRules? rules = null)
    {
        rules ??= AmdIommuRules.Default;
        // iommu_init_device (iommu.c:402); v4.2 parses force_isolation (amd_iommu_init.c:2225-2226) and never reads it
        bool forceIsolation = (cmdline ?? AmdIommuCmdline.None).ForceIsolation && rules.ForceIsolationHonoured;
        // amd_iommu_def_domain_type (6.12 iommu.c:3032-3034): an untrusted PCI device always gets a DMA domain
        if (rules.UntrustedIsDma && device.IsPci && device.Untrusted) return AmdDomainPreference.Dma;
        // iommu_init_device (iommu.c:402-405): force_isolation clears the flag unless passthrough is the default
        bool flagged = (context.DefaultPassthrough || !forceIsolation) && device.IsPci && context.IommuV2 && V2Capable(device, rules.Identity);
        // amd_iommu_def_domain_type (iommu.c:2452-2456): not with memory encryption or SNP
        if (flagged && !context.MemoryEncryption && !context.SevSnp) return AmdDomainPreference.Identity;
        return AmdDomainPreference.None;
    }

    private static bool V2Capable(AmdDeviceCapabilities d, AmdIdentityRule rule) => rule switch
    {
        // pci_iommuv2_capable (iommu.c:326-344): pci_ats_supported (ATS and not untrusted), then PRI and PASID
        AmdIdentityRule.AtsPriPasid => d.Ats && !d.Untrusted && d.Pri && d.Pasid,
        // pdev_pasid_supported (6.12 iommu.c:507-510, pdev_get_caps iommu.c:523-525): the PASID capability alone decides
        _ => d.Pasid,
    };
}
