using System.Text;

namespace ProbeSim.Reports.Graph;

/// <summary>
/// Graphviz DOT quoting. Every id and attribute value is written as a double-quoted string: a <c>"</c> becomes
/// <c>\"</c> and a backslash <c>\\</c>, so a name can neither end the string nor start an escape such as <c>\N</c>
/// or <c>\l</c>; carriage returns, newlines and tabs inside a value become spaces. Multi-line labels join their
/// escaped lines with DOT's <c>\n</c>.
/// </summary>
public static class DotSyntax
{
    /// <summary>The quoted form of <paramref name="text"/>.</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return "\"" + Escape(text) + "\"";
    }

    /// <summary>Lines as one quoted label, centred (<c>\n</c> between lines).</summary>
    public static string Lines(IEnumerable<string> lines) => "\"" + string.Join("\\n", lines.Select(Escape)) + "\"";

    /// <summary>Lines as one quoted label, each left-justified (<c>\l</c> after every line).</summary>
    public static string LeftLines(IEnumerable<string> lines) => "\"" + string.Concat(lines.Select(l => Escape(l) + "\\l")) + "\"";

    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\r' or '\n' or '\t': sb.Append(' '); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }
}
