namespace ProbeSim.Kernel.X86;

/// <summary>
/// The build options of an x86 kernel that decide its IOMMU set-up, read from its <c>.config</c> (for Debian 12:
/// <c>../shared/kernels/debian-bookworm-amd64/config.txt</c>).
/// </summary>
public sealed record X86KernelConfig
{
    /// <summary>CONFIG_INTEL_IOMMU: the VT-d driver is built.</summary>
    public bool IntelIommu { get; init; } = true;
    /// <summary>CONFIG_AMD_IOMMU: the AMD-Vi driver is built.</summary>
    public bool AmdIommu { get; init; } = true;
    /// <summary>CONFIG_INTEL_IOMMU_DEFAULT_OFF: dmar_disabled starts at 1 (intel/iommu.c dmar_disabled).</summary>
    public bool IntelDefaultOff { get; init; }
    /// <summary>CONFIG_INTEL_IOMMU_DEFAULT_ON (Debian's choice): integrated GPUs are translated too (dmar_map_intgpu = 1).</summary>
    public bool IntelDefaultOn { get; init; }
    /// <summary>CONFIG_INTEL_IOMMU_FLOPPY_WA: an ISA bridge gets a relaxable direct map of the low 16 MiB.</summary>
    public bool IntelFloppyWorkaround { get; init; } = true;
    /// <summary>CONFIG_IOMMU_DEFAULT_DMA_LAZY: DMA domains start in lazy (flush queue) mode.</summary>
    public bool DmaLazy { get; init; }
    /// <summary>CONFIG_IOMMU_DEFAULT_PASSTHROUGH.</summary>
    public bool Passthrough { get; init; }
    /// <summary>The file it was read from, or null for the built-in default.</summary>
    public string? Source { get; init; }

    /// <summary>Reads <c>CONFIG_*=y</c> lines of a kernel .config; a missing symbol is "not set".</summary>
    public static X86KernelConfig Load(string path)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('#')) continue;
            int eq = line.IndexOf('=');
            if (eq > 0 && line[(eq + 1)..] == "y") set.Add(line[..eq]);
        }
        return new X86KernelConfig
        {
            IntelIommu = set.Contains("CONFIG_INTEL_IOMMU"),
            AmdIommu = set.Contains("CONFIG_AMD_IOMMU"),
            IntelDefaultOff = set.Contains("CONFIG_INTEL_IOMMU_DEFAULT_OFF"),
            IntelDefaultOn = set.Contains("CONFIG_INTEL_IOMMU_DEFAULT_ON"),
            IntelFloppyWorkaround = set.Contains("CONFIG_INTEL_IOMMU_FLOPPY_WA"),
            DmaLazy = set.Contains("CONFIG_IOMMU_DEFAULT_DMA_LAZY"),
            Passthrough = set.Contains("CONFIG_IOMMU_DEFAULT_PASSTHROUGH"),
            Source = path,
        };
    }
}
