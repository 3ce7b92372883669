using ProbeSim.Kernel.Boot;

namespace ProbeSim.Reports.Log;

/// <summary>What <see cref="DmesgFormatter"/> shows.</summary>
public sealed record DmesgOptions
{
    /// <summary>
    /// The least important level shown, as <c>dmesg --level</c> up to it would: lines with a larger level number
    /// are dropped. The default, <see cref="LogLevel.Info"/>, shows everything except debug lines.
    /// </summary>
    public LogLevel MinimumLevel { get; init; } = LogLevel.Info;

    /// <summary>Prefix each line with its level as <c>&lt;6&gt;</c>, like <c>dmesg -r</c> (kernel facility, so just the level).</summary>
    public bool RawLevels { get; init; }

    /// <summary>The defaults: no debug lines, no level prefixes.</summary>
    public static DmesgOptions Default { get; } = new();
}
