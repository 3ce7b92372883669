using ProbeSim.Reports.Reasons;
using System.Globalization;
using System.Text.Json;
using ProbeSim.Checking.Explain;
using ProbeSim.Kernel.Boot;
using ProbeSim.Reports.Actions;
using ProbeSim.Reports.Html.Graph;
using ProbeSim.Reports.Json;
using ProbeSim.Reports.Log;
using ProbeSim.Reports.Text;

namespace ProbeSim.Reports.Html.Payload;

/// <summary>A device node of the report payload: position, state, the fields of <c>probesim boot --json</c>, its explanation, log lines and refused user actions.</summary>
public static class DeviceNodeJson
{
    /// <param name="iommuName">The /sys/class/iommu name when the device is an IOMMU instance, else null.</param>
    /// <param name="log">The dmesg lines about the device, in order.</param>
    public static void Write(Utf8JsonWriter writer, GraphNode node, GraphPoint at, DeviceOutcome d, string? iommuName,
        Explanation? explanation, IEnumerable<LogLine> log)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(d);
        var row = DeviceRow.From(d);
        writer.WriteStartObject();
        writer.WriteString("id", node.Id);
        writer.WriteString("kind", "device");
        writer.WriteString("name", d.Name);
        writer.WriteNumber("x", at.X);
        writer.WriteNumber("y", at.Y);
        writer.WriteString("state", ReportStateWords.Word(d));
        writer.WriteString("stateText", row.State);
        writer.WriteString("reason", row.Reason == "-" ? null : row.Reason);
        writer.WriteString("bus", d.Bus);
        writer.WriteString("ofNode", d.OfNode);
        JsonOutput.WriteStrings(writer, "compatible", d.Compatible);
        writer.WriteString("driver", d.Driver);
        JsonOutput.WriteNumber(writer, "error", d.Error);
        writer.WriteString("deferReason", d.DeferReason);
        writer.WriteString("note", d.Note is { } note ? ReasonWords.Default.OutcomeNote(note) : null);
        writer.WriteString("basis", BasisWords.Word(d.Basis));
        writer.WriteString("basisText", BasisWords.Describe(d));
        writer.WriteString("isIommu", iommuName);
        JsonOutput.WriteNumber(writer, "iommuGroup", d.IommuGroup);
        writer.WriteString("domainType", d.DomainType);
        writer.WriteString("dmaOps", d.DmaOps);
        JsonOutput.WriteBoolean(writer, "coherent", d.Coherent);
        writer.WriteString("iommu", d.Iommu);
        writer.WriteString("dmaOwner", d.DmaOwner);
        writer.WriteString("dma", d.Dma);
        writer.WriteString("dmaNote", d.DmaNote is { } dmaNote ? ReasonWords.Default.DmaNote(dmaNote) : null);
        writer.WriteStartArray("dmaEvents");
        foreach (var e in d.DmaEvents)
            writer.WriteStringValue(string.Create(CultureInfo.InvariantCulture,
                $"{DmesgFormatter.Timestamp(e.TimeUs)} {e.Operation} size {e.Size}{(e.DmaAddress is { } a ? $" at 0x{a:x}" : "")}: {e.Result}"));
        writer.WriteEndArray();
        writer.WriteNumber("probeAttempts", d.ProbeAttempts);
        JsonOutput.WriteSeconds(writer, "boundAt", d.BoundAtUs);
        writer.WriteString("sysfsPath", d.SysfsPath);
        writer.WritePropertyName("explain");
        if (explanation is null) writer.WriteNullValue();
        else ExplanationJson.Write(writer, explanation);
        writer.WriteStartArray("log");
        foreach (var line in log) writer.WriteStringValue(DmesgFormatter.FormatLine(line));
        writer.WriteEndArray();
        WriteRefused(writer, d.RefusedActions);
        writer.WriteStartArray("blocked");
        foreach (var a in explanation?.BlockedActions ?? []) writer.WriteStringValue($"{a.Device}: {ActionText.Refused(a)}");
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    // the user actions on the device that the kernel refused: the table's line, why, the fix, what user space printed
    private static void WriteRefused(Utf8JsonWriter writer, IReadOnlyList<ActionOutcome> actions)
    {
        writer.WriteStartArray("refused");
        foreach (var a in actions)
        {
            writer.WriteStartObject();
            writer.WriteString("text", ActionText.Refused(a));
            writer.WriteString("action", ActionText.Describe(a));
            writer.WriteString("errno", ActionText.ErrnoName(a.Result));
            writer.WriteString("why", a.Refusal is { } r ? ActionText.Reason(r) : null);
            writer.WriteString("fix", a.Refusal is { } f ? ActionText.Remedy(f) : null);
            JsonOutput.WriteStrings(writer, "userSpace", UserSpaceLines.For(a).Select(l => BootLog.Format(new UserSpaceLine(a.TimeUs, l, a.Device))));
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
