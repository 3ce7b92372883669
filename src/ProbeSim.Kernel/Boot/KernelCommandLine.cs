namespace ProbeSim.Kernel.Boot;

/// <summary>The kernel command line, split the way parse_args does (key=value, quotes allowed around values).</summary>
public sealed class KernelCommandLine
{
    private readonly List<KeyValuePair<string, string?>> _params = new();

    public KernelCommandLine(string text)
    {
        Text = text.Trim();
        int i = 0;
        while (i < Text.Length)
        {
            while (i < Text.Length && char.IsWhiteSpace(Text[i])) i++;
            if (i >= Text.Length) break;
            var sb = new System.Text.StringBuilder();
            bool quoted = false;
            while (i < Text.Length && (quoted || !char.IsWhiteSpace(Text[i])))
            {
                if (Text[i] == '"') quoted = !quoted; else sb.Append(Text[i]);
                i++;
            }
            var token = sb.ToString();
            int eq = token.IndexOf('=');
            // parse_args: dashes and underscores are equivalent in parameter names
            if (eq < 0) _params.Add(new(token, null));
            else _params.Add(new(token[..eq], token[(eq + 1)..]));
        }
    }

    public string Text { get; }

    /// <summary>Every parameter in command-line order (name, value; null when written without '='), as parse_args hands them on.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Parameters => _params;

    /// <summary>The last value given for a parameter (later ones win, as with kernel params), or null.</summary>
    public string? Get(string name)
    {
        string? value = null;
        foreach (var (k, v) in _params)
            if (SameName(k, name)) value = v ?? "";
        return value;
    }

    /// <summary>Every value given for a parameter, in command-line order (early_param handlers run once per occurrence).</summary>
    public IEnumerable<string> All(string name)
    {
        foreach (var (k, v) in _params)
            if (SameName(k, name)) yield return v ?? "";
    }

    /// <summary>kstrtobool: 1/y/Y/on and 0/n/N/off (first character decides for y/n/1/0); null when not a boolean.</summary>
    public static bool? ParseBool(string value)
    {
        if (value.Length == 0) return null;
        switch (value[0])
        {
            case '1' or 'y' or 'Y': return true;
            case '0' or 'n' or 'N': return false;
            case 'o' or 'O' when value.Length > 1:
                return value[1] is 'n' or 'N' ? true : value[1] is 'f' or 'F' ? false : null;
            default: return null;
        }
    }

    public bool Has(string name) => _params.Any(p => SameName(p.Key, name));

    private static bool SameName(string a, string b) =>
        a.Length == b.Length && a.Replace('-', '_') == b.Replace('-', '_');

    public override string ToString() => Text;
}
