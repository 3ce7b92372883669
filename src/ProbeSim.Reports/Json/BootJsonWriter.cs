using System.Text.Json;
using ProbeSim.Kernel.Boot;
using ProbeSim.Reports.Log;

namespace ProbeSim.Reports.Json;

/// <summary>
/// Writes boot results as <c>probesim-boot/1</c> JSON (docs/json.md) with <see cref="Utf8JsonWriter"/>, properties
/// in a fixed order, lists in the model's order. One result is one object; several are an array of such objects.
/// </summary>
public static class BootJsonWriter
{
    /// <summary>The value of the <c>schema</c> property.</summary>
    public const string Schema = "probesim-boot/1";

    /// <summary>One result as a document (a string ending in a newline).</summary>
    public static string ToJson(BootResult result, BootJsonOptions? options = null) =>
        JsonOutput.ToText(w => WriteObject(w, result, options));

    /// <summary>Several results as one array document (a string ending in a newline).</summary>
    public static string ToJson(IEnumerable<BootResult> results, BootJsonOptions? options = null) =>
        JsonOutput.ToText(w => WriteArray(w, results, options));

    /// <summary>Writes one result as a document to a stream (UTF-8, newline at the end).</summary>
    public static void Write(Stream stream, BootResult result, BootJsonOptions? options = null) =>
        JsonOutput.WriteDocument(stream, w => WriteObject(w, result, options));

    /// <summary>Writes several results as one array document to a stream (UTF-8, newline at the end).</summary>
    public static void Write(Stream stream, IEnumerable<BootResult> results, BootJsonOptions? options = null) =>
        JsonOutput.WriteDocument(stream, w => WriteArray(w, results, options));

    /// <summary>Writes results as a JSON array to a writer the caller owns.</summary>
    public static void WriteArray(Utf8JsonWriter writer, IEnumerable<BootResult> results, BootJsonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(results);
        writer.WriteStartArray();
        foreach (var r in results) WriteObject(writer, r, options);
        writer.WriteEndArray();
    }

    /// <summary>Writes one result as a JSON object to a writer the caller owns.</summary>
    public static void WriteObject(Utf8JsonWriter writer, BootResult result, BootJsonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        options ??= BootJsonOptions.Default;

        writer.WriteStartObject();
        writer.WriteString("schema", Schema);
        writer.WriteString("board", result.Board);
        writer.WriteString("profile", result.Profile);
        writer.WriteString("cmdline", result.Cmdline);
        writer.WriteString("driverSet", result.DriverSet);
        JsonOutput.WriteSeconds(writer, "endTime", result.EndTimeUs);
        if (result.StoppedAtUs is { } stopped)
        {
            // --until: the state is the one at this moment, not the end of the boot
            writer.WriteStartObject("until");
            JsonOutput.WriteSeconds(writer, "uptime", stopped);
            JsonOutput.WriteSeconds(writer, "afterLateInitcall", stopped - result.LateInitcallUs);
            writer.WriteEndObject();
        }

        writer.WriteStartArray("devices");
        foreach (var d in result.Devices) DeviceJson.Write(writer, d, options.Words);
        writer.WriteEndArray();

        WriteDevicesDeferred(writer, result.DevicesDeferred);
        WriteDevlinks(writer, result.Devlinks);
        IommuJson.Write(writer, result);
        UnwindJson.Write(writer, result.Unwinds);
        if (options.IncludeNotifiers) WriteNotifiers(writer, result.Notifiers);
        if (options.IncludeLog) WriteLog(writer, result.Log);
        writer.WriteEndObject();
    }

    private static void WriteDevicesDeferred(Utf8JsonWriter writer, IReadOnlyList<(string Device, string Reason)>? entries)
    {
        if (entries is null)
        {
            writer.WriteNull("devicesDeferred");
            return;
        }
        writer.WriteStartArray("devicesDeferred");
        foreach (var (device, reason) in entries)
        {
            writer.WriteStartObject();
            writer.WriteString("device", device);
            writer.WriteString("reason", reason);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WriteDevlinks(Utf8JsonWriter writer, IReadOnlyList<DevlinkOutcome> links)
    {
        writer.WriteStartArray("devlinks");
        foreach (var l in links)
        {
            writer.WriteStartObject();
            writer.WriteString("name", l.Name);
            writer.WriteString("supplier", l.Supplier);
            writer.WriteString("consumer", l.Consumer);
            writer.WriteString("status", l.Status);
            writer.WriteBoolean("syncStateOnly", l.SyncStateOnly);
            writer.WriteString("autoRemoveOn", l.AutoRemoveOn);
            writer.WriteBoolean("inferred", l.Inferred);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WriteNotifiers(Utf8JsonWriter writer, IReadOnlyList<NotifierEvent> events)
    {
        writer.WriteStartArray("notifiers");
        foreach (var e in events)
        {
            writer.WriteStartObject();
            JsonOutput.WriteSeconds(writer, "time", e.TimeUs);
            writer.WriteString("event", e.Event);
            writer.WriteString("device", e.Device);
            writer.WriteString("driver", e.Driver);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WriteLog(Utf8JsonWriter writer, IReadOnlyList<LogLine> lines)
    {
        writer.WriteStartArray("log");
        foreach (var line in lines)
        {
            writer.WriteStartObject();
            JsonOutput.WriteSeconds(writer, "time", line.TimeUs);
            writer.WriteString("level", LogLevelNames.Name(line.Level));
            writer.WriteString("text", line.Text);
            writer.WriteString("device", line.Device);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
