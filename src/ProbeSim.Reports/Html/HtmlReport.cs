using System.Text.Json;
using ProbeSim.Kernel.Boot;
using ProbeSim.Reports.Html.Payload;

namespace ProbeSim.Reports.Html;

/// <summary>
/// Writes ProbeSim's self-contained HTML report (docs/html-report.md): one page template for every command; the
/// payload's <c>kind</c> says which sections show (boot: graph and device table; check: the violations with their
/// traces, plus the graph when a boot is given; diff: the changed devices per board). The same input always gives the
/// same text.
/// </summary>
public static class HtmlReport
{
    /// <summary>The value of the payload's <c>schema</c> property.</summary>
    public const string Schema = "probesim-html/1";

    /// <summary>The report of one boot: graph, table, and per device its explanation, DMA set-up and log lines.</summary>
    public static void WriteBoot(TextWriter writer, BootReportData boot)
    {
        ArgumentNullException.ThrowIfNull(boot);
        Write(writer, "boot", $"{boot.Result.Board}: boot under {boot.Result.Profile}", boot, null, null);
    }

    /// <summary>The report of one boot; <paramref name="explanations"/> may be empty (the panel then says so).</summary>
    public static void WriteBoot(TextWriter writer, BootResult result, IReadOnlyList<ProbeSim.Checking.Explain.Explanation> explanations) =>
        WriteBoot(writer, new BootReportData(result, explanations));

    /// <summary>
    /// The report of <c>probesim check</c>: <paramref name="checkJson"/> is its payload
    /// (<c>{"board", "profile", "schedules", "violations": [{"invariant", "severity", "description", "device", "trace": [{"step", "event", "log"}]}]}</c>);
    /// with <paramref name="boot"/> the report also has the graph and table of that boot.
    /// </summary>
    /// <exception cref="JsonException">The payload is not JSON.</exception>
    public static void WriteCheck(TextWriter writer, string checkJson, BootReportData? boot = null)
    {
        ArgumentNullException.ThrowIfNull(checkJson);
        using var doc = JsonDocument.Parse(checkJson);
        var board = doc.RootElement.TryGetProperty("board", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString() : boot?.Result.Board;
        Write(writer, "check", $"{board ?? "check"}: invariant check", boot, checkJson, null);
    }

    /// <summary>
    /// The report of <c>probesim diff</c>: <paramref name="diffJson"/> is its payload
    /// (<c>{"a", "b", "changes": [{"board", "device", "field", "before", "after", "cause"}]}</c>).
    /// </summary>
    /// <exception cref="JsonException">The payload is not JSON.</exception>
    public static void WriteDiff(TextWriter writer, string diffJson)
    {
        ArgumentNullException.ThrowIfNull(diffJson);
        Write(writer, "diff", "ProbeSim diff", null, null, diffJson);
    }

    /// <summary>A report as a string (for callers that write bytes, such as the command line's output files).</summary>
    public static string ToText(Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        write(writer);
        return writer.ToString();
    }

    private static void Write(TextWriter writer, string kind, string title, BootReportData? boot, string? checkJson, string? diffJson)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var payload = ScriptJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("schema", Schema);
            w.WriteString("kind", kind);
            w.WriteString("title", title);
            w.WritePropertyName("boot");
            if (boot is null) w.WriteNullValue();
            else BootPayloadWriter.Write(w, boot);
            w.WritePropertyName("check");
            if (checkJson is null) w.WriteNullValue();
            else ScriptJson.WriteDocument(w, checkJson);
            w.WritePropertyName("diff");
            if (diffJson is null) w.WriteNullValue();
            else ScriptJson.WriteDocument(w, diffJson);
            w.WriteEndObject();
        });
        ReportPage.Write(writer, kind, title, payload);
    }
}
