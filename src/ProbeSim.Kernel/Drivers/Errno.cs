using System.Collections.Frozen;
using System.Globalization;

namespace ProbeSim.Kernel.Drivers;

/// <summary>
/// Linux errno numbers as the asm-generic headers number them (errno-base.h 1..34, errno.h 35..133) plus the
/// kernel-internal codes from include/linux/errno.h (512..531, e.g. EPROBE_DEFER 517, ENOTSUPP 524).
/// Numbers here are positive; a probe returns the negated value.
/// </summary>
public static class Errno
{
    /// <summary>-EPROBE_DEFER's magnitude.</summary>
    public const int EPROBE_DEFER = 517;

    // The magnitudes the model returns by name; the table below uses these constants, so each number is written once.
    public const int EPERM = 1;
    public const int EAGAIN = 11;
    public const int ENOENT = 2;
    public const int EIO = 5;
    public const int ENXIO = 6;
    public const int ENOMEM = 12;
    public const int EACCES = 13;
    public const int EFAULT = 14;
    public const int EBUSY = 16;
    public const int EEXIST = 17;
    public const int ENODEV = 19;
    public const int EINVAL = 22;
    public const int ENOTTY = 25;
    public const int ENOSPC = 28;
    public const int ERANGE = 34;
    public const int ETIMEDOUT = 110;

    /// <summary>Largest value IS_ERR_VALUE accepts as an error (MAX_ERRNO).</summary>
    public const int MaxErrno = 4095;

    // Canonical names first: the first name listed for a number is the one Name() returns.
    private static readonly (string Name, int Number)[] Table =
    {
        ("EPERM", EPERM), ("ENOENT", ENOENT), ("ESRCH", 3), ("EINTR", 4), ("EIO", EIO), ("ENXIO", ENXIO), ("E2BIG", 7),
        ("ENOEXEC", 8), ("EBADF", 9), ("ECHILD", 10), ("EAGAIN", EAGAIN), ("ENOMEM", ENOMEM), ("EACCES", EACCES),
        ("EFAULT", EFAULT), ("ENOTBLK", 15), ("EBUSY", EBUSY), ("EEXIST", EEXIST), ("EXDEV", 18), ("ENODEV", ENODEV),
        ("ENOTDIR", 20), ("EISDIR", 21), ("EINVAL", EINVAL), ("ENFILE", 23), ("EMFILE", 24), ("ENOTTY", ENOTTY),
        ("ETXTBSY", 26), ("EFBIG", 27), ("ENOSPC", ENOSPC), ("ESPIPE", 29), ("EROFS", 30), ("EMLINK", 31),
        ("EPIPE", 32), ("EDOM", 33), ("ERANGE", ERANGE),
        ("EDEADLK", 35), ("ENAMETOOLONG", 36), ("ENOLCK", 37), ("ENOSYS", 38), ("ENOTEMPTY", 39),
        ("ELOOP", 40), ("ENOMSG", 42), ("EIDRM", 43), ("ECHRNG", 44), ("EL2NSYNC", 45), ("EL3HLT", 46),
        ("EL3RST", 47), ("ELNRNG", 48), ("EUNATCH", 49), ("ENOCSI", 50), ("EL2HLT", 51), ("EBADE", 52),
        ("EBADR", 53), ("EXFULL", 54), ("ENOANO", 55), ("EBADRQC", 56), ("EBADSLT", 57), ("EBFONT", 59),
        ("ENOSTR", 60), ("ENODATA", 61), ("ETIME", 62), ("ENOSR", 63), ("ENONET", 64), ("ENOPKG", 65),
        ("EREMOTE", 66), ("ENOLINK", 67), ("EADV", 68), ("ESRMNT", 69), ("ECOMM", 70), ("EPROTO", 71),
        ("EMULTIHOP", 72), ("EDOTDOT", 73), ("EBADMSG", 74), ("EOVERFLOW", 75), ("ENOTUNIQ", 76),
        ("EBADFD", 77), ("EREMCHG", 78), ("ELIBACC", 79), ("ELIBBAD", 80), ("ELIBSCN", 81), ("ELIBMAX", 82),
        ("ELIBEXEC", 83), ("EILSEQ", 84), ("ERESTART", 85), ("ESTRPIPE", 86), ("EUSERS", 87),
        ("ENOTSOCK", 88), ("EDESTADDRREQ", 89), ("EMSGSIZE", 90), ("EPROTOTYPE", 91), ("ENOPROTOOPT", 92),
        ("EPROTONOSUPPORT", 93), ("ESOCKTNOSUPPORT", 94), ("EOPNOTSUPP", 95), ("EPFNOSUPPORT", 96),
        ("EAFNOSUPPORT", 97), ("EADDRINUSE", 98), ("EADDRNOTAVAIL", 99), ("ENETDOWN", 100),
        ("ENETUNREACH", 101), ("ENETRESET", 102), ("ECONNABORTED", 103), ("ECONNRESET", 104),
        ("ENOBUFS", 105), ("EISCONN", 106), ("ENOTCONN", 107), ("ESHUTDOWN", 108), ("ETOOMANYREFS", 109),
        ("ETIMEDOUT", ETIMEDOUT), ("ECONNREFUSED", 111), ("EHOSTDOWN", 112), ("EHOSTUNREACH", 113),
        ("EALREADY", 114), ("EINPROGRESS", 115), ("ESTALE", 116), ("EUCLEAN", 117), ("ENOTNAM", 118),
        ("ENAVAIL", 119), ("EISNAM", 120), ("EREMOTEIO", 121), ("EDQUOT", 122), ("ENOMEDIUM", 123),
        ("EMEDIUMTYPE", 124), ("ECANCELED", 125), ("ENOKEY", 126), ("EKEYEXPIRED", 127),
        ("EKEYREVOKED", 128), ("EKEYREJECTED", 129), ("EOWNERDEAD", 130), ("ENOTRECOVERABLE", 131),
        ("ERFKILL", 132), ("EHWPOISON", 133),
        ("ERESTARTSYS", 512), ("ERESTARTNOINTR", 513), ("ERESTARTNOHAND", 514), ("ENOIOCTLCMD", 515),
        ("ERESTART_RESTARTBLOCK", 516), ("EPROBE_DEFER", EPROBE_DEFER), ("EOPENSTALE", 518), ("ENOPARAM", 519),
        ("EBADHANDLE", 521), ("ENOTSYNC", 522), ("EBADCOOKIE", 523), ("ENOTSUPP", 524), ("ETOOSMALL", 525),
        ("ESERVERFAULT", 526), ("EBADTYPE", 527), ("EJUKEBOX", 528), ("EIOCBQUEUED", 529),
        ("ERECALLCONFLICT", 530), ("ENOGRACE", 531),
        // aliases (accepted by TryParse, never returned by Name)
        ("EWOULDBLOCK", 11), ("EDEADLOCK", 35),
    };

    private static readonly FrozenDictionary<string, int> ByName =
        Table.ToFrozenDictionary(e => e.Name, e => e.Number, StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<int, string> ByNumber =
        Table.GroupBy(e => e.Number).ToFrozenDictionary(g => g.Key, g => g.First().Name);

    /// <summary>Every known name (aliases included) with its number.</summary>
    public static IEnumerable<KeyValuePair<string, int>> All => ByName;

    /// <summary>The symbolic name of an errno (sign ignored: 5 and -5 give "EIO"), or the decimal number when unknown.</summary>
    public static string Name(int errno)
    {
        var n = Math.Abs((long)errno);
        return n <= int.MaxValue && ByNumber.TryGetValue((int)n, out var name) ? name : n.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>True when the number has a symbolic name here.</summary>
    public static bool IsKnown(int errno) => errno != int.MinValue && ByNumber.ContainsKey(Math.Abs(errno));

    /// <summary>
    /// Parses "EIO", "-EIO", "-5" or "5" (names case-insensitive, aliases such as EWOULDBLOCK accepted) into the
    /// positive errno. Numbers must be in 1..MAX_ERRNO (4095); names must be known.
    /// </summary>
    public static bool TryParse(string? text, out int errno)
    {
        errno = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        if (s.StartsWith('-')) s = s[1..];
        if (s.Length == 0) return false;
        if (char.IsAsciiDigit(s[0]))
        {
            if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > MaxErrno)
                return false;
            errno = n;
            return true;
        }
        return ByName.TryGetValue(s, out errno);
    }
}
