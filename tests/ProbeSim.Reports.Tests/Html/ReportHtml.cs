using System.Text.Json;
using System.Text.RegularExpressions;

namespace ProbeSim.Reports.Tests.Html;

/// <summary>Reads back what a written HTML report holds.</summary>
public static partial class ReportHtml
{
    private const string DataOpen = "<script type=\"application/json\" id=\"probesim-data\">";

    /// <summary>The text of the payload element, exactly as written.</summary>
    public static string PayloadText(string html)
    {
        int start = html.IndexOf(DataOpen, StringComparison.Ordinal);
        Assert.True(start >= 0, "no payload element");
        start += DataOpen.Length;
        int end = html.IndexOf("</script>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    /// <summary>The payload parsed as a browser would parse it (JSON.parse of the element's text).</summary>
    public static JsonDocument Payload(string html) => JsonDocument.Parse(PayloadText(html));

    /// <summary>Every <c>src</c>/<c>href</c> attribute and CSS <c>url(...)</c> value of the page.</summary>
    public static IReadOnlyList<string> References(string html) =>
        ReferencePattern().Matches(html).Select(m => m.Groups["v"].Value).ToList();

    [GeneratedRegex("""(?:\b(?:src|href)\s*=\s*["']?|url\(\s*["']?)(?<v>[^"')\s>]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex ReferencePattern();
}
