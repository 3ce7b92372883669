using System.Text;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Package;

/// <summary>One compatible the package (or the binary reference tables) lists, with what the import says about it.</summary>
public sealed record AgreementRow(string Compatible, string PackageStatus, string ImportStatus, bool Agrees, string Explanation);

/// <summary>
/// The import checked against what the kernel's binaries say was built: every <c>of:</c> alias of a .ko in the package
/// (module), every built-in driver's OF table entry and every early OF table entry of the reference tables.
/// </summary>
public sealed class AgreementReport
{
    public required IReadOnlyList<AgreementRow> Rows { get; init; }

    public int Agree => Rows.Count(r => r.Agrees);
    public int Disagree => Rows.Count(r => !r.Agrees);

    /// <summary>agree/total per package kind (module, builtin, early).</summary>
    public IEnumerable<(string Kind, int Agree, int Total)> ByKind() => Rows
        .GroupBy(r => r.PackageStatus.Split(':')[0])
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => (g.Key, g.Count(r => r.Agrees), g.Count()));

    public string Summary() =>
        $"agreement: {Agree} agree, {Disagree} disagree ({string.Join(", ", ByKind().Select(k => $"{k.Kind} {k.Agree}/{k.Total}"))})";

    /// <param name="otherTables">Compatibles of OF tables the scanner read but did not import (a driver of another bus points at them), with why: used to explain disagreements.</param>
    public static AgreementReport Compute(ImportedKernel kernel, KernelPackage? package, string? referenceDir, IReadOnlyDictionary<string, string>? otherTables = null)
    {
        otherTables ??= new Dictionary<string, string>();
        var drivers = kernel.Drivers.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var byCompat = new Dictionary<string, List<ImportedDriver>>(StringComparer.Ordinal);
        foreach (var m in kernel.Matches)
            if (m.Kind == MatchKind.Of && drivers.TryGetValue(m.DriverId, out var d))
            {
                if (!byCompat.TryGetValue(m.Value, out var l)) byCompat[m.Value] = l = new();
                if (!l.Contains(d)) l.Add(d);
            }
        var early = kernel.EarlyInits.ToLookup(e => e.Compatible, StringComparer.Ordinal);
        var rows = new List<AgreementRow>();
        var seen = new HashSet<(string, string)>();

        if (package is not null)
            foreach (var a in package.Aliases)
                if (KernelPackage.ParseOfAlias(a.Alias) is { } of && of.Compatible.Length > 0 && seen.Add((of.Compatible, "module:" + a.Module)))
                {
                    var found = byCompat.GetValueOrDefault(of.Compatible) ?? [];
                    bool ok = found.Any(d => d.Status == BuildStatus.Module && d.Module is { } m && KernelPackage.Modname(m) == a.Module);
                    rows.Add(Row(of.Compatible, "module:" + a.Module, found, early[of.Compatible], ok, otherTables));
                }
        if (referenceDir is not null)
        {
            var builtin = Path.Combine(referenceDir, "of-builtin-match-tables.tsv");
            if (File.Exists(builtin))
                foreach (var f in DataRows(builtin))
                    if (f.Length >= 3 && f[2] != "none" && seen.Add((f[0], "builtin")))
                    {
                        var found = byCompat.GetValueOrDefault(f[0]) ?? [];
                        rows.Add(Row(f[0], "builtin", found, early[f[0]], found.Any(d => d.Status == BuildStatus.BuiltIn), otherTables));
                    }
            var earlyFile = Path.Combine(referenceDir, "early-of-tables.tsv");
            if (File.Exists(earlyFile))
                foreach (var f in DataRows(earlyFile))
                    if (f.Length >= 2 && f[1].Length > 0 && seen.Add((f[1], "early:" + f[0])))
                    {
                        var table = f[0];
                        bool ok = early[f[1]].Any(e => TableName(e.Table) == table && e.Status == BuildStatus.BuiltIn);
                        rows.Add(Row(f[1], "early:" + table, byCompat.GetValueOrDefault(f[1]) ?? [], early[f[1]], ok, otherTables));
                    }
        }
        rows.Sort((a, b) => string.CompareOrdinal(a.Compatible + "\t" + a.PackageStatus, b.Compatible + "\t" + b.PackageStatus));
        return new AgreementReport { Rows = rows };
    }

    private static AgreementRow Row(string compatible, string packageStatus, List<ImportedDriver> found, IEnumerable<ImportedEarlyInit> early, bool ok, IReadOnlyDictionary<string, string> otherTables)
    {
        if (!ok && otherTables.TryGetValue(compatible, out var why))
            return new AgreementRow(compatible, packageStatus, found.Count == 0 ? "not-imported" : string.Join(",", found.Select(Describe).Distinct().Order(StringComparer.Ordinal)), false, why);
        var parts = found.Select(Describe).Concat(early.Select(e => $"early:{TableName(e.Table)}:{Status(e.Status)}")).Distinct().Order(StringComparer.Ordinal).ToList();
        var import = parts.Count == 0 ? "absent" : string.Join(",", parts);
        return new AgreementRow(compatible, packageStatus, import, ok, ok ? "-" : Explain(packageStatus, found, early.ToList()));
    }

    private static string Describe(ImportedDriver d) => d.Status switch
    {
        BuildStatus.Module => "module:" + (d.Module is { } m ? KernelPackage.Modname(m) : "?"),
        _ => Status(d.Status),
    };

    private static string Status(BuildStatus s) => s switch
    {
        BuildStatus.BuiltIn => "builtin", BuildStatus.Module => "module", BuildStatus.NotBuilt => "not-built", _ => "unknown",
    };

    private static string Explain(string packageStatus, List<ImportedDriver> found, List<ImportedEarlyInit> early)
    {
        if (found.Count == 0 && early.Count == 0)
            return "no scanned match table or early declare has this compatible (a file the Kbuild reading does not build, or a table the scanner cannot read)";
        if (packageStatus.StartsWith("early:", StringComparison.Ordinal))
            return early.Count == 0 ? "the import has no early declare for it (only a driver match)" : $"the import's early declare is in {early[0].Source.File}, status {Status(early[0].Status)}";
        var d = found[0];
        return d.Status switch
        {
            BuildStatus.NotBuilt => $"the import does not build {d.Source.File}",
            BuildStatus.Unknown => $"the build status of {d.Source.File} is unknown",
            BuildStatus.Module when packageStatus.StartsWith("module:", StringComparison.Ordinal) => $"the import names module {d.Module} for {d.Source.File}",
            BuildStatus.Module => $"the import builds {d.Source.File} as module {d.Module}",
            _ => $"the import builds {d.Source.File} in",
        };
    }

    public static string TableName(Kernel.Drivers.EarlyTable t) => t switch
    {
        Kernel.Drivers.EarlyTable.Clk or Kernel.Drivers.EarlyTable.ClkDriver => "__clk_of_table",
        Kernel.Drivers.EarlyTable.Irqchip => "__irqchip_of_table",
        Kernel.Drivers.EarlyTable.Timer => "__timer_of_table",
        Kernel.Drivers.EarlyTable.ReservedMem => "__reservedmem_of_table",
        Kernel.Drivers.EarlyTable.Earlycon => "__earlycon_table",
        _ => "__iommu_of_table",
    };

    private static IEnumerable<string[]> DataRows(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('\t'));

    /// <summary>agreement.tsv: a header comment, then compatible, package_status, import_status, agrees, explanation (sorted).</summary>
    public string ToTsv()
    {
        var sb = new StringBuilder();
        sb.Append("# agreement.tsv: the import against the kernel's binaries; ").Append(Summary()).Append("; columns: compatible\tpackage_status\timport_status\tagrees\texplanation\n");
        foreach (var r in Rows)
            sb.Append(r.Compatible).Append('\t').Append(r.PackageStatus).Append('\t').Append(r.ImportStatus).Append('\t')
              .Append(r.Agrees ? "yes" : "no").Append('\t').Append(r.Explanation).Append('\n');
        return sb.ToString();
    }
}
