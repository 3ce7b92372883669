using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ProbeSim.Import.Kbuild;
using ProbeSim.Import.Package;
using ProbeSim.Import.Scan;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import;

/// <summary>
/// <c>probesim kernel import</c>: reads the Kbuild files with the .config (what is built, in or as which module), scans
/// every built C file for drivers, match tables, registrations and early declares, and when given, checks the result
/// against the binary package.
/// </summary>
public static class KernelImporter
{
    /// <summary>The driver-set format version written (docs/kernel/driver-set-format.md).</summary>
    public const int FormatVersion = DriverSetFiles.FormatVersion;

    public static ImportedKernel Import(ImportRequest request, IProgress<string>? progress = null) => ImportWithReport(request, progress).Kernel;

    public static ImportOutcome ImportWithReport(ImportRequest request, IProgress<string>? progress = null, string generator = "probesim")
    {
        var root = request.SourceRoot;
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"{root}: no such directory");
        if (!File.Exists(Path.Combine(root, "Makefile"))) throw new FileNotFoundException($"{root}: not a kernel source tree (no Makefile)");
        var config = KernelConfig.Parse(File.ReadAllText(request.ConfigPath));
        if (config.Count == 0) throw new InvalidDataException($"{request.ConfigPath}: no CONFIG_ lines: not a kernel .config");

        progress?.Report("reading Kbuild files");
        var kbuild = KbuildEvaluator.Evaluate(root, config, request.Arch);
        progress?.Report($"Kbuild: {kbuild.Count} C files built");
        var numbers = PciIds(root);

        KernelPackage? package = null;
        if (request.PackagePath is { } pkg) package = KernelPackage.Read(pkg, progress);

        var files = request.OnlyFiles ?? kbuild.Objects.Select(o => o.File).ToList();
        var scans = new List<FileScan>();
        int done = 0;
        foreach (var file in files)
        {
            var path = Path.Combine(root, file);
            if (!File.Exists(path)) throw new FileNotFoundException($"{file}: no such file in {root}");
            var modname = kbuild.Find(file)?.Module ?? Path.GetFileNameWithoutExtension(file);
            var c = CFile.Parse(file, DriverMacros.Expand(root, file, File.ReadAllText(path)));
            // the driver's own headers (#include "x.h" beside it) hold the ids its tables use (e1000_hw.h's E1000_DEV_ID_*)
            foreach (var inc in c.LocalIncludes)
            {
                var header = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, inc));
                if (header.StartsWith(Path.GetFullPath(root), StringComparison.Ordinal) && File.Exists(header)) c.AddHeaderDefines(File.ReadAllText(header));
            }
            var scan = DriverScanner.Scan(c, modname, numbers);
            AddHeaderTables(scan, c, root, path, modname, numbers);
            scans.Add(scan);
            if (++done % 2000 == 0) progress?.Report($"scanned {done}/{files.Count} files");
        }
        progress?.Report($"scanned {files.Count} files");

        var kernel = Combine(request, kbuild, scans, package, Manifest(request, root, package, generator), progress);
        var otherTables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in scans)
            foreach (var (table, (type, symbol)) in s.OtherBusTables)
                foreach (var e in s.Tables[table].Entries)
                    if (e.Kind == MatchKind.Of) otherTables.TryAdd(e.Value, $"{s.File}: {symbol} is a struct {type}, a bus the import does not record");
        foreach (var s in scans)
            foreach (var table in s.AliasOnlyTables)
                foreach (var e in s.Tables[table].Entries)
                    if (e.Kind == MatchKind.Of) otherTables.TryAdd(e.Value, $"{s.File}: {table} only gives module aliases (MODULE_DEVICE_TABLE); no driver struct points at it, so the driver matches by its id table");
        AgreementReport? agreement = package is null && request.ReferenceTables is null ? null : AgreementReport.Compute(kernel, package, request.ReferenceTables, otherTables);
        return new ImportOutcome(kernel, agreement);
    }

    /// <summary>
    /// A match table a driver struct names that its file does not define, read from a header beside the file that it
    /// includes with quotes (v6.12's onboard_usb_dev.c takes onboard_dev_match from onboard_usb_dev.h).
    /// </summary>
    private static void AddHeaderTables(FileScan scan, CFile c, string root, string path, string? modname, IReadOnlyDictionary<string, long> numbers)
    {
        var missing = scan.Drivers.SelectMany(d => new[] { d.OfTable, d.IdTable, d.AcpiTable }).OfType<string>()
            .Where(t => !scan.Tables.ContainsKey(t)).ToHashSet(StringComparer.Ordinal);
        if (missing.Count == 0) return;
        var fullRoot = Path.GetFullPath(root);
        foreach (var inc in c.LocalIncludes)
        {
            var header = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, inc));
            if (!header.StartsWith(fullRoot, StringComparison.Ordinal) || !File.Exists(header)) continue;
            var rel = Path.GetRelativePath(fullRoot, header).Replace('\\', '/');
            var headerScan = DriverScanner.Scan(CFile.Parse(rel, File.ReadAllText(header)), modname, numbers);
            foreach (var (symbol, table) in headerScan.Tables)
                if (missing.Remove(symbol)) scan.Tables[symbol] = table with { File = rel };
            if (missing.Count == 0) return;
        }
    }

    private static ImportedKernel Combine(ImportRequest request, KbuildResult kbuild, List<FileScan> scans, KernelPackage? package, ImportManifest manifest, IProgress<string>? progress)
    {
        var root = request.SourceRoot;
        var unknowns = new List<ImportedUnknown>(kbuild.Unknowns);
        var bySymbol = new Dictionary<string, List<(FileScan Scan, ScannedDriver Driver)>>(StringComparer.Ordinal);
        foreach (var s in scans)
        {
            unknowns.AddRange(s.Unknowns);
            foreach (var d in s.Drivers)
            {
                if (!bySymbol.TryGetValue(d.Symbol, out var l)) bySymbol[d.Symbol] = l = new();
                l.Add((s, d));
            }
        }
        BuildStatus StatusOf(string file) => kbuild.Find(file)?.Status ?? BuildStatus.NotBuilt;
        string? ModuleOf(string file) => kbuild.Find(file)?.Module;

        // registrations: the driver symbol resolves in the registering file first, else to a global driver of the same module, else any global one
        var registered = new Dictionary<(string File, string Symbol), (FileScan Scan, ScannedRegistration Reg)>();
        foreach (var s in scans)
            foreach (var r in s.Registrations)
                foreach (var sym in r.Drivers)
                {
                    if (!bySymbol.TryGetValue(sym, out var candidates)) continue;
                    var target = candidates.FirstOrDefault(c => c.Scan.File == s.File);
                    if (target.Driver is null)
                    {
                        var global = candidates.Where(c => !c.Driver.IsStatic).ToList();
                        target = global.FirstOrDefault(c => ModuleOf(c.Scan.File) == ModuleOf(s.File));
                        if (target.Driver is null && global.Count == 1) target = global[0];
                    }
                    if (target.Driver is null) continue;
                    registered.TryAdd((target.Scan.File, sym), (s, r));
                }

        // an initcall that registers several drivers registers its own last (pl011_init: arm_sbsa_uart_platform_driver,
        // then pl011_driver; qcom_iommu_init: qcom_iommu_ctx_driver, then qcom_iommu_driver): the earlier ones are registered by it
        static bool RegistersAnother(FileScan scan, ScannedRegistration reg, string symbol)
        {
            if (reg.Drivers.Count != 1) return false; // platform_register_drivers(array): all alike
            var order = scan.Registrations.Where(r => r.Function == reg.Function && r.Drivers.Count == 1).Select(r => r.Drivers[0]).ToList();
            return order.Count > 1 && order[^1] != symbol;
        }

        // a table defined in another file of the same module (dwc2_of_match_table in dwc2's params.c)
        var tablesBySymbol = scans.SelectMany(sc => sc.Tables.Values.Select(t => (sc.File, Table: t))).ToLookup(x => x.Table.Symbol, StringComparer.Ordinal);
        (string File, IReadOnlyList<ScannedEntry> Entries)? TableElsewhere(string table, string file)
        {
            var same = tablesBySymbol[table].Where(x => x.File != file && ModuleOf(x.File) == ModuleOf(file)).ToList();
            return same.Count == 1 ? (same[0].File, same[0].Table.Entries) : null;
        }
        var drivers = new List<ImportedDriver>();
        var matches = new List<ImportedMatch>();
        var plans = new List<ProbePlan>();
        foreach (var s in scans)
        {
            var seenSymbols = new HashSet<string>(StringComparer.Ordinal);
            foreach (var d in s.Drivers)
            {
                if (!seenSymbols.Add(d.Symbol)) continue;
                var id = $"{s.File}:{d.Symbol}";
                var status = StatusOf(s.File);
                var module = ModuleOf(s.File);
                InitcallLevel? level = null;
                string? registeredBy = null, probe = d.Probe;
                bool preventDeferred = d.PreventDeferredProbe;
                if (registered.TryGetValue((s.File, d.Symbol), out var reg))
                {
                    if (reg.Scan.File != s.File)
                    {
                        status = StatusOf(reg.Scan.File);
                        module = ModuleOf(reg.Scan.File);
                    }
                    if (reg.Scan.File != s.File || (reg.Reg.Function is not null && (!reg.Reg.FunctionIsInitcall || RegistersAnother(reg.Scan, reg.Reg, d.Symbol))))
                        registeredBy = $"{reg.Scan.File}:{reg.Reg.Function}";
                    level = reg.Reg.Level;
                    if (level is null && reg.Reg.Function is { } fn)
                    {
                        // a global function another file's initcall calls (the same module first)
                        var caller = scans.Where(o => o.ExternalCalls.ContainsKey(fn)).OrderBy(o => ModuleOf(o.File) == ModuleOf(reg.Scan.File) ? 0 : 1).FirstOrDefault();
                        if (caller is not null)
                        {
                            level = caller.ExternalCalls[fn];
                            registeredBy = $"{reg.Scan.File}:{fn}";
                        }
                    }
                    if (level is null)
                        unknowns.Add(new ImportedUnknown(id, "initcall", $"registered by {reg.Reg.Function}, which no initcall of {reg.Scan.File} calls", new SourceLine(reg.Scan.File, reg.Reg.Line)) { Cause = UnknownCause.InitcallUnreached });
                    probe = reg.Reg.Probe ?? probe;
                    // __platform_driver_probe (drivers/base/platform.c:928): a driver registered with its probe never defers
                    if (reg.Reg.Probe is not null) preventDeferred = true;
                }
                else unknowns.Add(new ImportedUnknown(id, "registration", "no registration of the driver found in the scanned files", new SourceLine(s.File, d.Line)) { Cause = UnknownCause.NoRegistration });
                if (status == BuildStatus.Module && level is not null) level = InitcallLevel.Device; // module_init runs every initcall of a module at load
                if (status == BuildStatus.BuiltIn && (package is null || module is null || !package.BuiltinModules.Contains(KernelPackage.Modname(module)))) module = null;
                if (status == BuildStatus.NotBuilt) module = null;
                if (d.Name is null && d.NameExpression is null)
                    unknowns.Add(new ImportedUnknown(id, "name", "the driver struct sets no name", new SourceLine(s.File, d.Line)) { Cause = UnknownCause.NoName });
                drivers.Add(new ImportedDriver
                {
                    Id = id,
                    Name = d.Name ?? d.NameExpression ?? d.Symbol,
                    Bus = d.Bus,
                    Status = status,
                    Module = module,
                    Initcall = level,
                    RegisteredBy = registeredBy,
                    AsyncProbe = d.AsyncProbe,
                    DriverManagedDma = d.DriverManagedDma,
                    PreventDeferredProbe = preventDeferred,
                    ProbeFunction = probe,
                    Source = new SourceLine(s.File, d.Line),
                });
                int order = 0;
                foreach (var table in new[] { d.OfTable, d.IdTable, d.AcpiTable })
                {
                    if (table is null) continue;
                    if (!s.Tables.TryGetValue(table, out var t) && TableElsewhere(table, s.File) is not { } other)
                    {
                        unknowns.Add(new ImportedUnknown(id, "match-table", $"table {table} is not defined in {s.File}", new SourceLine(s.File, d.Line)) { Cause = UnknownCause.TableMissing });
                        continue;
                    }
                    var (tableFile, entries) = t is not null ? (t.File ?? s.File, t.Entries) : TableElsewhere(table, s.File)!.Value;
                    foreach (var e in entries)
                        matches.Add(new ImportedMatch(id, e.Kind, e.Value, order++, new SourceLine(tableFile, e.Line)) { NodeName = e.NodeName, DeviceType = e.DeviceType, Data = e.Data });
                }
                // an AMBA probe's compatible guard (format 2 `probe-of`), after the tables
                foreach (var e in d.ProbeCompatibles)
                    matches.Add(new ImportedMatch(id, e.Kind, e.Value, order++, new SourceLine(s.File, e.Line)));
                if (request.PlanScanner is { } scanner && probe is not null && status != BuildStatus.NotBuilt)
                {
                    try { plans.Add(scanner(root, s.File, probe, id)); }
                    catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException or FormatException or InvalidDataException)
                    {
                        unknowns.Add(new ImportedUnknown(id, "plan", $"the probe-plan scanner failed: {e.Message}", new SourceLine(s.File, d.Line)) { Cause = UnknownCause.PlanScannerFailed });
                    }
                }
                else if (probe is null)
                    unknowns.Add(new ImportedUnknown(id, "probe", "the driver struct names no probe function", new SourceLine(s.File, d.Line)) { Cause = UnknownCause.NoProbe });
            }
        }

        var early = new List<ImportedEarlyInit>();
        foreach (var s in scans)
            foreach (var e in s.Early)
            {
                IReadOnlyList<EarlyProvides> provides = Array.Empty<EarlyProvides>();
                bool leaves = e.Table == EarlyTable.ClkDriver;
                if (request.EarlyInitScanner is { } hook)
                {
                    var r = hook(root, s.File, e.InitFunction);
                    provides = r.Provides;
                    leaves = leaves || r.LeavesNode;
                }
                early.Add(new ImportedEarlyInit
                {
                    Table = e.Table,
                    Compatible = e.Compatible,
                    InitFunction = e.InitFunction,
                    Status = StatusOf(s.File),
                    Provides = provides,
                    LeavesNodeToDriver = leaves,
                    Source = new SourceLine(s.File, e.Line),
                });
            }
        progress?.Report($"{drivers.Count} drivers, {matches.Count} match entries, {early.Count} early entries, {unknowns.Count} unknowns");
        return new ImportedKernel
        {
            Manifest = manifest,
            Drivers = drivers,
            Matches = matches,
            Plans = plans,
            EarlyInits = early,
            Unknowns = unknowns,
        };
    }

    /// <summary>VERSION.PATCHLEVEL.SUBLEVEL[EXTRAVERSION] of the top Makefile.</summary>
    public static string KernelVersion(string root)
    {
        string Get(string text, string name) => Regex.Match(text, $@"^{name}\s*=[ \t]*(\S*)[ \t]*$", RegexOptions.Multiline) is { Success: true } m ? m.Groups[1].Value : "";
        var head = string.Join('\n', File.ReadLines(Path.Combine(root, "Makefile")).Take(20));
        var v = $"{Get(head, "VERSION")}.{Get(head, "PATCHLEVEL")}.{Get(head, "SUBLEVEL")}{Get(head, "EXTRAVERSION")}";
        return v == ".." ? "unknown" : v;
    }

    private static ImportManifest Manifest(ImportRequest request, string root, KernelPackage? package, string generator)
    {
        var inputs = new List<ImportInput>();
        var version = KernelVersion(root);
        if (request.SourceArchive is { } tar) inputs.Add(new ImportInput("source", Path.GetFileName(tar), version, Sha256(tar)));
        else inputs.Add(new ImportInput("source", Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(root))), version, null));
        inputs.Add(new ImportInput("config", Path.GetFileName(request.ConfigPath), null, Sha256(request.ConfigPath)));
        if (request.PackagePath is { } pkg)
            inputs.Add(File.Exists(pkg)
                ? new ImportInput("package", Path.GetFileName(pkg), KernelPackage.DebVersion(pkg), Sha256(pkg))
                : new ImportInput("package", Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(pkg))), package?.Release, null));
        return new ImportManifest
        {
            FormatVersion = FormatVersion,
            KernelVersion = version,
            Release = package?.Release,
            Arch = request.Arch,
            Inputs = inputs,
            Command = request.Command,
            Generator = generator,
        };
    }

    public static string Sha256(string path)
    {
        using var s = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }

    private static readonly Regex Define = new(@"^#define\s+(PCI_(?:VENDOR|DEVICE|CLASS)_\w+)\s+(0x[0-9a-fA-F]+|\d+)\b", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    /// <summary>include/linux/pci_ids.h: the PCI_VENDOR_ID_*, PCI_DEVICE_ID_*, PCI_CLASS_* numbers id tables use.</summary>
    private static Dictionary<string, long> PciIds(string root)
    {
        var d = new Dictionary<string, long>(StringComparer.Ordinal);
        var path = Path.Combine(root, "include", "linux", "pci_ids.h");
        if (!File.Exists(path)) return d;
        foreach (Match m in Define.Matches(File.ReadAllText(path)))
            if (CValues.ParseNumber(m.Groups[2].Value) is { } v) d.TryAdd(m.Groups[1].Value, v);
        return d;
    }
}
