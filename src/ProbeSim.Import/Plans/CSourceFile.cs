using ProbeSim.Import.C;

namespace ProbeSim.Import.Plans;

/// <summary>A function definition found in a file: its name token and the token indices of its parameter list and body braces.</summary>
public sealed record CFunction(string Name, int NameIndex, int ParamsOpen, int ParamsClose, int BodyOpen, int BodyClose, bool IsStatic);

/// <summary>
/// One lexed C file with the index a probe scan needs: the matching bracket of every bracket token, the function
/// definitions (name → token range), and the string constants its <c>#define</c> lines give (for cell and clock names).
/// Every <c>#if</c> branch is read (the tokenizer does not execute directives), so a definition that appears in two
/// branches keeps the first.
/// </summary>
public sealed partial class CSourceFile
{
    public string RelativePath { get; }
    public IReadOnlyList<CToken> Tokens { get; }
    public IReadOnlyDictionary<string, CFunction> Functions { get; }
    public IReadOnlyDictionary<string, string> StringDefines { get; }
    private readonly int[] _match;

    public CSourceFile(string relativePath, string text)
    {
        RelativePath = relativePath;
        var lexed = CTokenizer.Lex(text);
        Tokens = lexed.Tokens;
        _match = MatchBrackets(lexed.Tokens, lexed.Directives);
        Functions = IndexFunctions(lexed.Tokens, _match);
        StringDefines = ReadStringDefines(lexed.Directives);
        CallMacros = ReadCallMacros(lexed.Directives);
        LocalIncludes = lexed.Directives.Select(d => d.Text.Trim()).Where(t => t.StartsWith("include", StringComparison.Ordinal))
            .Select(t => t[7..].Trim()).Where(r => r.Length > 2 && r[0] == '"' && r[^1] == '"').Select(r => r[1..^1]).ToList();
    }

    /// <summary>Function-like macros whose body is one call (<c>#define sunxi_pinctrl_init(d, x) sunxi_pinctrl_init_with_variant(d, x, 0)</c>): name → the function called.</summary>
    public IReadOnlyDictionary<string, string> CallMacros { get; }

    /// <summary>The headers the file includes with quotes (<c>#include "clk.h"</c>), as written, in order.</summary>
    public IReadOnlyList<string> LocalIncludes { get; }

    public CToken this[int i] => Tokens[i];
    public int Count => Tokens.Count;

    /// <summary>The index of the bracket matching the one at <paramref name="i"/>, or -1.</summary>
    public int Match(int i) => i >= 0 && i < _match.Length ? _match[i] : -1;

    public bool Is(int i, string text) => i >= 0 && i < Tokens.Count && Tokens[i].Text == text;

    // brackets are matched as the first branch of every #if reads; an #else/#elif branch starts again from the
    // stack at its #if, so "#ifdef A if (a) { #else if (b) { #endif" still closes with one brace
    private static int[] MatchBrackets(IReadOnlyList<CToken> t, IReadOnlyList<CDirective> directives)
    {
        var match = new int[t.Count];
        Array.Fill(match, -1);
        var stack = new List<int>();
        var frames = new List<(List<int> AtIf, List<int>? FirstEnd)>();
        int d = 0;
        for (int i = 0; i < t.Count; i++)
        {
            for (; d < directives.Count && directives[d].Line < t[i].Line; d++)
            {
                var text = directives[d].Text;
                if (text.StartsWith("if", StringComparison.Ordinal)) frames.Add((new List<int>(stack), null));
                else if (frames.Count > 0 && (text.StartsWith("else", StringComparison.Ordinal) || text.StartsWith("elif", StringComparison.Ordinal)))
                {
                    var fr = frames[^1];
                    frames[^1] = (fr.AtIf, fr.FirstEnd ?? new List<int>(stack));
                    stack = new List<int>(fr.AtIf);
                }
                else if (frames.Count > 0 && text.StartsWith("endif", StringComparison.Ordinal))
                {
                    var fr = frames[^1];
                    frames.RemoveAt(frames.Count - 1);
                    if (fr.FirstEnd is not null) stack = fr.FirstEnd;
                }
            }
            if (t[i].Kind != CTokenKind.Punct) continue;
            var s = t[i].Text;
            if (s is "(" or "{" or "[") { stack.Add(i); continue; }
            string open = s switch { ")" => "(", "}" => "{", "]" => "[", _ => "" };
            if (open.Length == 0) continue;
            // a stray closer of another kind: pop unmatched openers until this closer's kind
            int k = stack.Count - 1;
            while (k >= 0 && t[stack[k]].Text != open) k--;
            if (k < 0) continue;
            match[i] = stack[k];
            match[stack[k]] = i;
            stack.RemoveRange(k, stack.Count - k);
        }
        return match;
    }

    private static Dictionary<string, CFunction> IndexFunctions(IReadOnlyList<CToken> t, int[] match)
    {
        var result = new Dictionary<string, CFunction>(StringComparer.Ordinal);
        int declStart = 0;
        for (int i = 0; i < t.Count; i++)
        {
            var tok = t[i];
            if (tok.Is(";") || tok.Is("}")) { declStart = i + 1; continue; }
            if (tok.Is("{") || tok.Is("[") || (tok.Is("(") && !(i > 0 && t[i - 1].IsIdent)))
            {
                // a brace at file level not preceded by a parameter list: an initializer or a struct body
                if (match[i] > i) i = match[i];
                continue;
            }
            if (!tok.Is("(") || match[i] < 0) continue;
            var name = t[i - 1];
            int close = match[i];
            int j = close + 1;
            // attributes between ')' and '{': __acquires(x), __must_hold(x)
            while (j < t.Count && t[j].IsIdent && j + 1 < t.Count && t[j + 1].Is("(") && match[j + 1] > 0) j = match[j + 1] + 1;
            if (j < t.Count && t[j].Is("{") && match[j] > j && !IsKeyword(name.Text))
            {
                bool isStatic = false;
                for (int k = declStart; k < i - 1; k++) if (t[k].Is("static")) isStatic = true;
                result.TryAdd(name.Text, new CFunction(name.Text, i - 1, i, close, j, match[j], isStatic));
                i = match[j];
                declStart = i + 1;
                continue;
            }
            i = close;
        }
        return result;
    }

    internal static bool IsKeyword(string s) => s is "if" or "while" or "for" or "switch" or "return" or "sizeof"
        or "typeof" or "__typeof__" or "_Generic" or "defined" or "do" or "else" or "case" or "alignof" or "__alignof__"
        or "_Alignof" or "__attribute__" or "asm" or "__asm__" or "offsetof";

    private static Dictionary<string, string> ReadCallMacros(IReadOnlyList<CDirective> directives)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in directives)
        {
            if (!d.Text.StartsWith("define", StringComparison.Ordinal)) continue;
            var m = CallMacro().Match(d.Text);
            if (m.Success) result.TryAdd(m.Groups[1].Value, m.Groups[2].Value);
        }
        return result;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^define\s+([A-Za-z_]\w*)\([^)]*\)[\s\\]*([a-z_]\w*)\s*\([^;]*\)\s*$")]
    private static partial System.Text.RegularExpressions.Regex CallMacro();

    private static Dictionary<string, string> ReadStringDefines(IReadOnlyList<CDirective> directives)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in directives)
        {
            if (!d.Text.StartsWith("define", StringComparison.Ordinal)) continue;
            var rest = d.Text[6..].Trim();
            int sp = 0;
            while (sp < rest.Length && (char.IsLetterOrDigit(rest[sp]) || rest[sp] == '_')) sp++;
            if (sp == 0 || sp >= rest.Length) continue;
            var name = rest[..sp];
            var value = rest[sp..].Trim();
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"' && value.IndexOf('"', 1) == value.Length - 1)
                result.TryAdd(name, value[1..^1]);
        }
        return result;
    }
}
