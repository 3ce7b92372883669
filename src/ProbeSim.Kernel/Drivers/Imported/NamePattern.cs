using System.Text;
using System.Text.RegularExpressions;

namespace ProbeSim.Kernel.Drivers.Imported;

/// <summary>
/// A request name a driver formats at run time, kept as its printf format (<c>usb%d_phy</c>, <c>vcc-p%c</c>): the
/// probe asks for it once per value of its loop, so it names every entry of the node whose name fits the format.
/// </summary>
public static class NamePattern
{
    /// <summary>The format as a name pattern when its only conversions are integers or characters; null otherwise.</summary>
    public static string? FromFormat(string? format)
    {
        if (format is null || !format.Contains('%')) return format;
        for (int i = 0; i < format.Length; i++)
        {
            if (format[i] != '%') continue;
            if (i + 1 >= format.Length || format[i + 1] is not ('d' or 'u' or 'i' or 'c')) return null;
            i++;
        }
        return format;
    }

    /// <summary>Whether a name holds a conversion (and so is a pattern, not a literal name).</summary>
    public static bool IsPattern(string name) => name.Contains('%');

    /// <summary>Whether <paramref name="name"/> is one the pattern formats.</summary>
    public static bool Matches(string pattern, string name) => ToRegex(pattern).IsMatch(name);

    private static Regex ToRegex(string pattern)
    {
        var sb = new StringBuilder("^");
        for (int i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '%' && i + 1 < pattern.Length)
            {
                sb.Append(pattern[i + 1] == 'c' ? "." : "[0-9]+");
                i++;
            }
            else sb.Append(Regex.Escape(pattern[i].ToString()));
        }
        return new Regex(sb.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
