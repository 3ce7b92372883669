using System.Text;
using ProbeSim.Import.C;

namespace ProbeSim.Import.Scan;

/// <summary>
/// Expands one use of a function-like macro #defined in the same file (a table-entry helper such as
/// <c>#define FOO_ENTRY(c, d) { .compatible = c, .data = &amp;d }</c>): parameters replaced by the arguments,
/// <c>#param</c> stringified, <c>a ## b</c> pasted, object-like #defines of the file left as they are.
/// </summary>
public static class CMacroExpander
{
    /// <summary>The tokens of <c>NAME(args)</c> expanded, or null when NAME is no function-like macro of the file or the use does not fit it.</summary>
    public static IReadOnlyList<CToken>? Expand(CFile file, IReadOnlyList<CToken> use)
    {
        if (use.Count < 3 || !use[0].IsIdent || !use[1].Is("(") || !use[^1].Is(")")) return null;
        if (!file.MacroDefines.TryGetValue(use[0].Text, out var macro)) return null;
        int close = macro.Body.IndexOf(')');
        if (close < 0) return null;
        var parameters = macro.Body[1..close].Split(',', StringSplitOptions.TrimEntries).Where(p => p.Length > 0).ToList();
        var body = CTokenizer.Lex(macro.Body[(close + 1)..]).Tokens;
        var args = SplitArgs(use);
        bool variadic = parameters.Count > 0 && parameters[^1] == "...";
        if (!variadic && args.Count != parameters.Count && !(parameters.Count == 0 && args.Count == 1 && args[0].Count == 0)) return null;
        var sb = new StringBuilder();
        for (int i = 0; i < body.Count; i++)
        {
            var t = body[i];
            if (t.Is("#") && i + 1 < body.Count && parameters.IndexOf(body[i + 1].Text) is var p && p >= 0 && p < args.Count)
            {
                sb.Append('"').Append(Text(args[p]).Replace("\\", "\\\\").Replace("\"", "\\\"")).Append("\" ");
                i++;
                continue;
            }
            if (t.Is("##")) { if (sb.Length > 0 && sb[^1] == ' ') sb.Length--; continue; }
            int index = parameters.IndexOf(t.Text);
            string text = t.IsIdent && t.Text == "__VA_ARGS__" && variadic ? string.Join(", ", args.Skip(parameters.Count - 1).Select(Text))
                : t.IsIdent && index >= 0 && index < args.Count ? Text(args[index]) : t.Text;
            sb.Append(text);
            bool pasteNext = i + 1 < body.Count && body[i + 1].Is("##");
            if (!pasteNext) sb.Append(' ');
        }
        var line = use[0].Line;
        return CTokenizer.Lex(sb.ToString()).Tokens.Select(x => x with { Line = line, Column = use[0].Column }).ToList();
    }

    private static string Text(IReadOnlyList<CToken> tokens) => string.Join(' ', tokens.Select(t => t.Text));

    private static List<IReadOnlyList<CToken>> SplitArgs(IReadOnlyList<CToken> use)
    {
        var args = new List<IReadOnlyList<CToken>>();
        var cur = new List<CToken>();
        int depth = 0;
        for (int i = 2; i < use.Count - 1; i++)
        {
            var x = use[i];
            if (depth == 0 && x.Is(",")) { args.Add(cur); cur = new(); continue; }
            if (x.Is("(") || x.Is("[") || x.Is("{")) depth++;
            else if (x.Is(")") || x.Is("]") || x.Is("}")) depth--;
            cur.Add(x);
        }
        args.Add(cur);
        return args;
    }
}
