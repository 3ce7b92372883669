namespace ProbeSim.Cli.Output;

/// <summary>A file a run reads, as the user named it, and what it is to the run ("the board").</summary>
public sealed record RunInput(string Path, string Role);

/// <summary>
/// Every file one run reads, by <see cref="FileId"/>: the files named one by one (a board, its includes, a scenario)
/// and the directories read as a whole (a directory of blobs, a kernel tree, a PCI dump, a kernel's driver tables), of
/// which the files the run reads are looked up only when an output already exists (a new file cannot be an input).
/// Safe to use from several threads.
/// </summary>
public sealed class RunInputs
{
    private sealed record InputDirectory(string Path, string Role, Func<string, bool> Reads, bool Recursive);

    private readonly object _gate = new();
    private readonly Dictionary<FileId, RunInput> _files = [];
    private readonly List<InputDirectory> _directories = [];
    private int _directoriesListed;

    /// <summary>A file the run reads; a path that does not exist (yet) is skipped, and a file already known keeps its first role.</summary>
    public void Add(string path, string role)
    {
        var st = FileStatus.Of(path);
        if (!st.Exists || st.Kind == FileKind.Directory) return;
        lock (_gate) _files.TryAdd(st.Id, new RunInput(path, role));
    }

    public void Add(IEnumerable<string> paths, string role)
    {
        foreach (var p in paths) Add(p, role);
    }

    /// <summary>
    /// A directory the run reads from: the files below it (only those directly in it unless <paramref name="recursive"/>)
    /// whose name <paramref name="reads"/> accepts.
    /// </summary>
    public void AddDirectory(string path, string role, Func<string, bool> reads, bool recursive)
    {
        lock (_gate) _directories.Add(new InputDirectory(path, role, reads, recursive));
    }

    /// <summary>The input that is the file <paramref name="id"/>, or null.</summary>
    public RunInput? Find(FileId id)
    {
        lock (_gate)
        {
            for (; _directoriesListed < _directories.Count; _directoriesListed++) List(_directories[_directoriesListed]);
            return _files.GetValueOrDefault(id);
        }
    }

    private void List(InputDirectory d)
    {
        if (!Directory.Exists(d.Path)) return;
        var options = new EnumerationOptions { RecurseSubdirectories = d.Recursive, IgnoreInaccessible = true, AttributesToSkip = 0 };
        foreach (var f in Directory.EnumerateFiles(d.Path, "*", options))
        {
            if (!d.Reads(Path.GetFileName(f))) continue;
            var st = FileStatus.Of(f);
            if (st.Exists && st.Kind != FileKind.Directory) _files.TryAdd(st.Id, new RunInput(f, d.Role));
        }
    }
}
