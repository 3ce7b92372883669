using System.Globalization;

namespace ProbeSim.DeviceTree.Overlays;

/// <summary>One <c>path:property:offset</c> string of a <c>__fixups__</c> property.</summary>
internal readonly record struct FixupEntry(string Path, string Property, int Offset)
{
    // overlay_fixup_phandle: "path:name:offset" with a non-empty name and a decimal offset that ends the string
    public static FixupEntry? Parse(string text)
    {
        var sep1 = text.IndexOf(':');
        if (sep1 < 0 || sep1 == text.Length - 1) return null;
        var sep2 = text.IndexOf(':', sep1 + 1);
        if (sep2 < 0 || sep2 == sep1 + 1) return null;
        var offset = ParseStrtoul(text.AsSpan(sep2 + 1));
        if (offset is null) return null;
        return new FixupEntry(text[..sep1], text[(sep1 + 1)..sep2], offset.Value);
    }

    /// <summary>strtoul(…, 10) that must consume everything: leading blanks, a sign, at least one digit; the result cast to int as C does.</summary>
    private static int? ParseStrtoul(ReadOnlySpan<char> s)
    {
        var i = 0;
        while (i < s.Length && s[i] is ' ' or '\t' or '\n' or '\v' or '\f' or '\r') i++;
        var negative = false;
        if (i < s.Length && s[i] is '+' or '-') negative = s[i++] == '-';
        var start = i;
        ulong value = 0;
        var overflow = false;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
        {
            var digit = (ulong)(s[i] - '0');
            if (value > (ulong.MaxValue - digit) / 10) overflow = true;
            else value = value * 10 + digit;
        }
        if (i == start || i != s.Length) return null;
        if (overflow) value = ulong.MaxValue;
        if (negative) value = unchecked(0 - value);
        return unchecked((int)value);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Path}:{Property}:{Offset}");
}
