using System.Text.Json;
using ProbeSim.Checking.Explain;
using ProbeSim.Reports.Json;
using ProbeSim.Reports.Reasons;

namespace ProbeSim.Reports.Html.Payload;

/// <summary>The <c>explain</c> object of a device in the report payload: summary, supplier chain, root causes, IOMMU decision.</summary>
public static class ExplanationJson
{
    public static void Write(Utf8JsonWriter writer, Explanation e)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(e);
        var say = ReasonWords.Default;
        writer.WriteStartObject();
        writer.WriteString("summary", say.Summary(e));
        writer.WriteString("state", e.State);
        writer.WriteStartArray("basisLines");
        foreach (var line in e.BasisLines) writer.WriteStringValue(say.BasisLine(line));
        writer.WriteEndArray();
        writer.WriteStartArray("chain");
        foreach (var s in e.Chain)
        {
            writer.WriteStartObject();
            writer.WriteNumber("depth", s.Depth);
            writer.WriteString("subject", s.Subject);
            writer.WriteString("relation", s.Relation);
            writer.WriteString("state", s.State);
            writer.WriteString("detail", say.ExplainDetail(s.Detail));
            writer.WriteBoolean("rootCause", s.RootCause);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        JsonOutput.WriteStrings(writer, "rootCauses", e.RootCauses.Select(say.RootCause).ToList());
        if (e.Iommu is { } i)
        {
            writer.WriteStartObject("iommu");
            writer.WriteString("rule", say.OfIommuRule(i.Rule));
            writer.WriteString("outcome", i.Outcome);
            writer.WriteString("iommu", i.Iommu);
            JsonOutput.WriteNumber(writer, "group", i.Group);
            writer.WriteString("domainType", i.DomainType);
            writer.WriteString("dmaOps", i.DmaOps);
            writer.WriteString("dma", i.Dma);
            writer.WriteString("note", i.Note is { } note ? say.DmaNote(note) : null);
            writer.WriteEndObject();
        }
        else writer.WriteNull("iommu");
        writer.WriteEndObject();
    }
}
