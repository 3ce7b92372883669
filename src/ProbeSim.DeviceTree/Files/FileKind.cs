using System.Runtime.InteropServices;

namespace ProbeSim.DeviceTree.Files;

/// <summary>What a path names, as stat(2) says, without opening it (opening a FIFO would wait for a writer).</summary>
public enum FileKind { Missing, Regular, Directory, CharacterDevice, BlockDevice, Fifo, Socket, Unknown }

/// <summary>The kind of file at a path, following symbolic links.</summary>
public static class FileKinds
{
    public static FileKind Of(string path)
    {
        if (Directory.Exists(path)) return FileKind.Directory;
        if (!File.Exists(path)) return FileKind.Missing;
        return StatKind(path) ?? FileKind.Unknown;
    }

    /// <summary>"a character device" and so on, for messages.</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a directory",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Fifo => "a FIFO",
        FileKind.Socket => "a socket",
        FileKind.Missing => "missing",
        _ => "of an unknown kind",
    };

    // statx(2) has the same layout on every Linux architecture (stat(2) has not): stx_mode is the u16 at offset 28.
    private const int AtFdCwd = -100;
    private const uint StatxType = 1;
    private const int ModeOffset = 28;

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);

    private static FileKind? StatKind(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            var buffer = new byte[256];
            if (Statx(AtFdCwd, path, 0, StatxType, buffer) != 0) return null;
            var mode = BitConverter.ToUInt16(buffer, ModeOffset);
            return (mode & 0xF000) switch
            {
                0x8000 => FileKind.Regular,
                0x4000 => FileKind.Directory,
                0x2000 => FileKind.CharacterDevice,
                0x6000 => FileKind.BlockDevice,
                0x1000 => FileKind.Fifo,
                0xC000 => FileKind.Socket,
                _ => FileKind.Unknown,
            };
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }
}
