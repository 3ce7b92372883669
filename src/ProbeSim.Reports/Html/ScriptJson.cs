using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ProbeSim.Reports.Html;

/// <summary>
/// JSON that can sit inside an HTML <c>&lt;script type="application/json"&gt;</c> element: compact, and every
/// <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>, quote and non-ASCII character written as a four-hex-digit escape (<c>&lt;</c> as <c>\u003C</c>), so no
/// string in it can close the element (<c>&lt;/script&gt;</c>) or open a comment (<c>&lt;!--</c>).
/// </summary>
public static class ScriptJson
{
    /// <summary>The writer options: <see cref="JavaScriptEncoder.Default"/> escapes the HTML-sensitive characters.</summary>
    public static JsonWriterOptions WriterOptions => new() { Indented = false, Encoder = JavaScriptEncoder.Default };

    /// <summary>A document written by <paramref name="body"/>, as text.</summary>
    public static string Write(Action<Utf8JsonWriter> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            body(writer);
            writer.Flush();
        }
        return Checked(Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length));
    }

    /// <summary>Writes a JSON document given as text (a payload of another command) into <paramref name="writer"/>, re-escaped.</summary>
    /// <exception cref="JsonException">The text is not one JSON value.</exception>
    public static void WriteDocument(Utf8JsonWriter writer, string json)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(json);
        using var doc = JsonDocument.Parse(json);
        doc.RootElement.WriteTo(writer);
    }

    /// <summary>The text, after making sure no character that HTML cares about is left unescaped.</summary>
    private static string Checked(string json)
    {
        if (json.AsSpan().IndexOfAny('<', '>', '&') >= 0)
            throw new InvalidOperationException("script JSON contains an unescaped '<', '>' or '&'");
        return json;
    }
}
