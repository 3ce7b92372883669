using ProbeSim.Kernel.Boot;

namespace ProbeSim.Kernel.X86;

/// <summary>The x86 command-line options that decide the IOMMU set-up, as the early parameter handlers leave them.</summary>
public sealed record X86IommuParams
{
    /// <summary>no_iommu (iommu=off).</summary>
    public bool NoIommu { get; init; }
    /// <summary>iommu=pt / iommu=nopt: the default domain type set from the command line (null: not given).</summary>
    public bool? Passthrough { get; init; }
    /// <summary>intel_iommu=on/off (null: the build default).</summary>
    public bool? IntelOn { get; init; }
    /// <summary>intel_iommu=off also sets no_platform_optin.</summary>
    public bool IntelNoPlatformOptIn { get; init; }
    /// <summary>intel_iommu=igfx_off: dmar_map_gfx = 0.</summary>
    public bool IntelIgfxOff { get; init; }
    /// <summary>intel_iommu=on / intgpu_off: dmar_map_intgpu (Debian's patch); null: the build default.</summary>
    public bool? IntelMapIntgpu { get; init; }
    /// <summary>intel_iommu=strict (deprecated): iommu_set_dma_strict.</summary>
    public bool IntelStrict { get; init; }
    /// <summary>amd_iommu=off.</summary>
    public bool AmdOff { get; init; }

    public static X86IommuParams From(KernelCommandLine cmdline)
    {
        var p = new X86IommuParams();
        // iommu_setup (arch/x86/kernel/pci-dma.c:130-188): comma-separated options, each compared by prefix
        foreach (var value in cmdline.All("iommu"))
            foreach (var opt in value.Split(','))
            {
                if (opt.StartsWith("off", StringComparison.Ordinal)) p = p with { NoIommu = true };
                if (opt.StartsWith("pt", StringComparison.Ordinal)) p = p with { Passthrough = true };
                if (opt.StartsWith("nopt", StringComparison.Ordinal)) p = p with { Passthrough = false };
            }
        // intel_iommu_setup (drivers/iommu/intel/iommu.c:345-390): comma-separated, by prefix
        foreach (var value in cmdline.All("intel_iommu"))
            foreach (var opt in value.Split(','))
            {
                if (opt.StartsWith("on", StringComparison.Ordinal)) p = p with { IntelOn = true, IntelMapIntgpu = true };
                else if (opt.StartsWith("off", StringComparison.Ordinal)) p = p with { IntelOn = false, IntelNoPlatformOptIn = true };
                else if (opt.StartsWith("igfx_off", StringComparison.Ordinal)) p = p with { IntelIgfxOff = true };
                else if (opt.StartsWith("intgpu_off", StringComparison.Ordinal)) p = p with { IntelMapIntgpu = false };
                else if (opt.StartsWith("strict", StringComparison.Ordinal)) p = p with { IntelStrict = true };
            }
        // parse_amd_iommu_options (drivers/iommu/amd/init.c): "off" disables the driver
        foreach (var value in cmdline.All("amd_iommu"))
            foreach (var opt in value.Split(','))
                if (opt.StartsWith("off", StringComparison.Ordinal)) p = p with { AmdOff = true };
        return p;
    }
}
