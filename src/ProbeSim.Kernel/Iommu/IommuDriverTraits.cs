using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Iommu;

/// <summary>The IOMMU driver families whose behaviour the model distinguishes.</summary>
public enum IommuKind { Generic, ArmSmmu, ArmSmmuV3, Ipmmu, Rockchip, Mediatek, Exynos, AppleDart, QcomIommu, VirtioIommu, IntelVtd, AmdVi }

/// <summary>Everything the IOMMU core and the arch code need to know about one IOMMU driver.</summary>
public sealed record IommuDriverTraits
{
    public IommuKind Kind { get; init; } = IommuKind.Generic;
    public bool Registers { get; init; } = true;
    public int? ContextBanks { get; init; }
    public IommuGroupPolicy Group { get; init; } = IommuGroupPolicy.PerDevice;
    public bool OfXlate { get; init; } = true;
    /// <summary>A scenario's say on the driver's IOMMU_OF_DECLARE entry; null: the profile's iommu_of_declare table and the driver set's __iommu_of_table decide.</summary>
    public bool? OfDeclare { get; init; }
    public bool Identity { get; init; } = true;
    public IReadOnlyList<string> IdentityClients { get; init; } = Array.Empty<string>();
    public bool SharedArmMapping { get; init; }
    /// <summary>pgsize_bitmap of the io-pgtable format (ARM LPAE 4K granule: 4K | 2M | 1G).</summary>
    public ulong PgsizeBitmap { get; init; } = 0x40201000UL;
    /// <summary>Input address size of the stage-1 tables.</summary>
    public int Ias { get; init; } = 48;
    /// <summary>A master whose stream has no entry is stopped (with the profile's disable_bypass) rather than passed through.</summary>
    public bool StreamFaultsWhenUnmatched { get; init; } = true;
    /// <summary>StreamID width of the hardware (SMMUv3 SMMU_IDR1.SIDSIZE, SMMU SMMU_IDR0.NUMSIDB); null = the profile's, else unlimited.</summary>
    public int? StreamIdBits { get; init; }
}

/// <summary>Known IOMMU drivers by compatible, and the merge with a scenario's <see cref="IommuDriverSpec"/>.</summary>
public static class IommuDriverCatalog
{
    // arm-smmu.c arm_smmu_of_match / qcom smmu-500 variants; arm-smmu-v3.c; ipmmu-vmsa.c; rockchip-iommu.c; mtk_iommu.c; exynos-iommu.c; apple-dart.c; qcom_iommu.c
    public static IommuKind KindOf(IEnumerable<string> compatibles)
    {
        foreach (var c in compatibles)
        {
            if (c == "arm,smmu-v3") return IommuKind.ArmSmmuV3;
            if (c is "arm,smmu-v1" or "arm,smmu-v2" or "arm,mmu-400" or "arm,mmu-401" or "arm,mmu-500" or "cavium,smmu-v2" or "nvidia,smmu-500"
                || (c.StartsWith("qcom,", StringComparison.Ordinal) && (c.EndsWith("smmu-500", StringComparison.Ordinal) || c.EndsWith("smmu-v2", StringComparison.Ordinal))))
                return IommuKind.ArmSmmu;
            if (c.StartsWith("renesas,ipmmu", StringComparison.Ordinal)) return IommuKind.Ipmmu;
            if (c.StartsWith("rockchip,", StringComparison.Ordinal) && c.EndsWith("iommu", StringComparison.Ordinal)) return IommuKind.Rockchip;
            if (c.StartsWith("mediatek,", StringComparison.Ordinal) && c.EndsWith("-m4u", StringComparison.Ordinal)) return IommuKind.Mediatek;
            if (c == "samsung,exynos-sysmmu") return IommuKind.Exynos;
            if (c.StartsWith("apple,", StringComparison.Ordinal) && c.Contains("dart", StringComparison.Ordinal)) return IommuKind.AppleDart;
            if (c.StartsWith("qcom,msm-iommu", StringComparison.Ordinal)) return IommuKind.QcomIommu;
        }
        return IommuKind.Generic;
    }

    public static IommuDriverTraits Defaults(IommuKind kind) => kind switch
    {
        // arm-smmu v1/v2: stream-map sharing, context banks (128 is the architectural maximum; real parts report fewer)
        IommuKind.ArmSmmu => new IommuDriverTraits { Kind = kind, Group = IommuGroupPolicy.StreamId, ContextBanks = 128 },
        // arm-smmu-v3: one STE per stream, generic groups for platform masters, ASIDs plentiful
        IommuKind.ArmSmmuV3 => new IommuDriverTraits { Kind = kind, Group = IommuGroupPolicy.PerDevice },
        // ipmmu-vmsa: one group per IPMMU, IPMMU_CTX_MAX contexts; on arm32 a mapping shared by all masters
        IommuKind.Ipmmu => new IommuDriverTraits { Kind = kind, Group = IommuGroupPolicy.PerInstance, ContextBanks = 8, SharedArmMapping = true, Identity = false },
        IommuKind.Rockchip => new IommuDriverTraits { Kind = kind, Group = IommuGroupPolicy.PerInstance, Identity = false, StreamFaultsWhenUnmatched = false },
        IommuKind.Mediatek => new IommuDriverTraits { Kind = kind, Group = IommuGroupPolicy.PerInstance, Identity = false },
        // intel-iommu, amd-iommu: pci_device_group for PCI functions, identity domains, x86 4K/2M/1G pages
        IommuKind.IntelVtd or IommuKind.AmdVi => new IommuDriverTraits { Kind = kind, StreamFaultsWhenUnmatched = false },
        _ => new IommuDriverTraits { Kind = kind, Identity = false, StreamFaultsWhenUnmatched = false },
    };

    public static IommuDriverTraits For(IEnumerable<string> compatibles, IommuDriverSpec? spec)
    {
        var t = Defaults(KindOf(compatibles));
        if (spec is null) return t;
        return t with
        {
            Registers = spec.Registers ?? t.Registers,
            ContextBanks = spec.ContextBanks ?? t.ContextBanks,
            Group = spec.Group ?? t.Group,
            OfXlate = spec.OfXlate ?? t.OfXlate,
            OfDeclare = spec.OfDeclare ?? t.OfDeclare,
            Identity = spec.Identity ?? t.Identity,
            IdentityClients = spec.IdentityClients ?? t.IdentityClients,
            SharedArmMapping = spec.SharedArmMapping ?? t.SharedArmMapping,
            StreamIdBits = spec.StreamIdBits ?? t.StreamIdBits,
        };
    }
}
