using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ProbeSim.Kernel.Boot;

namespace ProbeSim.Reports.Json;

/// <summary>
/// <c>corpus boot --jsonl</c>: one compact JSON object per device and line, <c>{board, device, state, driver, reason, basis}</c>
/// (docs/json.md, "corpus device lines"). Boards in ordinal order of their names, devices in result order, so the bytes
/// depend on the input only, whatever order the boards finished in.
/// </summary>
public static class CorpusDeviceLines
{
    private static readonly JsonWriterOptions Options = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The lines of one board's devices (each ending in <c>\n</c>).</summary>
    public static string ForBoard(BootResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        foreach (var d in result.Devices) sb.Append(Line(result.Board, d)).Append('\n');
        return sb.ToString();
    }

    /// <summary>All boards' lines, boards sorted by name (ordinal).</summary>
    public static string Join(IEnumerable<(string Board, string Lines)> boards) =>
        string.Concat(boards.OrderBy(b => b.Board, StringComparer.Ordinal).Select(b => b.Lines));

    /// <summary>
    /// One device: <c>driver</c> is the bound driver, else the driver whose probe ran last, else null; <c>reason</c> is the
    /// defer reason of a deferred device (its note when the kernel recorded none) and the note otherwise.
    /// </summary>
    public static string Line(string board, DeviceOutcome d)
    {
        ArgumentNullException.ThrowIfNull(d);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            w.WriteString("board", board);
            w.WriteString("device", d.Name);
            w.WriteString("state", DeviceStateWords.Word(d.State));
            w.WriteString("driver", d.Driver ?? d.BasisDriver);
            w.WriteString("reason", d.State == DeviceState.Deferred && !string.IsNullOrEmpty(d.DeferReason) ? d.DeferReason : Text.DeviceRow.NoteText(d));
            w.WriteString("basis", BasisWords.Word(d.Basis));
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
