namespace ProbeSim.Import.Plans;

/// <summary>
/// The files of one kernel tree the scanner has read, lexed once each, and per directory the non-static functions its
/// .c files define (a driver's family library usually sits beside it: clk-mtk.c, pinctrl-msm.c, pinctrl-imx.c).
/// </summary>
internal sealed class SourceSet
{
    private readonly string _root;
    private readonly Dictionary<string, CSourceFile?> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> _dirs = new(StringComparer.Ordinal);

    public SourceSet(string root) => _root = root;

    /// <summary>The lexed file (cached), or null when it is not in the tree.</summary>
    public CSourceFile? Load(string relativeFile)
    {
        if (_files.TryGetValue(relativeFile, out var cached)) return cached;
        var path = Path.Combine(_root, relativeFile);
        CSourceFile? f = File.Exists(path) ? new CSourceFile(relativeFile, Scan.DriverMacros.Expand(_root, relativeFile, File.ReadAllText(path))) : null;
        _files[relativeFile] = f;
        return f;
    }

    private readonly Dictionary<(string, string), bool> _fieldSet = new();

    /// <summary>Whether any .c file of <paramref name="from"/>'s directory assigns a struct field <paramref name="field"/> (.field = / ->field =).</summary>
    public bool FieldAssignedInDirectory(CSourceFile from, string field)
    {
        var dir = Path.GetDirectoryName(from.RelativePath)?.Replace('\\', '/') ?? "";
        if (_fieldSet.TryGetValue((dir, field), out var known)) return known;
        Sibling(from, "");
        bool found = false;
        foreach (var f in _files.Values)
        {
            if (f is null || (Path.GetDirectoryName(f.RelativePath)?.Replace('\\', '/') ?? "") != dir) continue;
            for (int i = 1; i + 1 < f.Count && !found; i++)
                if (f[i].Text == field && f.Is(i + 1, "=") && (f.Is(i - 1, ".") || f.Is(i - 1, "->"))) found = true;
            if (found) break;
        }
        _fieldSet[(dir, field)] = found;
        return found;
    }

    /// <summary>
    /// The definition of <paramref name="name"/> in a header <paramref name="from"/> includes with quotes, when its
    /// body calls something: a static inline wrapper (v6.12 drivers/clk/rockchip/clk.h rockchip_register_softrst calls
    /// softrst.c's _lut variant), not an empty stub.
    /// </summary>
    public (CSourceFile File, CFunction Function)? FromHeader(CSourceFile from, string name)
    {
        foreach (var header in LocalHeaders(from))
            if (header.Functions.TryGetValue(name, out var fn) && CallsSomething(header, fn)) return (header, fn);
        return null;
    }

    // a wrapper calls on; an empty stub (the #else branch of a config test, "{ }" or "{ return 0; }") is not followed
    private static bool CallsSomething(CSourceFile f, CFunction fn)
    {
        for (int i = fn.BodyOpen + 1; i < fn.BodyClose; i++)
            if (f[i].IsIdent && f.Is(i + 1, "(") && f[i].Text is not ("sizeof" or "return" or "if" or "while" or "for" or "switch")) return true;
        return false;
    }

    /// <summary>
    /// The function a call macro of a local header expands to (<c>sunxi_pinctrl_init</c> in
    /// drivers/pinctrl/sunxi/pinctrl-sunxi.h:313 calls sunxi_pinctrl_init_with_variant of pinctrl-sunxi.c): defined in
    /// that header or in a file beside the caller.
    /// </summary>
    public (CSourceFile File, CFunction Function)? FromHeaderMacro(CSourceFile from, string name)
    {
        foreach (var header in LocalHeaders(from))
        {
            if (!header.CallMacros.TryGetValue(name, out var target)) continue;
            if (header.Functions.TryGetValue(target, out var fn)) return (header, fn);
            return from.Functions.TryGetValue(target, out var own) ? (from, own) : Sibling(from, target);
        }
        return null;
    }

    // the headers `from` includes with quotes, inside the tree, loaded
    private IEnumerable<CSourceFile> LocalHeaders(CSourceFile from)
    {
        var dir = Path.GetDirectoryName(from.RelativePath)?.Replace('\\', '/') ?? "";
        var root = Path.GetFullPath(_root);
        foreach (var inc in from.LocalIncludes)
        {
            var full = Path.GetFullPath(Path.Combine(root, dir, inc));
            if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) continue;
            var rel = Path.GetRelativePath(root, full).Replace('\\', '/');
            if (rel != from.RelativePath && Load(rel) is { } header) yield return header;
        }
    }

    /// <summary>The definition of a non-static function <paramref name="name"/> in another .c file of <paramref name="from"/>'s directory.</summary>
    public (CSourceFile File, CFunction Function)? Sibling(CSourceFile from, string name)
    {
        var dir = Path.GetDirectoryName(from.RelativePath)?.Replace('\\', '/') ?? "";
        if (!_dirs.TryGetValue(dir, out var index))
        {
            index = new Dictionary<string, string>(StringComparer.Ordinal);
            var full = Path.Combine(_root, dir);
            if (Directory.Exists(full))
                foreach (var path in Directory.EnumerateFiles(full, "*.c").Order(StringComparer.Ordinal))
                {
                    var rel = dir.Length == 0 ? Path.GetFileName(path) : dir + "/" + Path.GetFileName(path);
                    var f = Load(rel);
                    if (f is null) continue;
                    foreach (var fn in f.Functions.Values)
                        if (!fn.IsStatic) index.TryAdd(fn.Name, rel);
                }
            _dirs[dir] = index;
        }
        if (!index.TryGetValue(name, out var file) || file == from.RelativePath) return null;
        var other = Load(file);
        return other is not null && other.Functions.TryGetValue(name, out var def) ? (other, def) : null;
    }
}
