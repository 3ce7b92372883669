using Mono.Unix;
using Mono.Unix.Native;

namespace ProbeSim.Cli.Output;

/// <summary>A file's identity: the device and inode <c>stat(2)</c> gives (the same for every name and link of the file).</summary>
public readonly record struct FileId(ulong Device, ulong Inode);

/// <summary>What a path is: a regular file, a directory, a device... (<c>S_IFMT</c> of <c>st_mode</c>).</summary>
public enum FileKind
{
    Regular,
    Directory,
    CharacterDevice,
    BlockDevice,
    Fifo,
    Socket,
    SymbolicLink,
}

/// <summary>
/// The <c>stat(2)</c> of a path: its <see cref="FileId"/>, kind, link count and permission bits, or the errno that
/// stopped it (<see cref="Error"/>: <c>ENOENT</c> for a missing file).
/// </summary>
public sealed class FileStatus
{
    private FileStatus(Stat st)
    {
        Id = new FileId(st.st_dev, st.st_ino);
        Kind = KindOf(st.st_mode);
        LinkCount = st.st_nlink;
        Permissions = st.st_mode & FilePermissions.ALLPERMS;
    }

    private FileStatus(Errno error) => Error = error;

    public FileId Id { get; }
    public FileKind Kind { get; }
    public ulong LinkCount { get; }
    public FilePermissions Permissions { get; }

    /// <summary>Why the path could not be looked at (<see cref="Errno"/> 0 when it could).</summary>
    public Errno Error { get; }

    public bool Exists => Error == 0;
    public bool Missing => Error is Errno.ENOENT;

    /// <summary>The errno's text as <c>strerror(3)</c> gives it ("No such file or directory").</summary>
    public string ErrorText => Describe(Error);

    /// <summary><c>stat(2)</c>: follows symbolic links.</summary>
    public static FileStatus Of(string path) =>
        Syscall.stat(path, out var st) == 0 ? new FileStatus(st) : new FileStatus(Stdlib.GetLastError());

    /// <summary><c>lstat(2)</c>: a symbolic link is looked at itself.</summary>
    public static FileStatus OfLink(string path) =>
        Syscall.lstat(path, out var st) == 0 ? new FileStatus(st) : new FileStatus(Stdlib.GetLastError());

    public static string Describe(Errno error) => UnixMarshal.GetErrorDescription(error);

    private static FileKind KindOf(FilePermissions mode) => (mode & FilePermissions.S_IFMT) switch
    {
        FilePermissions.S_IFDIR => FileKind.Directory,
        FilePermissions.S_IFCHR => FileKind.CharacterDevice,
        FilePermissions.S_IFBLK => FileKind.BlockDevice,
        FilePermissions.S_IFIFO => FileKind.Fifo,
        FilePermissions.S_IFSOCK => FileKind.Socket,
        FilePermissions.S_IFLNK => FileKind.SymbolicLink,
        _ => FileKind.Regular,
    };
}
