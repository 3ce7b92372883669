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

    /// <summary>Whether <paramref name="name"/> is one the pattern formats (%d/%u/%i: one or more digits, %c: one character).</summary>
    public static bool Matches(string pattern, string name) => Matches(pattern, 0, name, 0);

    private static bool Matches(string p, int i, string n, int j)
    {
        while (i < p.Length)
        {
            if (p[i] == '%' && i + 1 < p.Length)
            {
                if (p[i + 1] == 'c') { if (j >= n.Length) return false; i += 2; j++; continue; }
                // digits: try every length, longest first
                int k = j;
                while (k < n.Length && char.IsAsciiDigit(n[k])) k++;
                for (; k > j; k--)
                    if (Matches(p, i + 2, n, k)) return true;
                return false;
            }
            if (j >= n.Length || p[i] != n[j]) return false;
            i++;
            j++;
        }
        return j == n.Length;
    }
}
