using Mono.Unix.Native;

namespace ProbeSim.Cli.Output;

/// <summary>
/// The files of one run, and the one rule every file ProbeSim writes goes through (<c>-o</c>, <c>--json</c>,
/// <c>--html</c>, <c>--dot</c>, the blobs of <c>corpus build</c>); docs/cli.md, "Output files":
/// <list type="bullet">
/// <item>never onto an input of the run (<see cref="Inputs"/>): the same file after following links, or the same inode;</item>
/// <item>never two outputs of the run onto one file;</item>
/// <item>a regular file is replaced atomically; a device or FIFO is written in place; a directory, block device or
/// socket is refused; a symbolic link is followed and stays;</item>
/// <item>no directory is created, except the tree below <c>corpus build -o OUTDIR</c>.</item>
/// </list>
/// Commands record their inputs as they read them, <see cref="Check"/> their outputs before the long work, and write
/// through <see cref="Write"/>, which checks again. Every refusal is an <see cref="OutputException"/>. Safe to use
/// from several threads (corpus build writes from its workers).
/// </summary>
public sealed class RunFiles
{
    private readonly object _gate = new();
    private readonly Dictionary<OutputKey, (string Option, string Path)> _written = [];

    public RunInputs Inputs { get; } = new();

    /// <summary>A file the run reads (<paramref name="role"/>: what it is, as the refusal says it: "the board").</summary>
    public void Input(string path, string role) => Inputs.Add(path, role);

    public void Input(IEnumerable<string> paths, string role) => Inputs.Add(paths, role);

    /// <summary>Files the run reads from a directory (see <see cref="RunInputs.AddDirectory"/>).</summary>
    public void InputDirectory(string path, string role, Func<string, bool> reads, bool recursive = true) =>
        Inputs.AddDirectory(path, role, reads, recursive);

    /// <summary>
    /// Checks the outputs of the run (null or <c>-</c>: none, or standard output) before anything is written: each
    /// passes the rule, and no two are the same file.
    /// </summary>
    public void Check(params (string Option, string? Path)[] outputs)
    {
        var byKey = new Dictionary<OutputKey, (string Option, string Path)>();
        var byId = new Dictionary<FileId, (string Option, string Path)>();
        foreach (var (option, path) in outputs)
        {
            if (path is null or "-") continue;
            var t = Target(option, path);
            if (t.Key is { } key && !byKey.TryAdd(key, (option, path))) throw SameFile(t, byKey[key]);
            if (t.Key is not null && t.Existing.Exists && !byId.TryAdd(t.Existing.Id, (option, path))) throw SameFile(t, byId[t.Existing.Id]);
        }
    }

    /// <summary>Writes one output through the rule.</summary>
    public void Write(string option, string path, byte[] bytes)
    {
        var t = Target(option, path);
        if (t.Key is { } key)
            lock (_gate)
                if (!_written.TryAdd(key, (option, path))) throw SameFile(t, _written[key]);
        OutputFile.Write(t, bytes);
    }

    /// <summary>
    /// The output directory of <c>corpus build -o OUTDIR</c>: an existing directory, or created when its parent exists
    /// (as <c>mkdir OUTDIR</c> would; a mistyped parent is refused, not created).
    /// </summary>
    public static void OutputDirectory(string option, string dir)
    {
        var st = FileStatus.Of(dir);
        if (st.Exists)
        {
            if (st.Kind != FileKind.Directory) throw new OutputException(option, dir, "is not a directory");
            return;
        }
        if (!st.Missing && st.Error != Errno.ENOTDIR) throw new OutputException(option, dir, "cannot create the directory: " + st.ErrorText);
        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(dir)) is { Length: > 0 } p ? p : ".";
        var ps = FileStatus.Of(parent);
        if (ps.Missing) throw new OutputException(option, dir, $"the directory {parent} does not exist (probesim creates OUTDIR, not its parents)");
        if (ps.Error == Errno.ENOTDIR || (ps.Exists && ps.Kind != FileKind.Directory)) throw new OutputException(option, dir, $"{parent} is not a directory");
        MakeDirectory(option, dir, dir);
    }

    /// <summary>
    /// Writes <paramref name="relative"/> below the output directory <paramref name="dir"/> (checked by
    /// <see cref="OutputDirectory"/>), creating the directories between them.
    /// </summary>
    public void WriteBelow(string option, string dir, string relative, byte[] bytes)
    {
        var path = Path.Combine(dir, relative);
        var sub = dir;
        foreach (var part in (Path.GetDirectoryName(relative) ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries))
            MakeDirectory(option, path, sub = Path.Combine(sub, part));
        Write(option, path, bytes);
    }

    private static void MakeDirectory(string option, string reported, string dir)
    {
        if (Syscall.mkdir(dir, FilePermissions.ACCESSPERMS) == 0) return;
        var errno = Stdlib.GetLastError();
        if (errno == Errno.EEXIST && FileStatus.Of(dir) is { Exists: true, Kind: FileKind.Directory }) return;
        throw new OutputException(option, reported, $"cannot create the directory {dir}: {(errno == Errno.EEXIST ? "a file of that name exists" : FileStatus.Describe(errno))}");
    }

    private OutputTarget Target(string option, string path)
    {
        var t = OutputTarget.Resolve(option, path);
        if (t.Existing is { Exists: true, Kind: FileKind.Regular } && Inputs.Find(t.Existing.Id) is { } input)
            throw t.Refuse($"refusing to write onto the input file {input.Path} ({input.Role})");
        return t;
    }

    private static OutputException SameFile(OutputTarget t, (string Option, string Path) other) =>
        t.Refuse($"the same file as {other.Option} {other.Path}; give each output its own file");
}
