using Mono.Unix;

namespace ProbeSim.Cli.Output;

/// <summary>How an output is written: <see cref="Replace"/> a regular file (or create it) atomically, or write into a device or FIFO.</summary>
public enum OutputMode
{
    /// <summary>A temporary file in the same directory, renamed onto the file: readers see the old file or the new one, never half.</summary>
    Replace,
    /// <summary>Opened and written in place: a character device (<c>/dev/null</c>, a terminal), a FIFO, or standard output named as <c>/dev/stdout</c>.</summary>
    Direct,
}

/// <summary>Where a new or replaced file goes: its directory (by identity) and name. Two outputs with the same key are the same file.</summary>
public readonly record struct OutputKey(FileId Directory, string Name);

/// <summary>
/// An output path resolved the way the write will see it: symbolic links followed to the final target (the links stay),
/// the directory checked, the kind of what is there decided. <see cref="Resolve"/> throws an <see cref="OutputException"/>
/// for what ProbeSim never writes: a directory, a block device, a socket, a file in a directory that does not exist.
/// </summary>
public sealed class OutputTarget
{
    private const int MaxLinks = 40; // the kernel's MAXSYMLINKS

    private OutputTarget(string option, string path, string finalPath, OutputMode mode, FileStatus existing, OutputKey? key)
    {
        Option = option;
        Path = path;
        FinalPath = finalPath;
        Mode = mode;
        Existing = existing;
        Key = key;
    }

    /// <summary>The option that names the output (<c>--json</c>, <c>-o</c>).</summary>
    public string Option { get; }

    /// <summary>The path as the user gave it.</summary>
    public string Path { get; }

    /// <summary>The path with its symbolic links followed: the file that is replaced.</summary>
    public string FinalPath { get; }

    public OutputMode Mode { get; }

    /// <summary>What is there now (<see cref="FileStatus.Missing"/> for a new file).</summary>
    public FileStatus Existing { get; }

    /// <summary>Directory and name of a file this run creates or replaces; null for <see cref="OutputMode.Direct"/>.</summary>
    public OutputKey? Key { get; }

    public OutputException Refuse(string problem) => new(Option, Path, problem);

    public static OutputTarget Resolve(string option, string path)
    {
        var (finalPath, throughProc) = FollowLinks(option, path);
        var existing = FileStatus.Of(finalPath);
        if (existing.Exists)
        {
            switch (existing.Kind)
            {
                case FileKind.Directory:
                    throw new OutputException(option, path, "is a directory; give a file name");
                case FileKind.BlockDevice or FileKind.Socket:
                    throw new OutputException(option, path, $"is a {(existing.Kind == FileKind.Socket ? "socket" : "block device")}; "
                        + "probesim writes only regular files, character devices and FIFOs");
                case FileKind.CharacterDevice or FileKind.Fifo:
                    return new OutputTarget(option, path, finalPath, OutputMode.Direct, existing, null);
                case FileKind.Regular when throughProc:
                    return new OutputTarget(option, path, finalPath, OutputMode.Direct, existing, null);
            }
        }
        else if (!existing.Missing && existing.Error != Mono.Unix.Native.Errno.ENOTDIR)
            throw new OutputException(option, path, "cannot write: " + existing.ErrorText);

        var name = System.IO.Path.GetFileName(finalPath);
        if (name.Length == 0) throw new OutputException(option, path, "is a directory name; give a file name");
        var dir = System.IO.Path.GetDirectoryName(finalPath) is { Length: > 0 } d ? d : ".";
        var dirStatus = FileStatus.Of(dir);
        if (dirStatus.Missing)
            throw new OutputException(option, path, $"the directory {dir} does not exist (probesim creates no directories)");
        if (dirStatus.Error == Mono.Unix.Native.Errno.ENOTDIR || (dirStatus.Exists && dirStatus.Kind != FileKind.Directory))
            throw new OutputException(option, path, $"{dir} is not a directory");
        if (!dirStatus.Exists) throw new OutputException(option, path, "cannot write: " + dirStatus.ErrorText);
        return new OutputTarget(option, path, finalPath, OutputMode.Replace, existing, new OutputKey(dirStatus.Id, name));
    }

    /// <summary>
    /// Follows the symbolic links of the last component. A link that lives in procfs (<c>/dev/stdout</c> is
    /// <c>/proc/self/fd/1</c>) is a handle on an open file, not a path: it is left for the kernel to follow.
    /// </summary>
    private static (string Path, bool ThroughProc) FollowLinks(string option, string path)
    {
        var current = path;
        for (var hops = 0; ; hops++)
        {
            var link = FileStatus.OfLink(current);
            if (!link.Exists || link.Kind != FileKind.SymbolicLink) return (current, false);
            if (link.Id.Device == ProcDevice()) return (current, true);
            if (hops == MaxLinks) throw new OutputException(option, path, "too many levels of symbolic links");
            var target = UnixPath.TryReadLink(current);
            if (target is null) return (current, false);
            current = target.StartsWith('/') ? target : System.IO.Path.Combine(System.IO.Path.GetDirectoryName(current) ?? "", target);
        }
    }

    private static ulong? ProcDevice() => FileStatus.OfLink("/proc/self") is { Exists: true } st ? st.Id.Device : null;
}
