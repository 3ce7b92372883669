using System.Globalization;
using ProbeSim.Kernel.Boot;

namespace ProbeSim.Reports.Log;

/// <summary>
/// Log lines as dmesg prints them: <c>[%5lu.%06lu] text</c>
/// (<c>[    0.123456] acme-dmac 2000000.dma: Adding to iommu group 0</c>), one <c>\n</c> after each line.
/// </summary>
public static class DmesgFormatter
{
    /// <summary>The timestamp <c>[%5lu.%06lu]</c>: <c>[    0.000001]</c>, <c>[   12.345678]</c>, <c>[12345.000000]</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The time is negative (printk times are unsigned).</exception>
    public static string Timestamp(long timeUs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timeUs);
        return string.Create(CultureInfo.InvariantCulture,
            $"[{timeUs / SimTime.MicrosecondsPerSecond,5}.{timeUs % SimTime.MicrosecondsPerSecond:D6}]");
    }

    /// <summary>One line without its newline; with <paramref name="rawLevel"/> the <c>&lt;N&gt;</c> prefix of <c>dmesg -r</c> comes first.</summary>
    public static string FormatLine(LogLine line, bool rawLevel = false)
    {
        ArgumentNullException.ThrowIfNull(line);
        var prefix = rawLevel ? string.Create(CultureInfo.InvariantCulture, $"<{(int)line.Level}>") : "";
        return prefix + Timestamp(line.TimeUs) + " " + line.Text;
    }

    /// <summary>Whether <paramref name="options"/> let the line through.</summary>
    public static bool IsShown(LogLine line, DmesgOptions options)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(options);
        return line.Level <= options.MinimumLevel;
    }

    /// <summary>Writes the shown lines, each followed by <c>\n</c>, in the order given.</summary>
    public static void Write(TextWriter writer, IEnumerable<LogLine> lines, DmesgOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(lines);
        options ??= DmesgOptions.Default;
        foreach (var line in lines)
        {
            if (!IsShown(line, options)) continue;
            writer.Write(FormatLine(line, options.RawLevels));
            writer.Write('\n');
        }
    }

    /// <summary>The shown lines as one string, each followed by <c>\n</c>.</summary>
    public static string Format(IEnumerable<LogLine> lines, DmesgOptions? options = null)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer, lines, options);
        return writer.ToString();
    }
}
