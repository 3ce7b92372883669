namespace ProbeSim.DeviceTree.Preprocessor;

/// <summary>Where an #include finds its file, and how cpp spells the path it found.</summary>
internal sealed class IncludeResolver
{
    private readonly string[] _dirs;
    private readonly SourceFileCache _cache;
    private readonly string _workDir;
    private readonly Dictionary<(string Dir, string Name), (string Shown, string Full)?> _memo = new();

    public IncludeResolver(IEnumerable<string> includeDirs, SourceFileCache cache, string workDir)
    {
        _workDir = workDir;
        // cpp: trailing slashes of -I directories are dropped
        _dirs = includeDirs.Select(d => d.Length > 1 ? d.TrimEnd('/') : d).ToArray();
        _cache = cache;
    }

    /// <summary>
    /// cpp: "x" is looked up in the including file's directory first, then in the -I directories; &lt;x&gt; only in those.
    /// Returns the path as cpp prints it (directory as given, '/', name) or null.
    /// </summary>
    public string? Resolve(string name, bool angled, string currentDir, out string fullPath)
    {
        fullPath = "";
        if (Path.IsPathRooted(name))
        {
            fullPath = Path.GetFullPath(name, _workDir);
            return _cache.FileExists(fullPath) ? name : null;
        }
        if (!angled && TryIn(currentDir, name, out var shown, out fullPath)) return shown;
        foreach (var d in _dirs)
            if (TryIn(d, name, out shown, out fullPath)) return shown;
        return null;
    }

    private bool TryIn(string dir, string name, out string shown, out string fullPath)
    {
        if (!_memo.TryGetValue((dir, name), out var hit))
        {
            var s = Join(dir, name);
            var full = Path.GetFullPath(s, _workDir);
            hit = _cache.FileExists(full) ? (s, full) : null;
            _memo[(dir, name)] = hit;
        }
        shown = hit?.Shown ?? "";
        fullPath = hit?.Full ?? "";
        return hit is not null;
    }

    public static string Join(string dir, string name) =>
        dir.Length == 0 ? name : dir.EndsWith('/') ? dir + name : dir + "/" + name;

    /// <summary>The directory part of a path as cpp keeps it for "" lookups ("" for a bare file name).</summary>
    public static string DirectoryOf(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? "" : slash == 0 ? "/" : path[..slash];
    }
}
