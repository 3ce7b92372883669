namespace ProbeSim.Import.Plans;

/// <summary>
/// The literal values a caller passes to a followed helper's parameters (a string or an integer), so a getter in the
/// helper that uses the parameter as its name or index gets the caller's value.
/// </summary>
internal sealed class Bindings
{
    public static readonly Bindings Empty = new(new Dictionary<string, (string?, int?)>(StringComparer.Ordinal));

    private readonly Dictionary<string, (string? Str, int? Int)> _values;

    private Bindings(Dictionary<string, (string?, int?)> values) => _values = values;

    /// <summary>Binds <paramref name="callee"/>'s parameters to the literal arguments of the call at <paramref name="call"/> in <paramref name="caller"/>.</summary>
    public static Bindings Of(CSourceFile caller, int call, CSourceFile calleeFile, CFunction callee, Bindings outer)
    {
        if (!caller.Is(call + 1, "(")) return Empty;
        var args = CSyntax.Args(caller, call + 1);
        var names = ParameterNames(calleeFile, callee);
        var values = new Dictionary<string, (string?, int?)>(StringComparer.Ordinal);
        for (int k = 0; k < Math.Min(args.Count, names.Count); k++)
        {
            if (names[k] is not { } n) continue;
            var a = args[k];
            var str = CSyntax.StringLiteral(caller, a.Start, a.End) ?? outer.String(caller, a);
            var num = CSyntax.IntLiteral(caller, a) ?? outer.Int(caller, a);
            if (str is not null || num is not null) values[n] = (str, num);
        }
        return values.Count == 0 ? Empty : new Bindings(values);
    }

    public string? String(CSourceFile f, (int Start, int End) a)
        => a.End - a.Start == 1 && _values.TryGetValue(f[a.Start].Text, out var v) ? v.Str : null;

    public int? Int(CSourceFile f, (int Start, int End) a)
        => a.End - a.Start == 1 && _values.TryGetValue(f[a.Start].Text, out var v) ? v.Int : null;

    // the last identifier of each parameter declaration (null for a function-pointer or unnamed parameter)
    private static List<string?> ParameterNames(CSourceFile f, CFunction fn)
    {
        var names = new List<string?>();
        foreach (var (start, end) in CSyntax.Args(f, fn.ParamsOpen))
        {
            string? name = null;
            for (int k = end - 1; k >= start; k--)
            {
                if (f[k].Text is "(" or ")") break;
                if (f[k].IsIdent) { name = f[k].Text; break; }
            }
            names.Add(name is "void" ? null : name);
        }
        return names;
    }
}
