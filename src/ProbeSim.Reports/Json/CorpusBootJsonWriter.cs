using System.Text.Json;
using ProbeSim.Reports.Corpus;

namespace ProbeSim.Reports.Json;

/// <summary>Writes a <see cref="CorpusBootSummary"/> as <c>probesim-corpus-boot/1</c> JSON (docs/json.md).</summary>
public static class CorpusBootJsonWriter
{
    /// <summary>The value of the <c>schema</c> property.</summary>
    public const string Schema = "probesim-corpus-boot/1";

    /// <summary>How many defer reasons <c>topDeferReasons</c> lists unless told otherwise.</summary>
    public const int DefaultTopDeferReasons = 10;

    /// <summary>The summary as a document (a string ending in a newline).</summary>
    public static string ToJson(CorpusBootSummary summary, int? topDeferReasons = DefaultTopDeferReasons) =>
        JsonOutput.ToText(w => WriteObject(w, summary, topDeferReasons));

    /// <summary>Writes the summary as a document to a stream (UTF-8, newline at the end).</summary>
    public static void Write(Stream stream, CorpusBootSummary summary, int? topDeferReasons = DefaultTopDeferReasons) =>
        JsonOutput.WriteDocument(stream, w => WriteObject(w, summary, topDeferReasons));

    /// <summary>
    /// Writes the summary as an object to a writer the caller owns. <paramref name="topDeferReasons"/> caps
    /// <c>topDeferReasons</c> (null: all reasons).
    /// </summary>
    public static void WriteObject(Utf8JsonWriter writer, CorpusBootSummary summary, int? topDeferReasons = DefaultTopDeferReasons)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(summary);
        if (topDeferReasons is int cap) ArgumentOutOfRangeException.ThrowIfNegative(cap, nameof(topDeferReasons));

        writer.WriteStartObject();
        writer.WriteString("schema", Schema);
        writer.WriteString("profile", summary.Profile);
        writer.WriteString("driverSet", summary.DriverSet);
        writer.WriteNumber("boards", summary.Boards);

        writer.WriteStartArray("failedBoards");
        foreach (var f in summary.FailedBoards)
        {
            writer.WriteStartObject();
            writer.WriteString("board", f.Board);
            writer.WriteString("error", f.Error);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();

        writer.WritePropertyName("states");
        writer.WriteStartObject();
        WriteCounts(writer, summary.States);
        writer.WriteEndObject();

        writer.WriteNumber("boardsWithDeferred", summary.BoardsWithDeferred);

        writer.WriteStartArray("topDeferReasons");
        foreach (var r in summary.DeferReasons.Take(topDeferReasons ?? int.MaxValue))
        {
            writer.WriteStartObject();
            writer.WriteString("reason", r.Reason);
            writer.WriteNumber("count", r.Count);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();

        writer.WritePropertyName("dma");
        writer.WriteStartObject();
        foreach (var r in summary.DmaOutcomes) writer.WriteNumber(r.Reason, r.Count);
        writer.WriteEndObject();
        writer.WriteNumber("iommus", summary.Iommus);
        writer.WriteNumber("iommuGroups", summary.IommuGroups);

        writer.WriteStartArray("perBoard");
        foreach (var b in summary.PerBoard)
        {
            writer.WriteStartObject();
            writer.WriteString("board", b.Board);
            writer.WriteNumber("devices", b.Counts.Total);
            WriteCounts(writer, b.Counts);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteCounts(Utf8JsonWriter writer, StateCounts counts)
    {
        writer.WriteNumber("bound", counts.Bound);
        writer.WriteNumber("deferred", counts.Deferred);
        writer.WriteNumber("failed", counts.Failed);
        writer.WriteNumber("noDriver", counts.NoDriver);
        writer.WriteNumber("notPresent", counts.NotPresent);
    }
}
