using System.Text;
using System.Text.RegularExpressions;

namespace ProbeSim.Reports.Tests.Graph;

/// <summary>
/// Reads back the DOT text the writer produces, enough to check its structure: quoted strings (with <c>\"</c> and
/// <c>\\</c>), braces and brackets outside them, node statements and edge statements (one statement per line).
/// </summary>
public static partial class DotText
{
    /// <summary>The text with every quoted string replaced by <c>Q</c>; throws if a string is not closed.</summary>
    public static string WithoutStrings(string dot)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < dot.Length; i++)
        {
            if (dot[i] != '"') { sb.Append(dot[i]); continue; }
            for (i++; ; i++)
            {
                if (i >= dot.Length) throw new FormatException("unterminated string");
                if (dot[i] == '\\') { i++; continue; }
                if (dot[i] == '"') break;
                if (dot[i] == '\n') throw new FormatException("newline inside a string");
            }
            sb.Append('Q');
        }
        return sb.ToString();
    }

    /// <summary>True when braces and brackets outside strings nest properly.</summary>
    public static bool Balanced(string dot)
    {
        var stack = new Stack<char>();
        foreach (var c in WithoutStrings(dot))
        {
            if (c is '{' or '[') stack.Push(c);
            else if (c == '}' && (stack.Count == 0 || stack.Pop() != '{')) return false;
            else if (c == ']' && (stack.Count == 0 || stack.Pop() != '[')) return false;
        }
        return stack.Count == 0;
    }

    /// <summary>Ids declared by node statements (<c>"id" [attrs];</c>), in order, unescaped.</summary>
    public static IReadOnlyList<string> NodeIds(string dot) =>
        dot.Split('\n').Select(l => NodeLine().Match(l)).Where(m => m.Success).Select(m => Unescape(m.Groups[1].Value)).ToList();

    /// <summary>Edges (<c>"a" -> "b" [attrs];</c>) as (from, to, attribute text), unescaped ids.</summary>
    public static IReadOnlyList<(string From, string To, string Attrs)> Edges(string dot) =>
        dot.Split('\n').Select(l => EdgeLine().Match(l)).Where(m => m.Success)
            .Select(m => (Unescape(m.Groups[1].Value), Unescape(m.Groups[2].Value), m.Groups[3].Value)).ToList();

    /// <summary>The attribute text of the node statement of <paramref name="id"/>.</summary>
    public static string NodeAttrs(string dot, string id) =>
        dot.Split('\n').Select(l => NodeLine().Match(l)).Single(m => m.Success && Unescape(m.Groups[1].Value) == id).Groups[2].Value;

    private static string Unescape(string s) => Regex.Replace(s, @"\\(.)", "$1");

    [GeneratedRegex(@"^\s*""((?:[^""\\]|\\.)*)"" \[(.*)\];$")]
    private static partial Regex NodeLine();

    [GeneratedRegex(@"^\s*""((?:[^""\\]|\\.)*)"" -> ""((?:[^""\\]|\\.)*)"" \[(.*)\];$")]
    private static partial Regex EdgeLine();
}
