using ProbeSim.Import.C;

namespace ProbeSim.Import.Scan;

/// <summary>A brace initializer: its elements in order, each with its designator (<c>.driver.name</c> → "driver.name") or null.</summary>
public sealed record CInit(IReadOnlyList<CInitElement> Elements, int Line)
{
    /// <summary>Flattens designators into a dictionary: <c>.driver = { .name = x }</c> and <c>.driver.name = x</c> both give "driver.name" → x.</summary>
    public Dictionary<string, CInitElement> Fields()
    {
        var d = new Dictionary<string, CInitElement>(StringComparer.Ordinal);
        void Add(string prefix, CInit init)
        {
            foreach (var e in init.Elements)
            {
                if (e.Designator is null) continue;
                var key = prefix + e.Designator;
                d.TryAdd(key, e);
                if (e.Nested is { } n) Add(key + ".", n);
            }
        }
        Add("", this);
        return d;
    }

    /// <summary>Positional elements (no designator), in order.</summary>
    public IReadOnlyList<CInitElement> Positional => Elements.Where(e => e.Designator is null).ToList();
}

/// <summary>One initializer element: an expression (tokens) or a nested brace list.</summary>
public sealed record CInitElement(string? Designator, IReadOnlyList<CToken> Expr, CInit? Nested, int Line);

/// <summary>Parses C brace initializers from a token list.</summary>
public static class CInitializerParser
{
    /// <summary>Parses the braces starting at <paramref name="i"/> (a '{'); <paramref name="i"/> ends after the '}'.</summary>
    public static CInit Parse(IReadOnlyList<CToken> t, ref int i)
    {
        int line = t[i].Line;
        i++; // {
        var elements = new List<CInitElement>();
        while (i < t.Count && !t[i].Is("}"))
        {
            string? designator = null;
            int elementLine = t[i].Line;
            if (t[i].Is(".") || t[i].Is("["))
            {
                int j = i;
                var parts = new List<string>();
                while (j < t.Count && (t[j].Is(".") || t[j].Is("[")))
                {
                    if (t[j].Is(".") && j + 1 < t.Count && t[j + 1].IsIdent) { parts.Add(t[j + 1].Text); j += 2; }
                    else if (t[j].Is("["))
                    {
                        int depth = 0;
                        var sb = new System.Text.StringBuilder("[");
                        for (j++; j < t.Count; j++)
                        {
                            if (t[j].Is("[")) depth++;
                            else if (t[j].Is("]")) { if (depth-- == 0) break; }
                            sb.Append(t[j].Text);
                        }
                        parts.Add(sb.Append(']').ToString());
                        j++;
                    }
                    else break;
                }
                if (j < t.Count && t[j].Is("=")) { designator = string.Join('.', parts); i = j + 1; }
            }
            if (i >= t.Count) break;
            if (t[i].Is("{"))
            {
                var nested = Parse(t, ref i);
                elements.Add(new CInitElement(designator, Array.Empty<CToken>(), nested, elementLine));
            }
            else
            {
                var expr = new List<CToken>();
                int depth = 0;
                while (i < t.Count)
                {
                    var tok = t[i];
                    if (depth == 0 && (tok.Is(",") || tok.Is("}"))) break;
                    if (tok.Is("(") || tok.Is("[") || tok.Is("{")) depth++;
                    else if (tok.Is(")") || tok.Is("]") || tok.Is("}")) depth--;
                    expr.Add(tok);
                    i++;
                }
                if (expr.Count > 0 || designator is not null) elements.Add(new CInitElement(designator, expr, null, elementLine));
            }
            if (i < t.Count && t[i].Is(",")) i++;
        }
        if (i < t.Count) i++; // }
        return new CInit(elements, line);
    }
}
