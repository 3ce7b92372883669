namespace ProbeSim.Cli.Parsing;

/// <summary>
/// Directives (<c>[suggest:N]</c>, <c>[diagram]</c>) are the bracketed words before the command. System.CommandLine
/// takes each at most once and throws when one comes twice, so a repeated directive is refused here, in one line.
/// </summary>
public static class DirectiveCheck
{
    /// <summary>The first directive given twice, or null.</summary>
    public static string? Repeated(IReadOnlyList<string> args)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in args)
        {
            if (a.Length < 3 || a[0] != '[' || a[^1] != ']') break;
            int colon = a.IndexOf(':');
            var name = a[1..(colon > 0 ? colon : a.Length - 1)];
            if (!seen.Add(name)) return name;
        }
        return null;
    }
}
