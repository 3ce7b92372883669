using System.Globalization;
using System.Text;

using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Drivers.Imported;

/// <summary>
/// The field encoding of the driver-set TSV files (docs/kernel/driver-set-format.md): <c>-</c> is null, <c>\e</c> the
/// empty string, and <c>\\</c>, <c>\t</c>, <c>\n</c>, <c>\r</c>, <c>\-</c> escape a backslash, tab, newline, carriage
/// return and a text that is exactly "-". Enum values are written in lower kebab case (<c>BuiltIn</c> → <c>built-in</c>).
/// </summary>
internal static class DriverSetText
{
    public static string Field(string? s)
    {
        if (s is null) return "-";
        if (s.Length == 0) return "\\e";
        if (s == "-") return "\\-";
        if (s.IndexOfAny(['\\', '\t', '\n', '\r']) < 0) return s;
        var sb = new StringBuilder(s.Length + 4);
        foreach (var c in s)
            sb.Append(c switch { '\\' => "\\\\", '\t' => "\\t", '\n' => "\\n", '\r' => "\\r", _ => c.ToString() });
        return sb.ToString();
    }

    /// <summary>Decodes a field; null for "-"; an error for a bad escape.</summary>
    public static string? Unfield(TsvRow row, int field)
    {
        var s = row[field];
        if (s == "-") return null;
        if (s == "\\e") return "";
        if (s == "\\-") return "-";
        if (s.IndexOf('\\') < 0) return s;
        var sb = new StringBuilder(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] != '\\') { sb.Append(s[i]); continue; }
            if (i + 1 >= s.Length) throw row.Error(field, "a lone '\\' at the end of the field");
            sb.Append(s[++i] switch
            {
                '\\' => '\\', 't' => '\t', 'n' => '\n', 'r' => '\r',
                _ => throw row.Error(field, $"unknown escape '\\{s[i]}' (expected \\\\, \\t, \\n, \\r, \\- or \\e)"),
            });
        }
        return sb.ToString();
    }

    public static string Required(TsvRow row, int field, string what) =>
        Unfield(row, field) is { Length: > 0 } s ? s : throw row.Error(field, $"empty {what}");

    public static string Enum<T>(T value) where T : struct, System.Enum => EnumWords.Kebab(value);

    public static T ParseEnum<T>(TsvRow row, int field, string what) where T : struct, System.Enum
    {
        var s = row[field];
        foreach (var v in System.Enum.GetValues<T>())
            if (Enum(v) == s) return v;
        throw row.Error(field, $"unknown {what} '{s}' (expected {string.Join(", ", System.Enum.GetValues<T>().Select(v => Enum(v)))})");
    }

    public static T? ParseOptionalEnum<T>(TsvRow row, int field, string what) where T : struct, System.Enum =>
        row[field] == "-" ? null : ParseEnum<T>(row, field, what);

    public static string Bool(bool b) => b ? "yes" : "no";

    public static bool ParseBool(TsvRow row, int field, string what) => row[field] switch
    {
        "yes" => true, "no" => false, _ => throw row.Error(field, $"bad {what} '{row[field]}' (expected yes or no)"),
    };

    public static string Int(int? i) => i is { } v ? v.ToString(CultureInfo.InvariantCulture) : "-";

    public static int? ParseInt(TsvRow row, int field, string what, bool optional = true)
    {
        var s = row[field];
        if (s == "-" && optional) return null;
        if (!int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) || v < 0)
            throw row.Error(field, $"bad {what} '{s}' (expected a non-negative number)");
        return v;
    }

    public static string Source(SourceLine? s) => s is { } v ? Field(v.ToString()) : "-";

    /// <summary>file:line (line ≥ 1) or a bare file (line 0).</summary>
    public static SourceLine? ParseSource(TsvRow row, int field)
    {
        var s = Unfield(row, field);
        if (s is null) return null;
        if (s.Length == 0) throw row.Error(field, "empty source");
        int colon = s.LastIndexOf(':');
        if (colon > 0 && colon + 1 < s.Length && s[(colon + 1)..].All(char.IsAsciiDigit))
        {
            if (!int.TryParse(s[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var line) || line == 0)
                throw row.Error(field, $"bad line number in '{s}'");
            return new SourceLine(s[..colon], line);
        }
        return new SourceLine(s, 0);
    }

    public static SourceLine RequiredSource(TsvRow row, int field) => ParseSource(row, field) ?? throw row.Error(field, "a source file:line is required");
}
