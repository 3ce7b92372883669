using ProbeSim.Reports.Reasons;
using System.Text.Json;
using ProbeSim.Checking.CorpusDiff;

namespace ProbeSim.Reports.Json;

/// <summary>Writes a <see cref="CorpusDiffResult"/> as <c>probesim-corpus-diff/1</c> JSON (docs/corpus-diff.md); <see cref="CorpusDiffJsonReader"/> reads it back.</summary>
public static class CorpusDiffJsonWriter
{
    /// <summary>The value of the <c>schema</c> property.</summary>
    public const string Schema = "probesim-corpus-diff/1";

    /// <summary>The result as a document (a string ending in a newline). Same result, same bytes.</summary>
    public static string ToJson(CorpusDiffResult result) => JsonOutput.ToText(w => WriteObject(w, result));

    public static void WriteObject(Utf8JsonWriter w, CorpusDiffResult r)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(r);
        w.WriteStartObject();
        w.WriteString("schema", Schema);
        WriteSide(w, "a", r.A);
        WriteSide(w, "b", r.B);
        w.WritePropertyName("shard");
        w.WriteStartObject();
        w.WriteNumber("count", r.Shard.Count);
        w.WriteStartArray("slices");
        foreach (var s in r.Shard.Slices) w.WriteNumberValue(s);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteNumber("boards", r.Boards);
        w.WriteNumber("devices", r.Devices);
        w.WriteNumber("changedDevices", r.ChangedDevices);
        WriteChanges(w, r.Changes);
        w.WriteStartArray("failures");
        foreach (var f in r.Failures)
        {
            w.WriteStartObject();
            w.WriteString("board", f.Board);
            w.WriteString("side", f.Side);
            w.WriteString("error", f.Error);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        JsonOutput.WriteStrings(w, "onlyInA", r.OnlyInA);
        JsonOutput.WriteStrings(w, "onlyInB", r.OnlyInB);
        w.WriteEndObject();
    }

    /// <summary>
    /// The payload <c>HtmlReport.WriteDiff</c> renders: <c>{"a", "b", "changes"}</c> with each side as its one-line
    /// description (<see cref="DiffSideInfo.Describe"/>) and the changes as in the document.
    /// </summary>
    public static string ToReportPayload(CorpusDiffResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return JsonOutput.ToText(w =>
        {
            w.WriteStartObject();
            w.WriteString("a", r.A.Describe());
            w.WriteString("b", r.B.Describe());
            WriteChanges(w, r.Changes);
            w.WriteEndObject();
        });
    }

    private static void WriteChanges(Utf8JsonWriter w, IReadOnlyList<DiffChange> changes)
    {
        w.WriteStartArray("changes");
        foreach (var c in changes)
        {
            w.WriteStartObject();
            w.WriteString("board", c.Board);
            w.WriteString("device", c.Device);
            w.WriteString("field", c.Field);
            w.WriteString("before", c.Before);
            w.WriteString("after", c.After);
            w.WriteString("cause", ReasonWords.Default.ChangeCause(c.Cause));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteSide(Utf8JsonWriter w, string name, DiffSideInfo s)
    {
        w.WritePropertyName(name);
        w.WriteStartObject();
        w.WriteString("spec", s.Spec);
        w.WriteString("profile", s.Profile);
        w.WriteString("driverSet", s.DriverSet);
        w.WriteString("config", s.Config);
        w.WriteString("cmdline", s.Cmdline);
        w.WriteString("corpus", s.Corpus);
        w.WriteEndObject();
    }
}
