using System.Globalization;
using ProbeSim.Kernel.Boot;

namespace ProbeSim.Reports.Sysfs;

/// <summary>
/// <c>/sys/class/devlink/&lt;name&gt;/{status,auto_remove_on,sync_state_only}</c> as a listing in the style of
/// <c>grep -H . &lt;files&gt;</c>: <c>&lt;path&gt;:&lt;value&gt;</c>, one <c>\n</c> per line. Links come in ordinal
/// order of their names (as a C-locale glob lists the directory), each link's three attributes together.
/// </summary>
public static class DevlinkFormatter
{
    /// <summary>The class directory the links live in.</summary>
    public const string ClassDirectory = "/sys/class/devlink";

    /// <summary>The three attribute files of one link, in listing order, with their contents (without newline).</summary>
    public static IReadOnlyList<(string Path, string Value)> Attributes(DevlinkOutcome link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var dir = ClassDirectory + "/" + link.Name + "/";
        return
        [
            (dir + "status", link.Status),
            (dir + "auto_remove_on", link.AutoRemoveOn),
            (dir + "sync_state_only", link.SyncStateOnly ? "1" : "0"),
        ];
    }

    /// <summary>Writes the listing of all links.</summary>
    public static void Write(TextWriter writer, IEnumerable<DevlinkOutcome> links)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(links);
        foreach (var link in links.OrderBy(l => l.Name, StringComparer.Ordinal))
            foreach (var (path, value) in Attributes(link))
            {
                writer.Write(path);
                writer.Write(':');
                writer.Write(value);
                writer.Write('\n');
            }
    }

    /// <summary>The listing as one string; empty when there are no links.</summary>
    public static string Format(IEnumerable<DevlinkOutcome> links)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer, links);
        return writer.ToString();
    }
}
