using System.Globalization;

namespace ProbeSim.Reports.Sysfs;

/// <summary>
/// The text of <c>/sys/kernel/debug/devices_deferred</c> (deferred_devs_show, dd.c v5.9+): one line per device on the
/// pending list, <c>&lt;dev&gt;\t&lt;reason&gt;\n</c>, or <c>&lt;dev&gt;\t\n</c> when no reason is stored.
/// </summary>
public static class DevicesDeferredFormatter
{
    /// <summary>
    /// One line with its newline. The model keeps reasons without their newline; a reason that still ends in one
    /// loses it here, so every line has exactly one newline.
    /// </summary>
    public static string FormatLine(string device, string? reason)
    {
        ArgumentNullException.ThrowIfNull(device);
        var text = reason ?? "";
        if (text.EndsWith('\n')) text = text[..^1];
        return device + "\t" + text + "\n";
    }

    /// <summary>Writes the file's lines in the order given (the pending list's order).</summary>
    public static void Write(TextWriter writer, IEnumerable<(string Device, string Reason)> entries)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var (device, reason) in entries) writer.Write(FormatLine(device, reason));
    }

    /// <summary>The whole file; empty when nothing is pending.</summary>
    public static string Format(IEnumerable<(string Device, string Reason)> entries)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer, entries);
        return writer.ToString();
    }
}
