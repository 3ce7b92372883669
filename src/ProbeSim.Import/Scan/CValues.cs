using System.Globalization;
using System.Text;
using ProbeSim.Import.C;

namespace ProbeSim.Import.Scan;

/// <summary>Resolves the values scanners need from expressions: strings (adjacent literals, #defines, KBUILD_MODNAME), numbers, symbols.</summary>
public sealed class CValues
{
    private readonly CFile _file;
    private readonly string? _modname;
    private readonly IReadOnlyDictionary<string, long> _globalNumbers;

    public CValues(CFile file, string? modname, IReadOnlyDictionary<string, long>? globalNumbers = null)
    {
        _file = file;
        _modname = modname;
        _globalNumbers = globalNumbers ?? new Dictionary<string, long>();
    }

    /// <summary>The string an expression evaluates to, or null when it is not a constant string.</summary>
    public string? String(IReadOnlyList<CToken> expr, int depth = 0)
    {
        if (expr.Count == 0 || depth > 8) return null;
        var sb = new StringBuilder();
        foreach (var t in Strip(expr))
        {
            if (t.Kind == CTokenKind.String && t.Text.StartsWith('"')) sb.Append(Unquote(t.Text));
            else if (t.IsIdent && t.Text == "KBUILD_MODNAME" && _modname is not null) sb.Append(_modname);
            else if (t.IsIdent && _file.Defines.TryGetValue(t.Text, out var body) && String(body, depth + 1) is { } s) sb.Append(s);
            else return null;
        }
        return sb.ToString();
    }

    /// <summary>The tokens without enclosing parentheses and casts.</summary>
    public static IReadOnlyList<CToken> Strip(IReadOnlyList<CToken> expr)
    {
        var e = expr;
        while (e.Count >= 2 && e[0].Is("(") && e[^1].Is(")") && Balanced(e, 1, e.Count - 1)) e = e.Skip(1).Take(e.Count - 2).ToList();
        return e;
    }

    private static bool Balanced(IReadOnlyList<CToken> e, int from, int to)
    {
        int d = 0;
        for (int i = from; i < to; i++)
        {
            if (e[i].Is("(")) d++;
            else if (e[i].Is(")") && --d < 0) return false;
        }
        return d == 0;
    }

    /// <summary>The symbol an expression names: <c>x</c>, <c>&amp;x</c>, <c>of_match_ptr(x)</c>, <c>ACPI_PTR(x)</c>, <c>pm_ptr(x)</c>.</summary>
    public string? Symbol(IReadOnlyList<CToken> expr)
    {
        var e = Strip(expr);
        if (e.Count >= 4 && e[0].IsIdent && e[1].Is("(") && e[^1].Is(")") && e[0].Text is "of_match_ptr" or "ACPI_PTR" or "pm_ptr" or "pm_sleep_ptr" or "__maybe_unused")
            return Symbol(e.Skip(2).Take(e.Count - 3).ToList());
        if (e.Count == 2 && e[0].Is("&") && e[1].IsIdent) return e[1].Text;
        if (e.Count == 1 && e[0].IsIdent) return e[0].Text;
        if (e.Count == 1 && e[0].IsIdent && _file.Defines.TryGetValue(e[0].Text, out var body)) return Symbol(body);
        return null;
    }

    /// <summary>A number: decimal/hex/octal literal (with U/L suffixes), a #define of one, or a name from the global table (pci_ids.h).</summary>
    public long? Number(IReadOnlyList<CToken> expr, int depth = 0)
    {
        var e = Strip(expr);
        if (depth > 8 || e.Count == 0) return null;
        if (e.Count == 1)
        {
            var t = e[0];
            if (t.Kind == CTokenKind.Number) return ParseNumber(t.Text);
            if (t.IsIdent)
            {
                if (_file.Defines.TryGetValue(t.Text, out var body)) return Number(body, depth + 1);
                if (_globalNumbers.TryGetValue(t.Text, out var v)) return v;
            }
            return null;
        }
        // a | b, a << n, (type) n
        for (int i = 0; i < e.Count; i++)
            if (e[i].Is("|") && Number(e.Take(i).ToList(), depth + 1) is { } l && Number(e.Skip(i + 1).ToList(), depth + 1) is { } r) return l | r;
        for (int i = 0; i < e.Count; i++)
            if (e[i].Is("<<") && Number(e.Take(i).ToList(), depth + 1) is { } l && Number(e.Skip(i + 1).ToList(), depth + 1) is { } r && r < 63) return l << (int)r;
        if (e[0].Is("~") && Number(e.Skip(1).ToList(), depth + 1) is { } n) return ~n & 0xffffffff;
        return null;
    }

    public static long? ParseNumber(string text)
    {
        var s = text.TrimEnd('u', 'U', 'l', 'L');
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return long.TryParse(s[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var h) ? h : null;
        if (s.Length > 1 && s[0] == '0' && s.All(char.IsDigit)) { try { return Convert.ToInt64(s, 8); } catch (FormatException) { return null; } }
        return long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    public static string Unquote(string literal)
    {
        var s = literal.Length >= 2 ? literal[1..^1] : literal;
        if (s.IndexOf('\\') < 0) return s;
        var sb = new StringBuilder();
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] != '\\' || i + 1 >= s.Length) { sb.Append(s[i]); continue; }
            char c = s[++i];
            sb.Append(c switch { 'n' => '\n', 't' => '\t', '0' => '\0', _ => c });
        }
        return sb.ToString();
    }

    /// <summary>The expression as source text (for unknowns).</summary>
    public static string Text(IReadOnlyList<CToken> expr) => string.Join(' ', expr.Select(t => t.Text));

    /// <summary>true for <c>true</c>/<c>1</c>.</summary>
    public bool IsTrue(IReadOnlyList<CToken> expr) => Strip(expr) is { Count: 1 } e && (e[0].Is("true") || Number(e) is > 0);
}
