using System.Globalization;
using ProbeSim.Kernel.Boot;
using ProbeSim.Reports.Actions;

namespace ProbeSim.Reports.Log;

/// <summary>
/// What <c>probesim boot --log</c> prints: the kernel log as dmesg shows it (<see cref="DmesgFormatter"/>), with the lines
/// user space printed for each refused user action (<see cref="UserSpaceLines"/>) placed after the kernel lines of the
/// same moment. User-space lines carry the timestamp and their <c>(user space)</c> marker but no <c>&lt;N&gt;</c> level
/// (they are not printk), and every level filter shows them.
/// </summary>
public static class BootLog
{
    /// <summary>The shown lines, without newlines, in time order.</summary>
    public static IReadOnlyList<string> Lines(IReadOnlyList<LogLine> log, IEnumerable<ActionOutcome> actions, DmesgOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(actions);
        options ??= DmesgOptions.Default;
        var user = UserSpaceLines.Of(actions).OrderBy(l => l.TimeUs).ToList();
        var lines = new List<string>(log.Count + user.Count);
        int next = 0;
        foreach (var line in log)
        {
            for (; next < user.Count && user[next].TimeUs < line.TimeUs; next++) lines.Add(Format(user[next]));
            if (DmesgFormatter.IsShown(line, options)) lines.Add(DmesgFormatter.FormatLine(line, options.RawLevels));
        }
        for (; next < user.Count; next++) lines.Add(Format(user[next]));
        return lines;
    }

    /// <summary>A user-space line as the log shows it: <c>[    2.000000] (user space) ...</c>.</summary>
    public static string Format(UserSpaceLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return DmesgFormatter.Timestamp(line.TimeUs) + " " + line.Text;
    }

    /// <summary>Writes the lines of <paramref name="result"/>, each followed by <c>\n</c>.</summary>
    public static void Write(TextWriter writer, BootResult result, DmesgOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        foreach (var line in Lines(result.Log, result.Actions, options))
        {
            writer.Write(line);
            writer.Write('\n');
        }
    }

    /// <summary>The lines of <paramref name="result"/> as one string, each followed by <c>\n</c>.</summary>
    public static string Format(BootResult result, DmesgOptions? options = null)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer, result, options);
        return writer.ToString();
    }
}
