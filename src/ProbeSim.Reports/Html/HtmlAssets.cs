using System.Text.Json;

namespace ProbeSim.Reports.Html;

/// <summary>
/// The files the HTML report is made of, embedded in this assembly at build time (see ProbeSim.Reports.csproj):
/// the page template, its style sheet and scripts (Html/web/src), and the vendored graph library with its licence
/// (Html/web/node_modules/cytoscape, installed by scripts/setup.sh).
/// </summary>
public static class HtmlAssets
{
    private const string Prefix = "ProbeSim.Reports.Html.";

    /// <summary>The report's own scripts, in the order they are concatenated (later files use earlier ones).</summary>
    public static IReadOnlyList<string> ScriptFiles { get; } =
        ["util.js", "data.js", "graph.js", "table.js", "panel.js", "check.js", "diff.js", "main.js"];

    public static string Template => Text("report.html");

    public static string Style => Text("report.css");

    /// <summary>The report's scripts as one strict-mode function, so they add nothing global but <c>window.probesim</c>.</summary>
    public static string App =>
        "(function () {\n'use strict';\n" + string.Concat(ScriptFiles.Select(f => Text("js." + f) + "\n")) + "})();\n";

    /// <summary>cytoscape.min.js as npm installed it (it starts with its MIT licence comment).</summary>
    public static string Library => Text("cytoscape.min.js");

    public static string LibraryLicence => Text("cytoscape.LICENSE");

    /// <summary>The version npm installed, from the package's package.json.</summary>
    public static string LibraryVersion
    {
        get
        {
            using var doc = JsonDocument.Parse(Text("cytoscape.package.json"));
            return doc.RootElement.GetProperty("version").GetString() ?? "?";
        }
    }

    /// <summary>An embedded file as text (UTF-8), with <c>\r\n</c> made <c>\n</c> so the report is the same on every checkout.</summary>
    public static string Text(string name)
    {
        using var stream = typeof(HtmlAssets).Assembly.GetManifestResourceStream(Prefix + name)
            ?? throw new InvalidOperationException($"HTML report asset '{name}' is not embedded; run scripts/setup.sh and rebuild");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
