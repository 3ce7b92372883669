using System.Globalization;

namespace ProbeSim.Reports.Text;

/// <summary>
/// Fixed-width text tables for redirected output and tests: a header row, columns two spaces apart and padded with
/// spaces to their widest cell (widths in UTF-16 code units), no trailing spaces, <c>\n</c> after every row.
/// Tabs, carriage returns and newlines inside cells become spaces so rows stay one line.
/// </summary>
public static class PlainTable
{
    /// <summary>The space between two columns.</summary>
    public const string Gap = "  ";

    /// <summary>Writes the table. <paramref name="align"/> gives one alignment per column (default: all left).</summary>
    public static void Write(TextWriter writer, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows,
        IReadOnlyList<ColumnAlign>? align = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Write(writer, headers, rows.Select(r => new PlainRow(r)), align);
    }

    /// <summary>
    /// Writes the table with each row's notes after it: whole lines indented by <see cref="NoteIndent"/>, outside the
    /// columns (they do not widen them).
    /// </summary>
    public static void Write(TextWriter writer, IReadOnlyList<string> headers, IEnumerable<PlainRow> rows,
        IReadOnlyList<ColumnAlign>? align = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        if (align is not null && align.Count != headers.Count)
            throw new ArgumentException("one alignment per column", nameof(align));

        var all = new List<(string[] Cells, IReadOnlyList<string> Notes)> { (headers.Select(Clean).ToArray(), Array.Empty<string>()) };
        foreach (var row in rows)
        {
            ArgumentNullException.ThrowIfNull(row);
            if (row.Cells.Count != headers.Count) throw new ArgumentException("every row needs one cell per column", nameof(rows));
            all.Add((row.Cells.Select(Clean).ToArray(), row.Notes));
        }

        var widths = new int[headers.Count];
        foreach (var (row, _) in all)
            for (var i = 0; i < row.Length; i++) widths[i] = Math.Max(widths[i], row[i].Length);

        var line = new System.Text.StringBuilder();
        foreach (var (row, notes) in all)
        {
            line.Clear();
            for (var i = 0; i < row.Length; i++)
            {
                if (i > 0) line.Append(Gap);
                var right = align is not null && align[i] == ColumnAlign.Right;
                line.Append(right ? row[i].PadLeft(widths[i]) : row[i].PadRight(widths[i]));
            }
            writer.Write(line.ToString().TrimEnd(' '));
            writer.Write('\n');
            foreach (var note in notes)
            {
                writer.Write(NoteIndent);
                writer.Write(Clean(note).TrimEnd(' '));
                writer.Write('\n');
            }
        }
    }

    /// <summary>What a note line starts with.</summary>
    public const string NoteIndent = "  ";

    /// <summary>The table as one string.</summary>
    public static string Format(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, IReadOnlyList<ColumnAlign>? align = null)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer, headers, rows, align);
        return writer.ToString();
    }

    private static string Clean(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.AsSpan().IndexOfAny('\t', '\r', '\n') < 0 ? cell : cell.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
    }
}

/// <summary>A row of a <see cref="PlainTable"/>: its cells and the note lines printed under it.</summary>
public sealed record PlainRow(IReadOnlyList<string> Cells, IReadOnlyList<string> Notes)
{
    /// <summary>A row without notes.</summary>
    public PlainRow(IReadOnlyList<string> cells) : this(cells, Array.Empty<string>()) { }
}
