using ProbeSim.Acpi.Ivrs;

namespace ProbeSim.Kernel.Iommu.Amd;

/// <summary>Bits of the IOMMU Extended Feature Register (EFR) that the modelled decisions read.</summary>
public static class AmdIommuFeatures
{
    /// <summary><c>FEATURE_PPR</c> (amd_iommu_types.h:88): peripheral page requests.</summary>
    public const ulong Ppr = 1UL << 1;
    /// <summary><c>FEATURE_GT</c> (amd_iommu_types.h:91): guest translation.</summary>
    public const ulong Gt = 1UL << 4;
    /// <summary><c>IOMMU_EFR_GASUP_SHIFT</c> (amd_iommu_types.h:430): guest virtual APIC support, in the IVHD's EFR image.</summary>
    public const ulong GaSup = 1UL << 7;

    /// <summary>
    /// init_iommu_one (drivers/iommu/amd/init.c:1823-1832) and early_iommu_features_init (init.c:318-321): a type 11h
    /// or 40h IVHD's EFR image becomes the IOMMU's features when IVinfo has EFRSup and the image has GASup (and the CPU
    /// has CMPXCHG16B, assumed); otherwise the kernel reads the register at PCI init and null is returned.
    /// </summary>
    public static (ulong? Efr, ulong? Efr2) FromIvhd(IvhdBlock h, IvInfo ivinfo)
    {
        if (h.Type is not (0x11 or 0x40) || h.Efr is not { } efr) return (null, null);
        if ((efr & GaSup) == 0 || !ivinfo.EfrSupported) return (null, null);
        return (efr, h.Efr2);
    }

    /// <summary>iommu_init_pci (drivers/iommu/amd/init.c:2101-2105): an IOMMU with GT and PPR is an IOMMUv2 (<c>is_iommu_v2</c>).</summary>
    public static bool IsIommuV2(ulong efr) => (efr & Gt) != 0 && (efr & Ppr) != 0;
}
