using System.CommandLine;
using System.Diagnostics;
using ProbeSim.Cli.Output;
using ProbeSim.Import;
using ProbeSim.Import.Package;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Cli.Commands;

/// <summary>
/// <c>probesim kernel import --source DIR|TARBALL --config FILE [--package DEB|DIR] [--arch arm64] [--reference DIR] -o OUTDIR</c>:
/// reads a kernel source tree with its .config (and the binary package to check against) and writes a driver set
/// (docs/kernel/driver-set-format.md) that <c>--kernel</c> reads. Progress goes to standard error, the summary to standard output.
/// </summary>
public static class KernelImportCommand
{
    public static Command Create(CliIo io)
    {
        var source = new Option<string>("--source") { Description = "Kernel source tree, or a tarball of one (.tar, .tar.gz, .tar.xz, .tar.bz2)", Required = true };
        var config = new Option<string>("--config") { Description = "The kernel .config", Required = true };
        var package = new Option<string?>("--package") { Description = "The binary package (.deb) or an unpacked tree with lib/modules/<release>/, to check what was built" };
        var arch = new Option<string>("--arch") { Description = "Architecture (arch/ARCH of the tree)", DefaultValueFactory = _ => "arm64" };
        var reference = new Option<string?>("--reference") { Description = "Binary-derived driver tables of the same kernel to check against (e.g. ../shared/kernels/debian-bookworm-arm64)" };
        var outDir = new Option<string>("-o", "--out") { Description = "Output directory: the driver set (created; an existing one is replaced)", Required = true };
        var cmd = new Command("import", "Import a kernel's drivers from its source tree and .config into a driver-set directory") { source, config, package, arch, reference, outDir };
        cmd.SetAction(pr => Run(io, pr.GetValue(source)!, pr.GetValue(config)!, pr.GetValue(package), pr.GetValue(arch)!, pr.GetValue(reference), pr.GetValue(outDir)!,
            "probesim " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1))));
        return cmd;
    }

    private static readonly string[] TarSuffixes = [".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2"];

    internal static int Run(CliIo io, string source, string config, string? package, string arch, string? reference, string outDir, string command)
    {
        if (!File.Exists(config)) return io.IoError($"--config {config}: no such file");
        if (package is not null && !File.Exists(package) && !Directory.Exists(package)) return io.IoError($"--package {package}: no such file or directory");
        if (reference is not null && !Directory.Exists(reference)) return io.IoError($"--reference {reference}: no such directory");
        bool tarball = File.Exists(source);
        if (tarball && !TarSuffixes.Any(s => source.EndsWith(s, StringComparison.Ordinal)))
            return io.IoError($"--source {source}: not a directory or a tarball ({string.Join(", ", TarSuffixes)})");
        if (!tarball && !Directory.Exists(source)) return io.IoError($"--source {source}: no such file or directory");
        if (arch.Length == 0 || arch.Contains('/') || arch.Contains(".."))
            return io.IoError($"--arch {arch}: not an architecture name");

        var inputs = new List<(string Path, string Role)> { (source, "the kernel source"), (config, "the config") };
        if (package is not null) inputs.Add((package, "the package"));
        if (reference is not null) inputs.Add((reference, "the reference tables"));
        if (OutputOverlap(outDir, inputs) is { } problem) return io.IoError($"-o {outDir}: {problem}");
        var files = new RunFiles();
        foreach (var (path, role) in inputs) if (File.Exists(path)) files.Input(path, role);
        try
        {
            var st = FileStatus.Of(outDir);
            if (st.Exists && st.Kind == FileKind.Directory && Directory.EnumerateFileSystemEntries(outDir).Any() && !File.Exists(Path.Combine(outDir, DriverSetFiles.ManifestFile)))
                return io.IoError($"-o {outDir}: the directory is not empty and is not a driver set (no {DriverSetFiles.ManifestFile}); refusing to write into it");
            RunFiles.OutputDirectory("-o", outDir);
        }
        catch (OutputException e) { return io.IoError(e.Message); }

        var progress = new SyncProgress(m => { if (!io.Quiet) io.Err.WriteLine("probesim: " + m); });
        DirectoryInfo? unpacked = null, staging = null;
        var sw = Stopwatch.StartNew();
        try
        {
            var root = source;
            if (tarball)
            {
                unpacked = Directory.CreateTempSubdirectory("probesim-src-");
                progress.Report($"unpacking {source}");
                KernelPackage.Run("tar", ["-xf", source, "-C", unpacked.FullName]);
                root = SourceTop(unpacked.FullName) ?? throw new InvalidDataException($"{source}: no kernel source tree (a Makefile at its top) in the tarball");
            }
            var plans = new ProbeSim.Import.Plans.ProbePlanScanner(root);
            var request = new ImportRequest(root, config, arch)
            {
                PackagePath = package,
                ReferenceTables = reference,
                SourceArchive = tarball ? source : null,
                Command = command,
                // what each driver's probe requests and creates, and what each early init registers, read from the source
                PlanScanner = (_, file, probe, id) => plans.Scan(file, probe, id),
                EarlyInitScanner = (_, file, init) => plans.EarlyInit(file, init),
            };
            var outcome = KernelImporter.ImportWithReport(request, progress, "probesim " + BuildInfo.Version);
            staging = Directory.CreateTempSubdirectory("probesim-set-");
            DriverSetFiles.Write(outcome.Kernel, staging.FullName, File.ReadAllText(config));
            if (outcome.Agreement is { } agreement) File.WriteAllText(Path.Combine(staging.FullName, "agreement.tsv"), agreement.ToTsv());
            foreach (var f in Directory.GetFiles(staging.FullName).Order(StringComparer.Ordinal))
                files.Write("-o", Path.Combine(outDir, Path.GetFileName(f)), File.ReadAllBytes(f));
            if (!io.Quiet) Summary(io.Out, outcome, outDir);
            io.Verbose($"import took {sw.Elapsed.TotalSeconds:F1} s");
            return ExitCodes.Ok;
        }
        catch (OutputException e) { return io.IoError(e.Message); }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return io.IoError(e.Message);
        }
        finally
        {
            unpacked?.Delete(recursive: true);
            staging?.Delete(recursive: true);
        }
    }

    /// <summary>Why OUTDIR cannot be written: it is an input, holds one, or lies inside an input directory.</summary>
    internal static string? OutputOverlap(string outDir, IEnumerable<(string Path, string Role)> inputs)
    {
        static string Full(string p) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(ResolveLinks(p)));
        var o = Full(outDir);
        foreach (var (path, role) in inputs)
        {
            var i = Full(path);
            if (i == o) return $"is {role} ({path})";
            if (i.StartsWith(o + "/", StringComparison.Ordinal)) return $"contains {role} ({path})";
            if (Directory.Exists(path) && o.StartsWith(i + "/", StringComparison.Ordinal)) return $"is inside {role} ({path})";
        }
        return null;
    }

    private static string ResolveLinks(string path)
    {
        // the longest existing prefix, with its links resolved, then the rest as written
        var full = Path.GetFullPath(path);
        var rest = new Stack<string>();
        var cur = full;
        while (!Directory.Exists(cur) && !File.Exists(cur) && Path.GetDirectoryName(cur) is { } parent)
        {
            rest.Push(Path.GetFileName(cur));
            cur = parent;
        }
        var info = Directory.Exists(cur) ? (FileSystemInfo)new DirectoryInfo(cur) : new FileInfo(cur);
        var real = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? cur;
        return rest.Aggregate(real, Path.Combine);
    }

    private static string? SourceTop(string dir)
    {
        if (File.Exists(Path.Combine(dir, "Makefile"))) return dir;
        var subdirs = Directory.GetDirectories(dir);
        return subdirs.Length == 1 && File.Exists(Path.Combine(subdirs[0], "Makefile")) ? subdirs[0] : null;
    }

    private static void Summary(TextWriter o, ImportOutcome outcome, string outDir)
    {
        var k = outcome.Kernel;
        o.WriteLine($"imported Linux {k.Manifest.KernelVersion}{(k.Manifest.Release is { } r ? $" ({r})" : "")} for {k.Manifest.Arch} into {outDir}");
        o.WriteLine($"drivers: {k.Drivers.Count}");
        foreach (var g in k.Drivers.GroupBy(d => d.Bus).OrderBy(g => g.Key))
            o.WriteLine($"  {Text(g.Key),-9} {g.Count(),5}: " + string.Join(", ", g.GroupBy(d => d.Status).OrderBy(s => s.Key).Select(s => $"{Text(s.Key)} {s.Count()}")));
        o.WriteLine($"match entries: {k.Matches.Count}; probe plans: {k.Plans.Count} ({k.Plans.Count(p => p.Complete)} complete)");
        o.WriteLine($"early entries: {k.EarlyInits.Count} (" + string.Join(", ", k.EarlyInits.GroupBy(e => e.Table).OrderBy(g => g.Key).Select(g => $"{Text(g.Key)} {g.Count()}")) + ")");
        if (outcome.Agreement is { } a) o.WriteLine(a.Summary() + "; see agreement.tsv");
        o.WriteLine($"unknowns: {k.Unknowns.Count} (" + string.Join(", ", k.Unknowns.GroupBy(u => u.Fact).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")) + ")");
    }

    private static string Text<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && char.IsLower(name[i - 1])) sb.Append('-');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; posts to the thread pool, out of order).</summary>
    private sealed class SyncProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
