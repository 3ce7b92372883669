using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ProbeSim.Reports.Json;

/// <summary>
/// How every ProbeSim JSON document is written: UTF-8 without BOM, indented by two spaces, <c>\n</c> line ends,
/// one <c>\n</c> after the document, non-ASCII and HTML-sensitive characters unescaped (the output is not meant
/// for embedding in HTML), times as seconds with exactly six decimals.
/// </summary>
public static class JsonOutput
{
    /// <summary>The writer options all ProbeSim documents use.</summary>
    public static JsonWriterOptions WriterOptions => new()
    {
        Indented = true,
        IndentCharacter = ' ',
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes a property whose value is a time in seconds with six decimals (<c>12.345678</c>), as a JSON number.</summary>
    public static void WriteSeconds(Utf8JsonWriter writer, string name, long timeUs)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(name);
        writer.WriteRawValue(SimTime.Seconds(timeUs), skipInputValidation: true);
    }

    /// <summary>Writes a time in seconds, or null.</summary>
    public static void WriteSeconds(Utf8JsonWriter writer, string name, long? timeUs)
    {
        if (timeUs is long us) WriteSeconds(writer, name, us);
        else writer.WriteNull(name);
    }

    /// <summary>Writes an int property, or null.</summary>
    public static void WriteNumber(Utf8JsonWriter writer, string name, int? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is int v) writer.WriteNumber(name, v);
        else writer.WriteNull(name);
    }

    /// <summary>Writes a bool property, or null.</summary>
    public static void WriteBoolean(Utf8JsonWriter writer, string name, bool? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is bool v) writer.WriteBoolean(name, v);
        else writer.WriteNull(name);
    }

    /// <summary>Writes an array of strings.</summary>
    public static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(values);
        writer.WriteStartArray(name);
        foreach (var v in values) writer.WriteStringValue(v);
        writer.WriteEndArray();
    }

    /// <summary>Writes one document with <paramref name="body"/> to a stream, then a newline.</summary>
    public static void WriteDocument(Stream stream, Action<Utf8JsonWriter> body)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(body);
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            body(writer);
            writer.Flush();
        }
        stream.WriteByte((byte)'\n');
    }

    /// <summary>One document as a string, ending in a newline.</summary>
    public static string ToText(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        WriteDocument(stream, body);
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
