namespace ProbeSim.Kernel.Iommu.Amd;

/// <summary>
/// The part of the kernel's <c>sscanf</c> (lib/vsprintf.c <c>vsscanf</c>) that amd-iommu's command-line parsers use:
/// literal characters, <c>%d</c>, <c>%x</c> and <c>%s</c>, no widths. The result is how many conversions succeeded
/// (what the kernel compares with 4 or 5) and their values in order: <c>long</c> for numbers, <c>string</c> for <c>%s</c>.
/// </summary>
internal static class KernelScanf
{
    public static (int Count, IReadOnlyList<object> Values) Scan(string text, string format)
    {
        var values = new List<object>();
        int s = 0;
        for (int f = 0; f < format.Length;)
        {
            // vsscanf (lib/vsprintf.c:3444-3448): a literal must match the next input character exactly, else stop
            if (format[f] != '%')
            {
                if (s >= text.Length || text[s] != format[f]) break;
                s++; f++;
                continue;
            }
            if (f + 1 >= format.Length) break;
            char conv = format[f + 1];
            f += 2;
            // vsscanf (lib/vsprintf.c:3506-3507): a conversion with no input left stops the scan
            if (s >= text.Length) break;
            if (conv == 's')
            {
                // vsscanf (lib/vsprintf.c:3524-3537): skip spaces, copy up to the next space
                s = SkipSpaces(text, s);
                int start = s;
                while (s < text.Length && !char.IsWhiteSpace(text[s])) s++;
                values.Add(text[start..s]);
                continue;
            }
            if (conv is not ('d' or 'x')) break;
            bool hex = conv == 'x', signed = conv == 'd';
            // vsscanf (lib/vsprintf.c:3617-3635): spaces skipped, a '-' only for signed conversions, then a digit of the base
            s = SkipSpaces(text, s);
            bool negative = signed && s < text.Length && text[s] == '-';
            int p = negative ? s + 1 : s;
            if (p >= text.Length || !(hex ? Uri.IsHexDigit(text[p]) : char.IsAsciiDigit(text[p]))) break;
            // _parse_integer_fixup_radix (lib/kstrtox.c:37-38): base 16 skips a "0x" prefix
            if (hex && p + 1 < text.Length && text[p] == '0' && (text[p + 1] | 0x20) == 'x') p += 2;
            ulong v = 0;
            while (p < text.Length && (hex ? Uri.IsHexDigit(text[p]) : char.IsAsciiDigit(text[p])))
            {
                v = unchecked(v * (hex ? 16u : 10u) + (uint)Uri.FromHex(text[p]));
                p++;
            }
            values.Add(negative ? -(long)v : (long)v);
            s = p;
        }
        return (values.Count, values);
    }

    private static int SkipSpaces(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
        return i;
    }
}
