using System.Text;
using ProbeSim.Import.C;

namespace ProbeSim.Import.Plans;

/// <summary>Token-level C helpers the probe scanner needs: argument lists, statements, string literals.</summary>
internal static class CSyntax
{
    /// <summary>The top-level arguments of the call whose '(' is at <paramref name="open"/>: [start, end) token ranges.</summary>
    public static List<(int Start, int End)> Args(CSourceFile f, int open)
    {
        var args = new List<(int, int)>();
        int close = f.Match(open);
        if (close < 0) return args;
        int start = open + 1;
        for (int i = open + 1; i < close; i++)
        {
            var t = f[i];
            if ((t.Is("(") || t.Is("{") || t.Is("[")) && f.Match(i) > i) { i = f.Match(i); continue; }
            if (t.Is(",")) { args.Add((start, i)); start = i + 1; }
        }
        if (close > start || args.Count > 0) args.Add((start, close));
        return args;
    }

    public static string Text(CSourceFile f, int start, int end)
    {
        var sb = new StringBuilder();
        for (int i = start; i < end; i++) sb.Append(f[i].Text);
        return sb.ToString();
    }

    /// <summary>The string an argument spells when it is only string literals (adjacent ones joined) or a #define of one; null otherwise. A trailing "\n" is dropped.</summary>
    public static string? StringLiteral(CSourceFile f, int start, int end)
    {
        if (start >= end) return null;
        var sb = new StringBuilder();
        for (int i = start; i < end; i++)
        {
            var t = f[i];
            if (t.Kind == CTokenKind.String && t.Text.EndsWith('"'))
            {
                int q = t.Text.IndexOf('"');
                sb.Append(t.Text, q + 1, t.Text.Length - q - 2);
            }
            else if (t.IsIdent && f.StringDefines.TryGetValue(t.Text, out var v)) sb.Append(v);
            else return null;
        }
        var s = sb.ToString();
        return s.EndsWith("\\n", StringComparison.Ordinal) ? s[..^2] : s;
    }

    public static bool IsNull(CSourceFile f, (int Start, int End) a) => a.End - a.Start == 1 && f[a.Start].Text is "NULL" or "0";

    public static int? IntLiteral(CSourceFile f, (int Start, int End) a)
        => a.End - a.Start == 1 && f[a.Start].Kind == CTokenKind.Number && int.TryParse(f[a.Start].Text, out var n) ? n : null;

    /// <summary>The first token of the statement holding token <paramref name="i"/>, not before <paramref name="floor"/>.</summary>
    public static int StatementStart(CSourceFile f, int i, int floor)
    {
        int j = i - 1;
        while (j >= floor)
        {
            var t = f[j];
            if (t.Is(";") || t.Is("{") || t.Is("}")) return j + 1;
            if ((t.Is(")") || t.Is("]")) && f.Match(j) >= 0 && f.Match(j) < j) { j = f.Match(j) - 1; continue; }
            if (t.Is("(") ) return j + 1; // inside a condition or call: the statement is the expression in it
            j--;
        }
        return floor;
    }

    /// <summary>The ';' ending the expression statement holding <paramref name="i"/> (brackets skipped), or <paramref name="ceiling"/>.</summary>
    public static int StatementEnd(CSourceFile f, int i, int ceiling)
    {
        for (int j = i; j < ceiling; j++)
        {
            var t = f[j];
            if ((t.Is("(") || t.Is("[") || t.Is("{")) && f.Match(j) > j) { j = f.Match(j); continue; }
            if (t.Is(";")) return j;
            if (t.Is("}")) return j;
        }
        return ceiling;
    }

    /// <summary>The last token of the statement starting at <paramref name="s"/> (if/else, loops, blocks, do-while included).</summary>
    public static int StatementLast(CSourceFile f, int s, int ceiling)
    {
        if (s >= ceiling) return ceiling;
        var t = f[s];
        if (t.Is("{")) return f.Match(s) > s ? f.Match(s) : ceiling;
        if ((t.Is("if") || t.Is("while") || t.Is("for") || t.Is("switch")) && f.Is(s + 1, "(") && f.Match(s + 1) > s)
        {
            int body = f.Match(s + 1) + 1;
            int last = StatementLast(f, body, ceiling);
            if (t.Is("if") && f.Is(last + 1, "else")) last = StatementLast(f, last + 2, ceiling);
            return last;
        }
        if (t.Is("do"))
        {
            int last = StatementLast(f, s + 1, ceiling);
            return StatementEnd(f, last + 1, ceiling);
        }
        if (t.IsIdent && f.Is(s + 1, ":") ) return s + 1; // a label
        return StatementEnd(f, s, ceiling);
    }

    /// <summary>For an if statement at <paramref name="s"/>: its condition [start, end) and its then-body [start, last].</summary>
    public static (int CondStart, int CondEnd, int BodyStart, int BodyLast) IfParts(CSourceFile f, int s, int ceiling)
    {
        int open = s + 1, close = f.Match(open);
        if (!f.Is(open, "(") || close < open) return (open, open, open, open); // unbalanced: an empty if
        int body = close + 1;
        return (open + 1, close, body, StatementLast(f, body, ceiling));
    }

    /// <summary>Whether the tokens [start, end) contain the token sequence <paramref name="seq"/>.</summary>
    public static bool Contains(CSourceFile f, int start, int end, IReadOnlyList<string> seq)
    {
        if (seq.Count == 0) return false;
        for (int i = start; i + seq.Count <= end; i++)
        {
            int k = 0;
            while (k < seq.Count && f[i + k].Text == seq[k]) k++;
            if (k == seq.Count) return true;
        }
        return false;
    }

    public static bool ContainsToken(CSourceFile f, int start, int end, string text)
    {
        for (int i = start; i < end; i++) if (f[i].Text == text) return true;
        return false;
    }

    /// <summary>An all-caps identifier: a macro (IS_ERR, ARRAY_SIZE, WARN_ON) the scanner does not follow.</summary>
    public static bool IsMacroName(string s)
    {
        bool letter = false;
        foreach (var c in s)
        {
            if (char.IsLower(c)) return false;
            if (char.IsUpper(c)) letter = true;
        }
        return letter;
    }
    /// <summary>The loop variables of the for statements that enclose token <paramref name="i"/> (the names assigned in each init clause).</summary>
    public static HashSet<string> LoopVariables(CSourceFile f, int i, int floor)
    {
        var vars = new HashSet<string>(StringComparer.Ordinal);
        for (int j = i - 1; j > floor; j--)
        {
            if (!f.Is(j, "for") || !f.Is(j + 1, "(")) continue;
            int close = f.Match(j + 1);
            if (close < 0 || i <= close) continue; // in the loop header, or unbalanced
            if (i > StatementLast(f, close + 1, f.Count)) continue; // after the loop body
            int k = j + 2;
            for (; k < close && !f.Is(k, ";"); k++)
                if (f[k].IsIdent && f.Is(k + 1, "=")) vars.Add(f[k].Text);
            // for (; x->n < count; x->n++): the incremented name is the loop variable
            int step = k + 1;
            while (step < close && !f.Is(step, ";")) step++;
            for (int m = step + 1; m < close; m++)
                if (f[m].IsIdent && (f.Is(m + 1, "++") || f.Is(m - 1, "++") || f.Is(m + 1, "+="))) vars.Add(f[m].Text);
            // int idx = x->n; in the body before the token: an alias of the loop variable
            for (int m = close + 1; m < i; m++)
                if (f[m].IsIdent && f.Is(m + 1, "=") && !f.Is(m - 1, "->") && !f.Is(m - 1, "."))
                {
                    int end = StatementEnd(f, m, i);
                    if (vars.Overlaps(Identifiers(f, m + 2, end))) vars.Add(f[m].Text);
                }
        }
        return vars;
    }

    /// <summary>The if (and, with <paramref name="switches"/>, switch) statements whose body holds token <paramref name="at"/>,
    /// innermost first: the keyword's index and the statement's parts.</summary>
    public static IEnumerable<(int Keyword, (int CondStart, int CondEnd, int BodyStart, int BodyLast) Parts)> EnclosingConditions(
        CSourceFile f, CFunction fn, int at, bool switches = false)
    {
        for (int j = at - 1; j > fn.BodyOpen; j--)
        {
            if (!(f.Is(j, "if") || switches && f.Is(j, "switch")) || !f.Is(j + 1, "(")) continue;
            var p = IfParts(f, j, fn.BodyClose);
            if (at >= p.BodyStart && at <= p.BodyLast) yield return (j, p);
        }
    }

    /// <summary>The identifiers among the tokens [start, end).</summary>
    public static HashSet<string> Identifiers(CSourceFile f, int start, int end)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int k = start; k < end; k++) if (f[k].IsIdent) ids.Add(f[k].Text);
        return ids;
    }
}
