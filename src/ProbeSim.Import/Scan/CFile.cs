using ProbeSim.Import.C;

namespace ProbeSim.Import.Scan;

/// <summary>A top-level definition with a brace initializer: <c>[static] [const] struct TYPE [*] NAME[[]] ... = { ... };</c>.</summary>
public sealed record CDefinition(string StructType, string Name, bool IsArray, bool IsPointer, bool IsStatic, bool InitSection, CInit Init, int Line);

/// <summary>A top-level macro invocation <c>NAME(args);</c> (module_platform_driver, CLK_OF_DECLARE, module_init, ...).</summary>
public sealed record CInvocation(string Name, IReadOnlyList<IReadOnlyList<CToken>> Args, int Line);

/// <summary>A call inside a function body.</summary>
public sealed record CCall(string Name, IReadOnlyList<IReadOnlyList<CToken>> Args, int Line);

/// <summary>A function definition with the calls its body makes, in order.</summary>
public sealed record CFunction(string Name, bool IsStatic, IReadOnlyList<CCall> Calls, int Line, int BodyStart, int BodyEnd);

/// <summary>
/// The top-level structure of one C file: initialized struct definitions, macro invocations, function definitions, and
/// object-like #defines. Every branch of an <c>#if</c> is read (a name defined twice keeps its first definition).
/// </summary>
public sealed class CFile
{
    public required string Path { get; init; }
    public required IReadOnlyList<CToken> Tokens { get; init; }
    public List<CDefinition> Definitions { get; } = new();
    public List<CInvocation> Invocations { get; } = new();
    public Dictionary<string, CFunction> Functions { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, IReadOnlyList<CToken>> Defines { get; } = new(StringComparer.Ordinal);
    /// <summary>Function-like #defines: name → (line, body text).</summary>
    public Dictionary<string, (int Line, string Body)> MacroDefines { get; } = new(StringComparer.Ordinal);

    public static CFile Parse(string path, string text)
    {
        var lexed = CTokenizer.Lex(text);
        var f = new CFile { Path = path, Tokens = BalancedBranches(lexed) };
        foreach (var d in lexed.Directives) f.ReadDirective(d);
        f.ReadTopLevel();
        return f;
    }

    /// <summary>The files the C file includes with quotes (<c>#include "foo.h"</c>), as written.</summary>
    public List<string> LocalIncludes { get; } = new();

    /// <summary>Adds the object-like #defines of an included header (names the file defines itself win).</summary>
    public void AddHeaderDefines(string headerText)
    {
        foreach (var d in CTokenizer.Lex(headerText).Directives)
            if (d.Text.StartsWith("define", StringComparison.Ordinal)) ReadDirective(d);
    }

    /// <summary>
    /// Every branch of an #if is read, except where a branch does not close the braces it opens
    /// (<c>#if X if (a) { #else if (false) { #endif</c>): reading both would open two; there only the first branch is kept, so that the file's
    /// structure stays balanced.
    /// </summary>
    private static IReadOnlyList<CToken> BalancedBranches(CTokens lexed)
    {
        var groups = new List<List<(int From, int To)>>();
        var stack = new Stack<(List<(int From, int To)> Branches, int Start)>();
        foreach (var d in lexed.Directives)
        {
            var word = d.Text.Split([' ', '\t', '('], 2)[0];
            if (word is "if" or "ifdef" or "ifndef") stack.Push((new List<(int, int)>(), d.Line));
            else if (word is "elif" or "else" or "elifdef" or "elifndef" && stack.Count > 0)
            {
                var (branches, start) = stack.Pop();
                branches.Add((start, d.Line));
                stack.Push((branches, d.Line));
            }
            else if (word == "endif" && stack.Count > 0)
            {
                var (branches, start) = stack.Pop();
                branches.Add((start, d.Line));
                if (branches.Count > 1) groups.Add(branches);
            }
        }
        if (groups.Count == 0) return lexed.Tokens;
        int Delta(int from, int to) => lexed.Tokens.Where(t => t.Line > from && t.Line < to).Sum(t => t.Is("{") ? 1 : t.Is("}") ? -1 : 0);
        var dropped = new List<(int From, int To)>();
        foreach (var g in groups)
        {
            var deltas = g.Select(b => Delta(b.From, b.To)).ToList();
            if (deltas.Any(x => x != 0)) dropped.AddRange(g.Skip(1));
        }
        if (dropped.Count == 0) return lexed.Tokens;
        return lexed.Tokens.Where(t => !dropped.Any(r => t.Line > r.From && t.Line < r.To)).ToList();
    }

    private void ReadDirective(CDirective d)
    {
        var s = d.Text;
        if (s.StartsWith("include", StringComparison.Ordinal))
        {
            var rest = s[7..].Trim();
            if (rest.Length > 2 && rest[0] == '"' && rest[^1] == '"') LocalIncludes.Add(rest[1..^1]);
            return;
        }
        if (!s.StartsWith("define", StringComparison.Ordinal)) return;
        s = s[6..].TrimStart();
        int n = 0;
        while (n < s.Length && (char.IsLetterOrDigit(s[n]) || s[n] == '_')) n++;
        if (n == 0) return;
        var name = s[..n];
        if (n < s.Length && s[n] == '(') { MacroDefines.TryAdd(name, (d.Line, s[n..])); return; }
        Defines.TryAdd(name, CTokenizer.Lex(s[n..]).Tokens);
    }

    private void ReadTopLevel()
    {
        var t = Tokens;
        int i = 0, stmtStart = 0;
        while (i < t.Count)
        {
            var tok = t[i];
            if (tok.Is(";")) { i++; stmtStart = i; continue; }
            if (tok.Is("=") && i + 1 < t.Count && t[i + 1].Is("{"))
            {
                int j = i + 1;
                var init = CInitializerParser.Parse(t, ref j);
                AddDefinition(stmtStart, i, init);
                i = j;
                continue;
            }
            if (tok.Is("=") && i + 1 < t.Count && t[i + 1].Kind == CTokenKind.String && i >= 3 && t[i - 1].Is("]")
                && Enumerable.Range(stmtStart, i - stmtStart).Any(k => t[k].Is("char")))
            {
                // static const char NAME[] = "text": a name drivers use like a #define (dwc2_driver_name)
                int open = i - 1;
                while (open > stmtStart && !t[open].Is("[")) open--;
                if (open > stmtStart && t[open - 1].IsIdent)
                {
                    var strings = new List<CToken>();
                    for (int k = i + 1; k < t.Count && t[k].Kind == CTokenKind.String; k++) strings.Add(t[k]);
                    Defines.TryAdd(t[open - 1].Text, strings);
                }
            }
            if (tok.Is("{"))
            {
                int close = MatchBrace(i);
                if (i > 0 && t[i - 1].Is(")") && FunctionName(i - 1) is { } fn)
                {
                    bool isStatic = Enumerable.Range(stmtStart, Math.Max(0, fn.NameIndex - stmtStart)).Any(k => t[k].Is("static"));
                    Functions.TryAdd(fn.Name, new CFunction(fn.Name, isStatic, Calls(i + 1, close), t[fn.NameIndex].Line, i + 1, close));
                    i = close + 1;
                    stmtStart = i;
                    continue;
                }
                i = close + 1; // struct/enum/union body
                continue;
            }
            if (tok.IsIdent && i == stmtStart && i + 1 < t.Count && t[i + 1].Is("("))
            {
                int close = MatchParen(i + 1);
                // a known macro needs no ';' after it (device_initcall(x) at the end of a line, as arm64's perf_event.c has it)
                if (close + 1 < t.Count && t[close + 1].Is(";") || close + 1 >= t.Count || IsInvocationName(tok.Text) && !(close + 1 < t.Count && t[close + 1].Is("{"))
                    || (close + 1 < t.Count && t[close + 1].IsIdent && IsInvocationName(t[close + 1].Text)))
                {
                    Invocations.Add(new CInvocation(tok.Text, Args(i + 1, close), tok.Line));
                    i = close + 1;
                    if (i < t.Count && t[i].Is(";")) i++;
                    stmtStart = i;
                    continue;
                }
            }
            i++;
        }
    }

    private static bool IsInvocationName(string s) => s.Contains("DECLARE") || s.StartsWith("IRQCHIP_", StringComparison.Ordinal) || s == "module_init" || s.EndsWith("_initcall", StringComparison.Ordinal) || s.StartsWith("module_", StringComparison.Ordinal) || s.StartsWith("builtin_", StringComparison.Ordinal) || s.StartsWith("MODULE_", StringComparison.Ordinal) || s.StartsWith("EXPORT_", StringComparison.Ordinal);

    private void AddDefinition(int start, int eq, CInit init)
    {
        var t = Tokens;
        int s = -1;
        for (int k = start; k < eq; k++) if (t[k].Is("struct")) { s = k; break; }
        if (s < 0 || s + 1 >= eq) return;
        var type = t[s + 1].Text;
        bool pointer = false, array = false, initSection = false;
        string? name = null;
        for (int k = s + 2; k < eq; k++)
        {
            var x = t[k];
            if (x.Is("*")) pointer = true;
            else if (x.Is("[")) { array = true; while (k < eq && !t[k].Is("]")) k++; }
            else if (x.Is("(")) { while (k < eq && !t[k].Is(")")) k++; }
            else if (x.IsIdent && x.Text is "__initconst" or "__initdata" or "__initconst_or_module") initSection = true;
            else if (x.IsIdent && name is null && x.Text is not ("const" or "volatile") && !x.Text.StartsWith("__", StringComparison.Ordinal)) name = x.Text;
        }
        if (name is null) return;
        bool isStatic = Enumerable.Range(start, s - start).Any(k => t[k].Is("static"));
        Definitions.Add(new CDefinition(type, name, array, pointer, isStatic, initSection, init, t[s].Line));
    }

    private (string Name, int NameIndex)? FunctionName(int closeParen)
    {
        int depth = 0;
        for (int k = closeParen; k >= 0; k--)
        {
            if (Tokens[k].Is(")")) depth++;
            else if (Tokens[k].Is("(") && --depth == 0)
                return k > 0 && Tokens[k - 1].IsIdent ? (Tokens[k - 1].Text, k - 1) : null;
        }
        return null;
    }

    private List<CCall> Calls(int from, int to)
    {
        var calls = new List<CCall>();
        for (int k = from; k < to; k++)
            if (Tokens[k].IsIdent && k + 1 < to && Tokens[k + 1].Is("(") && Tokens[k].Text is not ("if" or "while" or "for" or "switch" or "return" or "sizeof"))
            {
                int close = MatchParen(k + 1);
                calls.Add(new CCall(Tokens[k].Text, Args(k + 1, close), Tokens[k].Line));
            }
        return calls;
    }

    public int MatchBrace(int open) => Match(open, "{", "}");

    public int MatchParen(int open) => Match(open, "(", ")");

    private int Match(int open, string o, string c)
    {
        int depth = 0;
        for (int k = open; k < Tokens.Count; k++)
        {
            if (Tokens[k].Is(o)) depth++;
            else if (Tokens[k].Is(c) && --depth == 0) return k;
        }
        return Tokens.Count - 1;
    }

    /// <summary>The comma-separated arguments between a '(' and its ')'.</summary>
    public List<IReadOnlyList<CToken>> Args(int open, int close)
    {
        var args = new List<IReadOnlyList<CToken>>();
        var cur = new List<CToken>();
        int depth = 0;
        for (int k = open + 1; k < close; k++)
        {
            var x = Tokens[k];
            if (depth == 0 && x.Is(",")) { args.Add(cur); cur = new List<CToken>(); continue; }
            if (x.Is("(") || x.Is("[") || x.Is("{")) depth++;
            else if (x.Is(")") || x.Is("]") || x.Is("}")) depth--;
            cur.Add(x);
        }
        if (cur.Count > 0 || args.Count > 0) args.Add(cur);
        return args;
    }
}
