using System.Text;
using System.Text.RegularExpressions;
using ProbeSim.Import.C;

namespace ProbeSim.Import.Scan;

/// <summary>
/// Driver structs that a function-like macro defines (v6.12 drivers/firmware/arm_scmi/common.h:432
/// DEFINE_SCMI_TRANSPORT_DRIVER defines the SCMI transport's probe and its struct platform_driver): the file's text
/// with each use of such a macro replaced by its expansion, written on the use's first line, the other lines it took
/// left empty, so that every line number stays the file's. Only macros whose body names a driver struct type are
/// expanded; the macro may be defined in the file or in a header it includes with quotes.
/// </summary>
public static class DriverMacros
{
    /// <summary>The text with those macros expanded, or the text itself when it uses none.</summary>
    public static string Expand(string root, string relativeFile, string text)
    {
        var macros = new Dictionary<string, (string[] Params, string Body)>(StringComparer.Ordinal);
        void Collect(string source)
        {
            if (!DriverScanner.DriverTypes.Keys.Any(t => source.Contains(t, StringComparison.Ordinal))) return;
            foreach (var d in CTokenizer.Lex(source).Directives)
                if (Parse(d.Text) is { } m && m.Body.Contains("struct ", StringComparison.Ordinal)
                    && DriverScanner.DriverTypes.Keys.Any(t => Regex.IsMatch(m.Body, @"\bstruct\s+" + t + @"\b")))
                    macros.TryAdd(m.Name, (m.Params, m.Body));
        }
        Collect(text);
        var dir = Path.GetDirectoryName(Path.Combine(root, relativeFile))!;
        foreach (Match inc in Regex.Matches(text, "^\\s*#\\s*include\\s+\"([^\"]+)\"", RegexOptions.Multiline))
        {
            var header = Path.GetFullPath(Path.Combine(dir, inc.Groups[1].Value));
            if (header.StartsWith(Path.GetFullPath(root), StringComparison.Ordinal) && File.Exists(header)) Collect(File.ReadAllText(header));
        }
        if (macros.Count == 0) return text;
        var sb = new StringBuilder(text.Length + 1024);
        int at = 0;
        var use = new Regex(@"\b(" + string.Join('|', macros.Keys.Select(Regex.Escape)) + @")\s*\(");
        for (var m = use.Match(text); m.Success; m = use.Match(text, at))
        {
            int lineStart = text.LastIndexOf('\n', Math.Max(0, m.Index - 1)) + 1;
            int close = Close(text, m.Index + m.Length - 1);
            if (text.AsSpan(lineStart, m.Index - lineStart).TrimStart().StartsWith("#") || close < 0)
            {
                sb.Append(text, at, m.Index + m.Length - at);
                at = m.Index + m.Length;
                continue;
            }
            var (pars, body) = macros[m.Groups[1].Value];
            var args = Arguments(text[(m.Index + m.Length)..close]);
            sb.Append(text, at, m.Index - at);
            sb.Append(Substitute(body, pars, args).Replace('\n', ' ').Replace('\r', ' '));
            sb.Append('\n', text.AsSpan(m.Index, close + 1 - m.Index).Count('\n'));
            at = close + 1;
        }
        sb.Append(text, at, text.Length - at);
        return sb.ToString();
    }

    // "define NAME(a, b) body" (the directive text without '#'); object-like macros are not driver macros
    private static (string Name, string[] Params, string Body)? Parse(string directive)
    {
        var m = Regex.Match(directive, @"^define\s+(\w+)\(([^)]*)\)(.*)$", RegexOptions.Singleline);
        if (!m.Success) return null;
        var pars = m.Groups[2].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var body = Regex.Replace(m.Groups[3].Value, @"\\\r?\n", " ");
        return (m.Groups[1].Value, pars, body);
    }

    // the index of the ')' that closes the '(' at open, skipping strings and character constants; -1 when unclosed
    private static int Close(string text, int open)
    {
        int depth = 0;
        for (int i = open; i < text.Length; i++)
        {
            char c = text[i];
            if (c is '"' or '\'')
            {
                for (i++; i < text.Length && text[i] != c; i++) if (text[i] == '\\') i++;
                continue;
            }
            if (c == '(') depth++;
            else if (c == ')' && --depth == 0) return i;
        }
        return -1;
    }

    private static List<string> Arguments(string inside)
    {
        var args = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < inside.Length; i++)
        {
            char c = inside[i];
            if (c is '(' or '{' or '[') depth++;
            else if (c is ')' or '}' or ']') depth--;
            else if (c == ',' && depth == 0) { args.Add(inside[start..i].Trim()); start = i + 1; }
        }
        args.Add(inside[start..].Trim());
        return args;
    }

    // cpp's substitution as far as driver macros use it: #param is the argument as a string, a##b pastes
    private static string Substitute(string body, string[] pars, List<string> args)
    {
        string Arg(string p) { int k = Array.IndexOf(pars, p); return k >= 0 && k < args.Count ? args[k] : p; }
        var text = Regex.Replace(body, @"(?<!#)#\s*(\w+)", m => Array.IndexOf(pars, m.Groups[1].Value) >= 0 ? "\"" + Arg(m.Groups[1].Value) + "\"" : m.Value);
        text = Regex.Replace(text, @"\b\w+\b", m => Array.IndexOf(pars, m.Value) >= 0 ? Arg(m.Value) : m.Value);
        return Regex.Replace(text, @"\s*##\s*", "");
    }
}
