using System.Globalization;
using System.Runtime.InteropServices;
using Mono.Unix.Native;

namespace ProbeSim.Cli.Output;

/// <summary>
/// The writes themselves, once <see cref="RunFiles"/> has checked the target: a regular file through a temporary file
/// in its directory renamed onto it (a failure never leaves half a file, and a replaced file keeps its permission bits
/// and is synced before the rename), a device or FIFO opened and written in place. Errors name the user's path.
/// </summary>
public static class OutputFile
{
    public static void Write(OutputTarget target, byte[] bytes)
    {
        if (target.Mode == OutputMode.Direct) WriteInPlace(target, bytes);
        else Replace(target, bytes);
    }

    private static void WriteInPlace(OutputTarget target, byte[] bytes)
    {
        var fd = Syscall.open(target.FinalPath, OpenFlags.O_WRONLY | OpenFlags.O_APPEND | OpenFlags.O_CLOEXEC);
        if (fd < 0) throw CannotWrite(target);
        try
        {
            WriteAll(target, fd, bytes);
        }
        finally
        {
            Syscall.close(fd);
        }
    }

    private static void Replace(OutputTarget target, byte[] bytes)
    {
        var (tmp, fd) = CreateTemporary(target);
        var renamed = false;
        try
        {
            if (target.Existing.Exists && Syscall.fchmod(fd, target.Existing.Permissions) != 0) throw CannotWrite(target);
            WriteAll(target, fd, bytes);
            if (target.Existing.Exists && Syscall.fsync(fd) != 0) throw CannotWrite(target);
            var closed = Syscall.close(fd);
            fd = -1;
            if (closed != 0) throw CannotWrite(target);
            if (Stdlib.rename(tmp, target.FinalPath) != 0) throw CannotWrite(target);
            renamed = true;
        }
        finally
        {
            if (fd >= 0) Syscall.close(fd);
            if (!renamed) Syscall.unlink(tmp);
        }
    }

    /// <summary>A new file <c>.NAME.PID.RANDOM.tmp</c> beside the target (O_EXCL: never someone else's file).</summary>
    private static (string Path, int Fd) CreateTemporary(OutputTarget target)
    {
        var dir = Path.GetDirectoryName(target.FinalPath) is { Length: > 0 } d ? d : ".";
        var name = Path.GetFileName(target.FinalPath);
        for (var attempt = 0; ; attempt++)
        {
            var tmp = Path.Combine(dir, string.Create(CultureInfo.InvariantCulture,
                $".{name}.{Environment.ProcessId}.{Random.Shared.Next():x8}.tmp"));
            var fd = Syscall.open(tmp, OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_EXCL | OpenFlags.O_CLOEXEC, FilePermissions.DEFFILEMODE);
            if (fd >= 0) return (tmp, fd);
            if (Stdlib.GetLastError() != Errno.EEXIST || attempt == 100) throw CannotWrite(target);
        }
    }

    private static void WriteAll(OutputTarget target, int fd, byte[] bytes)
    {
        var pin = GCHandle.Alloc(bytes, GCHandleType.Pinned);
        try
        {
            long done = 0;
            while (done < bytes.Length)
            {
                var n = Syscall.write(fd, pin.AddrOfPinnedObject() + (nint)done, (ulong)(bytes.Length - done));
                if (n < 0 && Stdlib.GetLastError() == Errno.EINTR) continue;
                if (n <= 0) throw CannotWrite(target);
                done += n;
            }
        }
        finally
        {
            pin.Free();
        }
    }

    /// <summary>The errno of the call that just failed, in <c>strerror</c>'s words, under the user's path.</summary>
    private static OutputException CannotWrite(OutputTarget target)
    {
        var errno = Stdlib.GetLastError();
        return target.Refuse("cannot write: " + (errno == 0 ? "no space written" : FileStatus.Describe(errno)));
    }
}
