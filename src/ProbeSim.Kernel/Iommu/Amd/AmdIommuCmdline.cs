using ProbeSim.Kernel.Boot;

namespace ProbeSim.Kernel.Iommu.Amd;

/// <summary>
/// What the kernel command line tells amd-iommu and the x86 DMA setup around it. <see cref="Parse"/> reads every
/// occurrence in order, as the kernel calls the handlers once per occurrence and they only ever set flags.
/// </summary>
public sealed record AmdIommuCmdline
{
    /// <summary><c>amd_iommu=off</c>: <c>amd_iommu_disabled</c>.</summary>
    public bool Off { get; init; }
    /// <summary><c>amd_iommu=force_isolation</c>: IOMMUv2-capable devices are not identity-mapped (unless passthrough is the default).</summary>
    public bool ForceIsolation { get; init; }
    /// <summary><c>amd_iommu=force_enable</c>: skip the Stoney Ridge graphics check of <c>detect_ivrs</c>.</summary>
    public bool ForceEnable { get; init; }
    /// <summary><c>amd_iommu=fullflush</c>: deprecated, calls <c>iommu_set_dma_strict</c>.</summary>
    public bool FullFlush { get; init; }
    /// <summary>Options of <c>amd_iommu=</c> the kernel does not know ("Unknown option"), as written.</summary>
    public IReadOnlyList<string> UnknownOptions { get; init; } = Array.Empty<string>();

    /// <summary><c>iommu=off</c> (arch/x86 <c>iommu_setup</c>): <c>no_iommu</c>, so <c>amd_iommu_detect</c> does nothing.</summary>
    public bool NoIommu { get; init; }
    /// <summary><c>iommu=pt</c> (true) or <c>iommu=nopt</c> (false), the last one written; null when neither is.</summary>
    public bool? DefaultPassthrough { get; init; }
    /// <summary><c>iommu=soft</c>: SWIOTLB is enabled; amd-iommu does not look at it.</summary>
    public bool Swiotlb { get; init; }

    /// <summary><c>intremap=off</c> or <c>nointremap</c> (a later <c>intremap=on</c> undoes it): <c>disable_irq_remap</c>.</summary>
    public bool IrqRemapDisabled { get; init; }

    /// <summary><c>ivrs_ioapic</c> overrides accepted into the early map, in command-line order (at most 4).</summary>
    public IReadOnlyList<AmdSpecialOverride> IoApicOverrides { get; init; } = Array.Empty<AmdSpecialOverride>();
    /// <summary><c>ivrs_hpet</c> overrides accepted into the early map, in command-line order (at most 4).</summary>
    public IReadOnlyList<AmdSpecialOverride> HpetOverrides { get; init; } = Array.Empty<AmdSpecialOverride>();
    /// <summary><c>ivrs_acpihid</c> overrides accepted into the early map, in command-line order (at most 4).</summary>
    public IReadOnlyList<AmdAcpiHidOverride> AcpiHidOverrides { get; init; } = Array.Empty<AmdAcpiHidOverride>();
    /// <summary><c>ivrs_*</c> parameters the kernel rejects or ignores (bad format, map full), as written.</summary>
    public IReadOnlyList<AmdRejectedOverride> RejectedOverrides { get; init; } = Array.Empty<AmdRejectedOverride>();

    /// <summary>No parameter given: every default.</summary>
    public static AmdIommuCmdline None { get; } = new();

    public static AmdIommuCmdline Parse(string cmdline) => Parse(new KernelCommandLine(cmdline));

    public static AmdIommuCmdline Parse(KernelCommandLine cmdline)
    {
        var c = new AmdIommuCmdline();
        var overrides = new IvrsOverrideParser();
        foreach (var (name, value) in cmdline.Parameters)
        {
            // do_early_param (init/main.c:710-722): early parameters match by whole name, dashes equal to underscores
            if (SameName(name, "iommu") && value is not null) c = AmdIommuOptionParser.X86Iommu(c, value);
            else if (SameName(name, "intremap") && value is not null) c = AmdIommuOptionParser.IntRemap(c, value);
            else if (SameName(name, "nointremap")) c = c with { IrqRemapDisabled = true };

            // obsolete_checksetup (init/main.c:200-225): a __setup string matches as a prefix of "name=value"
            var line = value is null ? name : name + "=" + value;
            if (Prefixed(line, "amd_iommu=", out var options)) c = AmdIommuOptionParser.AmdIommu(c, options);
            else if (Prefixed(line, "ivrs_ioapic", out var rest)) overrides.IoApic(rest, line);
            else if (Prefixed(line, "ivrs_hpet", out rest)) overrides.Hpet(rest, line);
            else if (Prefixed(line, "ivrs_acpihid", out rest)) overrides.AcpiHid(rest, line);
        }
        return c with
        {
            IoApicOverrides = overrides.IoApics,
            HpetOverrides = overrides.Hpets,
            AcpiHidOverrides = overrides.AcpiHids,
            RejectedOverrides = overrides.Rejected,
        };
    }

    // parameqn (kernel/params.c:86-95): the first n characters, '-' and '_' alike
    private static bool Prefixed(string line, string setup, out string rest)
    {
        rest = "";
        if (line.Length < setup.Length) return false;
        for (int i = 0; i < setup.Length; i++)
            if (Dash(line[i]) != Dash(setup[i])) return false;
        rest = line[setup.Length..];
        return true;
    }

    private static bool SameName(string a, string b) => a.Length == b.Length && Prefixed(a, b, out _);

    private static char Dash(char c) => c == '-' ? '_' : c;
}
