using System.Collections.Concurrent;
using ProbeSim.DeviceTree.Files;

namespace ProbeSim.DeviceTree.Preprocessor;

/// <summary>
/// Thread-safe cache shared by any number of preprocessor runs: the text of each file, analysed once into logical lines
/// and interned identifiers (plus lazily lexed lines and parsed #define lines), keyed by full path; and the answers of
/// "does this file exist". Files are assumed not to change while the cache is in use.
/// </summary>
public sealed class SourceFileCache
{
    private readonly ConcurrentDictionary<string, Lazy<ScannedFile>> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _exists = new(StringComparer.Ordinal);

    internal PpSymbolTable Symbols { get; } = new();

    /// <summary>Number of files analysed so far.</summary>
    public int FileCount => _files.Count;

    /// <param name="fullPath">The file.</param>
    /// <param name="requireRegular">Refuse devices, FIFOs and sockets (an #include; the main file may be a pipe).</param>
    internal ScannedFile Get(string fullPath, bool requireRegular = false)
    {
        if (requireRegular && !_files.ContainsKey(fullPath)) InputFiles.RequireRegular(fullPath);
        var lazy = _files.GetOrAdd(fullPath, p => new Lazy<ScannedFile>(
            () => FileScanner.Scan(p, InputFiles.ReadAllText(p), Symbols), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _files.TryRemove(new KeyValuePair<string, Lazy<ScannedFile>>(fullPath, lazy));
            throw;
        }
    }

    /// <summary>Analyses text that has no file behind it (not cached).</summary>
    internal ScannedFile Scan(string text, string name) => FileScanner.Scan(name, text, Symbols);

    internal bool FileExists(string fullPath) => _exists.GetOrAdd(fullPath, static p => File.Exists(p));
}
