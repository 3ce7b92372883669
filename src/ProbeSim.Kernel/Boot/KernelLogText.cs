using System.Runtime.CompilerServices;

namespace ProbeSim.Kernel.Boot;

/// <summary>
/// The text of a printk line, formatted only when the kernel keeps its log: a schedule explorer boots with the log
/// off and pays for no message it would throw away (the holes of these messages have no side effects).
/// </summary>
[InterpolatedStringHandler]
internal ref struct KernelLogText
{
    private DefaultInterpolatedStringHandler _text;

    public KernelLogText(int literalLength, int formattedCount, IPrintkSink log, out bool enabled)
    {
        enabled = log.RecordLog;
        _text = enabled ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
    }

    public void AppendLiteral(string value) => _text.AppendLiteral(value);
    public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);
    public void AppendFormatted<T>(T value, string? format) => _text.AppendFormatted(value, format);
    public void AppendFormatted(string? value) => _text.AppendFormatted(value);

    internal string Take() => _text.ToStringAndClear();
}

/// <summary>Whoever prints through the kernel's log (the kernel, a subsystem object): whether lines are kept.</summary>
internal interface IPrintkSink
{
    bool RecordLog { get; }
}
