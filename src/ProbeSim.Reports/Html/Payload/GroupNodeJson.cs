using System.Text.Json;
using ProbeSim.Kernel.Boot;
using ProbeSim.Reports.Html.Graph;
using ProbeSim.Reports.Json;

namespace ProbeSim.Reports.Html.Payload;

/// <summary>An IOMMU group node of the report payload: position and the fields of <c>/sys/kernel/iommu_groups/N</c>.</summary>
public static class GroupNodeJson
{
    public static void Write(Utf8JsonWriter writer, GraphNode node, GraphPoint at, IommuGroupOutcome g, IReadOnlyList<IommuOutcome> iommus)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(g);
        ArgumentNullException.ThrowIfNull(iommus);
        writer.WriteStartObject();
        writer.WriteString("id", node.Id);
        writer.WriteString("kind", "group");
        writer.WriteString("name", node.Label);
        writer.WriteNumber("x", at.X);
        writer.WriteNumber("y", at.Y);
        writer.WriteString("state", "group");
        writer.WriteNumber("group", g.Id);
        writer.WriteString("type", g.Type);
        writer.WriteString("domain", g.Domain);
        writer.WriteString("owner", g.Owner);
        writer.WriteNumber("ownerCount", g.OwnerCount);
        JsonOutput.WriteStrings(writer, "devices", g.Devices);
        JsonOutput.WriteStrings(writer, "reservedRegions", g.ReservedRegions);
        JsonOutput.WriteStrings(writer, "iommus", iommus.Where(i => i.Devices.Any(d => g.Devices.Contains(d))).Select(i => i.Device));
        writer.WriteEndObject();
    }
}
