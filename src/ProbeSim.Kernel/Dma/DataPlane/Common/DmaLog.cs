using System.Globalization;

namespace ProbeSim.Kernel.Dma;

/// <summary>printk levels the data plane uses (KERN_ERR, KERN_WARNING, KERN_NOTICE, KERN_INFO, KERN_DEBUG).</summary>
public enum DmaLogLevel
{
    Err,
    Warning,
    Notice,
    Info,
    Debug,
}

/// <summary>Where the data plane prints; texts are the kernel's format strings, filled in.</summary>
public interface IDmaLog
{
    void Log(DmaLogLevel level, string text);
}

/// <summary>A log that keeps every line in order, for tests and reports.</summary>
public sealed class DmaLogBuffer : IDmaLog
{
    private readonly List<(DmaLogLevel Level, string Text)> _lines = new();

    public IReadOnlyList<(DmaLogLevel Level, string Text)> Lines => _lines;

    public void Log(DmaLogLevel level, string text) => _lines.Add((level, text));

    public bool Contains(string fragment) => _lines.Any(l => l.Text.Contains(fragment, StringComparison.Ordinal));

    public int Count(string fragment) => _lines.Count(l => l.Text.Contains(fragment, StringComparison.Ordinal));
}

/// <summary>Discards everything (stateless, so one shared instance is safe).</summary>
public sealed class NullDmaLog : IDmaLog
{
    public static readonly NullDmaLog Instance = new();

    private NullDmaLog()
    {
    }

    public void Log(DmaLogLevel level, string text)
    {
    }
}

/// <summary>printk conversions used by the messages (64-bit kernel).</summary>
internal static class KFmt
{
    /// <summary>%pa / %pad: "0x" and 16 zero-padded hex digits.</summary>
    public static string Pa(ulong v) => "0x" + v.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>0x%lx / %#lx for non-zero values.</summary>
    public static string Hex(ulong v) => "0x" + v.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>%llx: lower-case hex, no prefix.</summary>
    public static string Llx(ulong v) => v.ToString("x", CultureInfo.InvariantCulture);

    public static string Dec(ulong v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The line WARN/WARN_ON prints, abridged: the kernel's is
    /// "WARNING: CPU: n PID: p at file:line function+off/len"; CPU, PID and line are not modelled.
    /// </summary>
    public static string Warning(string file, string function) => $"WARNING: at {file} {function}";
}

/// <summary>WARN_ONCE / dev_WARN_ONCE / *_once state: one flag per call site, owned by the object that prints.</summary>
internal sealed class OnceFlags
{
    private readonly HashSet<string> _fired = new(StringComparer.Ordinal);

    /// <summary>True the first time <paramref name="site"/> is seen.</summary>
    public bool First(string site) => _fired.Add(site);
}
