namespace ProbeSim.Kernel.Iommu.Amd;

/// <summary>The comma-separated option lists of <c>amd_iommu=</c>, <c>iommu=</c> and <c>intremap=</c>.</summary>
internal static class AmdIommuOptionParser
{
    /// <summary>parse_amd_iommu_options (drivers/iommu/amd/init.c:3482-3513): each option is compared as a prefix, first match wins.</summary>
    public static AmdIommuCmdline AmdIommu(AmdIommuCmdline c, string options)
    {
        var unknown = c.UnknownOptions.ToList();
        foreach (var option in Split(options))
        {
            if (option.StartsWith("fullflush", StringComparison.Ordinal)) c = c with { FullFlush = true };
            else if (option.StartsWith("force_enable", StringComparison.Ordinal)) c = c with { ForceEnable = true };
            else if (option.StartsWith("off", StringComparison.Ordinal)) c = c with { Off = true };
            else if (option.StartsWith("force_isolation", StringComparison.Ordinal)) c = c with { ForceIsolation = true };
            // parse_amd_iommu_options (init.c:3497-3502): page-table and IRT-cache options; no effect on what is modelled
            else if (option.StartsWith("pgtbl_v1", StringComparison.Ordinal) || option.StartsWith("pgtbl_v2", StringComparison.Ordinal)
                || option.StartsWith("irtcachedis", StringComparison.Ordinal)) { }
            // parse_amd_iommu_options (init.c:3503-3504): "Unknown option", nothing set
            else unknown.Add(option);
        }
        return c with { UnknownOptions = unknown };
    }

    /// <summary>iommu_setup (arch/x86/kernel/pci-dma.c:130-187): every test runs on every option; "usedac" ends the list.</summary>
    public static AmdIommuCmdline X86Iommu(AmdIommuCmdline c, string options)
    {
        foreach (var option in Split(options))
        {
            // iommu_setup (pci-dma.c:138-139): "off" sets no_iommu
            if (option.StartsWith("off", StringComparison.Ordinal)) c = c with { NoIommu = true };
            // iommu_setup (pci-dma.c:167-170): "usedac" returns at once, the options after it are not read
            if (option.StartsWith("usedac", StringComparison.Ordinal)) break;
            // iommu_setup (pci-dma.c:173-174): "soft" enables SWIOTLB
            if (option.StartsWith("soft", StringComparison.Ordinal)) c = c with { Swiotlb = true };
            // iommu_setup (pci-dma.c:176-179): "pt" sets passthrough as the default domain type, "nopt" translated
            if (option.StartsWith("pt", StringComparison.Ordinal)) c = c with { DefaultPassthrough = true };
            if (option.StartsWith("nopt", StringComparison.Ordinal)) c = c with { DefaultPassthrough = false };
        }
        return c;
    }

    /// <summary>setup_irqremap (drivers/iommu/irq_remapping.c:55-81): "on" clears disable_irq_remap, "off" sets it.</summary>
    public static AmdIommuCmdline IntRemap(AmdIommuCmdline c, string options)
    {
        foreach (var option in Split(options))
        {
            if (option.StartsWith("on", StringComparison.Ordinal)) c = c with { IrqRemapDisabled = false };
            else if (option.StartsWith("off", StringComparison.Ordinal)) c = c with { IrqRemapDisabled = true };
        }
        return c;
    }

    // parse_amd_iommu_options, iommu_setup: the next option starts after the next comma (strcspn)
    private static IEnumerable<string> Split(string options) =>
        options.Split(',').Where(o => o.Length > 0);
}
