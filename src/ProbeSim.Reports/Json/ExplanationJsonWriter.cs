using System.Text.Json;
using ProbeSim.Checking.Explain;
using ProbeSim.Reports.Log;
using ProbeSim.Reports.Reasons;

namespace ProbeSim.Reports.Json;

/// <summary>Writes explanations as <c>probesim-explain/1</c> JSON (docs/json.md).</summary>
public static class ExplanationJsonWriter
{
    public const string Schema = "probesim-explain/1";

    public static string ToJson(Explanation e, string board, string profile, IReasonWords? words = null) => JsonOutput.ToText(w =>
    {
        w.WriteStartObject();
        w.WriteString("schema", Schema);
        w.WriteString("board", board);
        w.WriteString("profile", profile);
        WriteFields(w, e, words);
        w.WriteEndObject();
    });

    /// <summary>The fields of one explanation (without the enclosing object), for embedding in other documents.</summary>
    public static void WriteFields(Utf8JsonWriter w, Explanation e, IReasonWords? words = null)
    {
        var say = ReasonWords.Or(words);
        w.WriteString("device", e.Device);
        w.WriteString("ofNode", e.OfNode);
        w.WriteString("state", e.State);
        w.WriteString("driver", e.Driver);
        w.WriteString("summary", say.Summary(e));
        w.WriteString("basis", BasisWords.Word(e.Basis));
        w.WriteStartArray("basisLines");
        foreach (var line in e.BasisLines) w.WriteStringValue(say.BasisLine(line));
        w.WriteEndArray();
        w.WriteStartArray("rootCauses");
        foreach (var r in e.RootCauses) w.WriteStringValue(say.RootCause(r));
        w.WriteEndArray();
        w.WriteStartArray("chain");
        foreach (var s in e.Chain)
        {
            w.WriteStartObject();
            w.WriteNumber("depth", s.Depth);
            w.WriteString("subject", s.Subject);
            w.WriteString("relation", s.Relation);
            w.WriteString("state", s.State);
            w.WriteString("detail", say.ExplainDetail(s.Detail));
            w.WriteBoolean("rootCause", s.RootCause);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (e.Iommu is { } i)
        {
            w.WriteStartObject("iommu");
            w.WriteString("rule", say.OfIommuRule(i.Rule));
            w.WriteString("outcome", i.Outcome);
            w.WriteString("iommu", i.Iommu);
            if (i.Group is int g) w.WriteNumber("group", g); else w.WriteNull("group");
            w.WriteString("domainType", i.DomainType);
            w.WriteString("dmaOps", i.DmaOps);
            w.WriteString("dma", i.Dma);
            w.WriteString("note", i.Note is { } note ? say.DmaNote(note) : null);
            JsonOutput.WriteSeconds(w, "configuredAt", i.ConfiguredAtUs);
            if (i.RegisteredLater is { } late)
            {
                w.WriteStartObject("registeredLater");
                w.WriteString("device", late.Device);
                w.WriteString("iommu", late.SysfsName);
                JsonOutput.WriteSeconds(w, "at", late.RegisteredAtUs);
                w.WriteBoolean("blocksStream", late.BlocksStream);
                w.WriteEndObject();
            }
            else w.WriteNull("registeredLater");
            w.WriteEndObject();
        }
        else w.WriteNull("iommu");
        w.WriteStartArray("log");
        foreach (var l in e.Log) w.WriteStringValue(DmesgFormatter.FormatLine(l));
        w.WriteEndArray();
        ActionJson.WriteArray(w, "refusedActions", e.RefusedActions);
        ActionJson.WriteArray(w, "blockedActions", e.BlockedActions);
    }
}
