using System.Text.Json;
using ProbeSim.Kernel.Boot;
using ProbeSim.Reports.Actions;

namespace ProbeSim.Reports.Json;

/// <summary>
/// A user action's outcome as JSON (docs/json.md, <c>actions</c>): <c>{time, action, result, origin, errno, device, reason}</c>,
/// <c>reason</c> being null or <c>{kind, text, group, driver, owner, error, devices}</c>.
/// </summary>
public static class ActionJson
{
    /// <summary>Writes an array property of actions.</summary>
    public static void WriteArray(Utf8JsonWriter writer, string name, IEnumerable<ActionOutcome> actions)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(actions);
        writer.WriteStartArray(name);
        foreach (var a in actions) Write(writer, a);
        writer.WriteEndArray();
    }

    /// <summary>Writes one action as an object value.</summary>
    public static void Write(Utf8JsonWriter writer, ActionOutcome a)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(a);
        writer.WriteStartObject();
        JsonOutput.WriteSeconds(writer, "time", a.TimeUs);
        writer.WriteString("action", ActionText.Describe(a));
        writer.WriteNumber("result", a.Result);
        writer.WriteString("origin", a.Origin);
        writer.WriteString("errno", ActionText.ErrnoName(a.Result));
        writer.WriteString("device", a.Device);
        writer.WritePropertyName("reason");
        if (a.Refused && a.Refusal is { } r) WriteReason(writer, r);
        else writer.WriteNullValue();
        writer.WriteEndObject();
    }

    private static void WriteReason(Utf8JsonWriter writer, ActionRefusal r)
    {
        var f = RefusalFacts.Of(r);
        writer.WriteStartObject();
        writer.WriteString("kind", f.Kind);
        writer.WriteString("text", ActionText.Reason(r));
        JsonOutput.WriteNumber(writer, "group", f.Group);
        writer.WriteString("driver", f.Driver);
        writer.WriteString("owner", f.Owner);
        JsonOutput.WriteNumber(writer, "error", f.Error);
        writer.WriteStartArray("devices");
        foreach (var m in f.Devices)
        {
            writer.WriteStartObject();
            writer.WriteString("device", m.Device);
            writer.WriteString("driver", m.Driver);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
