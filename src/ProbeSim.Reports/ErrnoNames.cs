namespace ProbeSim.Reports;

/// <summary>
/// Symbolic names of the errnos driver probes commonly return, with the asm-generic numbers
/// (include/uapi/asm-generic/errno-base.h, errno.h, include/linux/errno.h) that arm, arm64, riscv and x86 use.
/// Alpha, MIPS, PA-RISC and SPARC number some of these differently; the model does not simulate those.
/// </summary>
public static class ErrnoNames
{
    /// <summary>The name of an errno given either sign (<c>-5</c> and <c>5</c> give <c>EIO</c>), or null when the table lacks it.</summary>
    public static string? Name(int errno) => Math.Abs((long)errno) switch
    {
        1 => "EPERM",
        2 => "ENOENT",
        3 => "ESRCH",
        4 => "EINTR",
        5 => "EIO",
        6 => "ENXIO",
        7 => "E2BIG",
        8 => "ENOEXEC",
        9 => "EBADF",
        11 => "EAGAIN",
        12 => "ENOMEM",
        13 => "EACCES",
        14 => "EFAULT",
        16 => "EBUSY",
        17 => "EEXIST",
        19 => "ENODEV",
        22 => "EINVAL",
        28 => "ENOSPC",
        34 => "ERANGE",
        38 => "ENOSYS",
        61 => "ENODATA",
        62 => "ETIME",
        71 => "EPROTO",
        75 => "EOVERFLOW",
        95 => "EOPNOTSUPP",
        110 => "ETIMEDOUT",
        512 => "ERESTARTSYS",
        517 => "EPROBE_DEFER",
        524 => "ENOTSUPP",
        _ => null,
    };
}
