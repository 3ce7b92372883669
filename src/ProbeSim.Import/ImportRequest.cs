using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import;

/// <summary>What to import: a kernel source tree, its .config, the arch, and optionally the binary package to check against.</summary>
public sealed record ImportRequest(string SourceRoot, string ConfigPath, string Arch)
{
    /// <summary>A .deb (read with <c>dpkg-deb -x</c> into a temp dir) or an unpacked tree holding lib/modules/&lt;ver&gt;/.</summary>
    public string? PackagePath { get; init; }
    /// <summary>Relative C files to scan (tests); null = every file the Kbuild files build.</summary>
    public IReadOnlyList<string>? OnlyFiles { get; init; }
    /// <summary>The probe-plan scanner: (sourceRoot, relativeFile, probeFunction, driverId) → plan; null = no plans.</summary>
    public Func<string, string, string, string, ProbePlan>? PlanScanner { get; init; }
    /// <summary>Early inits: (sourceRoot, relativeFile, initFunction) → (provides, leavesNodeToDriver); null = the table's defaults.</summary>
    public Func<string, string, string, (IReadOnlyList<EarlyProvides> Provides, bool LeavesNode)>? EarlyInitScanner { get; init; }
    /// <summary>The command line recorded in the manifest.</summary>
    public string Command { get; init; } = "";
    /// <summary>The tarball the source tree was unpacked from (recorded in the manifest with its SHA-256); null = SourceRoot was given.</summary>
    public string? SourceArchive { get; init; }
    /// <summary>A binary-derived driver-set directory (of-builtin-match-tables.tsv, early-of-tables.tsv) to check the import against; null = none.</summary>
    public string? ReferenceTables { get; init; }
}
