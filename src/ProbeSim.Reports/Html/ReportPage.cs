using System.Net;
using System.Text;

namespace ProbeSim.Reports.Html;

/// <summary>
/// Fills the page template: <c>{{NAME}}</c> markers are replaced in one pass (a value is never scanned for markers),
/// the payload goes into a <c>&lt;script type="application/json"&gt;</c> element, the vendored library and the
/// report's scripts into inline scripts the Content-Security-Policy allows by hash, and the library's licence into
/// the About section.
/// </summary>
public static class ReportPage
{
    public static void Write(TextWriter writer, string kind, string title, string payloadJson)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var library = InlineScript(HtmlAssets.Library, "cytoscape.min.js");
        var app = InlineScript(HtmlAssets.App, "report scripts");
        if (payloadJson.AsSpan().IndexOfAny('<', '>') >= 0)
            throw new InvalidOperationException("report payload has an unescaped '<' or '>'");
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CSP"] = WebUtility.HtmlEncode(ContentSecurityPolicy.For([library, app])),
            ["TITLE"] = WebUtility.HtmlEncode(title),
            ["KIND"] = WebUtility.HtmlEncode(kind),
            ["STYLE"] = HtmlAssets.Style,
            ["LICENCES"] = Licences(),
            ["DATA"] = payloadJson,
            ["LIBRARY"] = library,
            ["APP"] = app,
        };
        Fill(writer, HtmlAssets.Template, values);
    }

    /// <summary>Writes <paramref name="template"/> with every <c>{{NAME}}</c> replaced by its value.</summary>
    public static void Fill(TextWriter writer, string template, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        int at = 0;
        while (true)
        {
            int open = template.IndexOf("{{", at, StringComparison.Ordinal);
            if (open < 0) break;
            int close = template.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0) break;
            var name = template[(open + 2)..close];
            if (!values.TryGetValue(name, out var value)) throw new InvalidOperationException($"report template: no value for {{{{{name}}}}}");
            writer.Write(template.AsSpan(at, open - at));
            writer.Write(value);
            at = close + 2;
        }
        writer.Write(template.AsSpan(at));
    }

    private static string Licences()
    {
        var sb = new StringBuilder();
        sb.Append("<h4>Cytoscape.js ").Append(WebUtility.HtmlEncode(HtmlAssets.LibraryVersion))
          .Append(" (graph drawing), MIT licence</h4>\n<pre class=\"licence\" id=\"licence-cytoscape\">")
          .Append(WebUtility.HtmlEncode(HtmlAssets.LibraryLicence.TrimEnd()))
          .Append("</pre>");
        return sb.ToString();
    }

    /// <summary>The script text, after checking that nothing in it can end the <c>&lt;script&gt;</c> element early.</summary>
    private static string InlineScript(string script, string what)
    {
        if (script.Contains("</script", StringComparison.OrdinalIgnoreCase) || script.Contains("<!--", StringComparison.Ordinal))
            throw new InvalidOperationException($"{what} contains '</script' or '<!--' and cannot be inlined");
        return script;
    }
}
