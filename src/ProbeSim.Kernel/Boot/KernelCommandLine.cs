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

    /// <summary>The last value given for a parameter (later ones win, as with kernel params), or null.</summary>
    public string? Get(string name)
    {
        string? value = null;
        foreach (var (k, v) in _params)
            if (SameName(k, name)) value = v ?? "";
        return value;
    }

    public bool Has(string name) => _params.Any(p => SameName(p.Key, name));

    private static bool SameName(string a, string b) =>
        a.Length == b.Length && a.Replace('-', '_') == b.Replace('-', '_');

    public override string ToString() => Text;
}
