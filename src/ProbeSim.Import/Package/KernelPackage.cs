using System.Diagnostics;

namespace ProbeSim.Import.Package;

/// <summary>One <c>of:</c> alias of a module as its .ko's .modinfo says (alias=of:N*T*C...).</summary>
public sealed record ModuleAlias(string Module, string Alias, string ModulePath);

/// <summary>
/// What a kernel's binary package says was built: <c>lib/modules/&lt;release&gt;/modules.builtin</c> (built-in modnames),
/// <c>modules.builtin.modinfo</c>, and every module's .modinfo (name=, alias=; <c>.ko</c> or compressed, <see cref="ModuleFile"/>).
/// </summary>
public sealed class KernelPackage
{
    public required string Release { get; init; }
    /// <summary>KBUILD_MODNAMEs built in (modules.builtin, '-' as '_').</summary>
    public required IReadOnlySet<string> BuiltinModules { get; init; }
    /// <summary>modname → module path (relative to lib/modules/&lt;release&gt;).</summary>
    public required IReadOnlyDictionary<string, string> Modules { get; init; }
    public required IReadOnlyList<ModuleAlias> Aliases { get; init; }

    public static string Modname(string name) => name.Replace('-', '_');

    /// <summary>Reads a .deb (unpacked with <c>dpkg-deb -x</c> into a temporary directory, removed after) or a directory holding <c>lib/modules/&lt;release&gt;/</c>.</summary>
    public static KernelPackage Read(string path, IProgress<string>? progress = null)
    {
        if (File.Exists(path))
        {
            var temp = Directory.CreateTempSubdirectory("probesim-deb-");
            try
            {
                progress?.Report($"unpacking {path}");
                Run("dpkg-deb", ["-x", path, temp.FullName]);
                return ReadTree(temp.FullName, progress);
            }
            finally { temp.Delete(recursive: true); }
        }
        if (!Directory.Exists(path)) throw new FileNotFoundException($"{path}: no such file or directory");
        return ReadTree(path, progress);
    }

    /// <summary>The Version field of a .deb's control file, or null.</summary>
    public static string? DebVersion(string deb)
    {
        try { return Run("dpkg-deb", ["-f", deb, "Version"]).Trim(); }
        catch (IOException) { return null; }
    }

    /// <summary>Runs a tool (dpkg-deb, tar) and returns its standard output; IOException on failure.</summary>
    public static string Run(string tool, IReadOnlyList<string> args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process p;
        try { p = Process.Start(psi) ?? throw new IOException($"{tool}: cannot start"); }
        catch (System.ComponentModel.Win32Exception e) { throw new IOException($"{tool}: cannot start ({e.Message})"); }
        using (p)
        {
            var err = p.StandardError.ReadToEndAsync();
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new IOException($"{tool} {string.Join(' ', args)}: exit {p.ExitCode}: {err.Result.Trim()}");
            return output;
        }
    }

    private static KernelPackage ReadTree(string root, IProgress<string>? progress)
    {
        var modulesDir = new[] { Path.Combine(root, "lib", "modules"), Path.Combine(root, "usr", "lib", "modules") }.FirstOrDefault(Directory.Exists)
            ?? (File.Exists(Path.Combine(root, "modules.builtin")) ? Path.GetDirectoryName(root.TrimEnd('/')) : null)
            ?? throw new FileNotFoundException($"{root}: no lib/modules/<release>/ in the package");
        var releaseDir = File.Exists(Path.Combine(root, "modules.builtin")) ? root.TrimEnd('/')
            : Directory.GetDirectories(modulesDir).Order(StringComparer.Ordinal).FirstOrDefault(d => File.Exists(Path.Combine(d, "modules.builtin")))
              ?? throw new FileNotFoundException($"{modulesDir}: no <release>/modules.builtin");
        var builtin = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(releaseDir, "modules.builtin")))
            if (ModuleFile.IsModule(line)) builtin.Add(Modname(ModuleFile.BaseName(line)));
        var modules = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var aliases = new List<ModuleAlias>();
        var kos = Directory.EnumerateFiles(releaseDir, "*.ko*", SearchOption.AllDirectories).Where(ModuleFile.IsModule)
            .Order(StringComparer.Ordinal).ToList();
        progress?.Report($"reading .modinfo of {kos.Count} modules");
        // each module's .modinfo, read in parallel (a compressed module is decompressed whole), combined in path order
        var infos = new List<(string Key, string Value)>[kos.Count];
        var errors = new Exception?[kos.Count];
        Parallel.For(0, kos.Count, i =>
        {
            try
            {
                var info = ElfSections.Read(kos[i], ".modinfo");
                infos[i] = info is null ? [] : ElfSections.ModinfoPairs(info).ToList();
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException) { errors[i] = e; }
        });
        // the first bad module in path order, whatever the threads' order
        if (errors.FirstOrDefault(e => e is not null) is { } first) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        for (int i = 0; i < kos.Count; i++)
        {
            var rel = Path.GetRelativePath(releaseDir, kos[i]).Replace('\\', '/');
            string name = Modname(ModuleFile.BaseName(kos[i]));
            foreach (var (k, v) in infos[i]) if (k == "name") name = v;
            modules[name] = rel;
            foreach (var (k, v) in infos[i]) if (k == "alias") aliases.Add(new ModuleAlias(name, v, rel));
        }
        return new KernelPackage
        {
            Release = Path.GetFileName(releaseDir),
            BuiltinModules = builtin,
            Modules = modules,
            Aliases = aliases,
        };
    }

    /// <summary>Splits an <c>of:N&lt;name&gt;T&lt;type&gt;[*]C&lt;compatible&gt;[C*]</c> alias (scripts/mod/file2alias.c do_of_entry).</summary>
    public static (string? Name, string? Type, string Compatible)? ParseOfAlias(string alias)
    {
        if (!alias.StartsWith("of:N", StringComparison.Ordinal)) return null;
        int t = alias.IndexOf('T', 4);
        if (t < 0) return null;
        var name = alias[4..t];
        int c = alias.IndexOf('C', t + 1);
        string type;
        if (c < 0) { type = alias[(t + 1)..]; return (name == "*" ? null : name, type is "*" or "" ? null : type, ""); }
        type = alias[(t + 1)..c];
        if (type.EndsWith('*') && type.Length > 1) type = type[..^1];
        var compat = alias[(c + 1)..];
        if (compat.EndsWith("C*", StringComparison.Ordinal)) compat = compat[..^2];
        return (name == "*" ? null : name, type is "*" or "" ? null : type, compat);
    }
}
