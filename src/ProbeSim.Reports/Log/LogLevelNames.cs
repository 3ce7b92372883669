using ProbeSim.Kernel.Boot;

namespace ProbeSim.Reports.Log;

/// <summary>printk level names as <c>dmesg --decode</c> prints them (util-linux): <c>emerg</c> .. <c>debug</c>.</summary>
public static class LogLevelNames
{
    /// <summary><c>emerg</c>, <c>alert</c>, <c>crit</c>, <c>err</c>, <c>warn</c>, <c>notice</c>, <c>info</c> or <c>debug</c>.</summary>
    public static string Name(LogLevel level) => level switch
    {
        LogLevel.Emerg => "emerg",
        LogLevel.Alert => "alert",
        LogLevel.Crit => "crit",
        LogLevel.Err => "err",
        LogLevel.Warning => "warn",
        LogLevel.Notice => "notice",
        LogLevel.Info => "info",
        LogLevel.Debug => "debug",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "unknown printk level"),
    };
}
