using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Drivers;

/// <summary>One tab-separated data row with enough position data to report a field's line and column.</summary>
internal readonly struct TsvRow
{
    private readonly string[] _fields;
    private readonly int[] _starts;

    public TsvRow(string file, int line, string[] fields, int[] starts)
    {
        File = file;
        Line = line;
        _fields = fields;
        _starts = starts;
    }

    public string File { get; }

    /// <summary>1-based line number.</summary>
    public int Line { get; }

    public string this[int field] => _fields[field];

    /// <summary>The 1-based column where a field starts.</summary>
    public int Column(int field) => _starts[field] + 1;

    /// <summary>An error located at the start of a field.</summary>
    public KernelTableException Error(int field, string reason) =>
        new(new SourceLocation(File, Line, Column(field)), reason);
}

/// <summary>
/// Reads the kernel table files: '#' lines (the header comment) and empty lines are skipped, every other line must
/// have exactly the expected number of tab-separated fields.
/// </summary>
internal static class TsvReader
{
    /// <summary>All data rows of a file (<see cref="KernelTableDirectory"/> has checked that it exists).</summary>
    public static List<TsvRow> Read(string path, int fieldCount)
    {
        var rows = new List<TsvRow>();
        var lineNo = 0;
        foreach (var raw in KernelTableDirectory.ReadLines(path))
        {
            lineNo++;
            var line = raw.EndsWith('\r') ? raw[..^1] : raw;
            if (line.Length == 0 || line[0] == '#') continue;
            var fields = line.Split('\t');
            var starts = new int[fields.Length];
            for (int i = 1, pos = fields[0].Length + 1; i < fields.Length; pos += fields[i].Length + 1, i++)
                starts[i] = pos;
            if (fields.Length < fieldCount)
                throw new KernelTableException(new SourceLocation(path, lineNo, line.Length + 1),
                    $"expected {fieldCount} tab-separated fields, found {fields.Length}");
            if (fields.Length > fieldCount)
                throw new KernelTableException(new SourceLocation(path, lineNo, starts[fieldCount] + 1),
                    $"expected {fieldCount} tab-separated fields, found {fields.Length}");
            rows.Add(new TsvRow(path, lineNo, fields, starts));
        }
        return rows;
    }

    /// <summary>The field's text, or an error when it is empty.</summary>
    public static string Required(this TsvRow row, int field, string what)
    {
        var s = row[field];
        if (s.Length == 0) throw row.Error(field, $"empty {what}");
        return s;
    }

    /// <summary>The field's text, null for "*" (any), or an error when it is empty.</summary>
    public static string? Wildcard(this TsvRow row, int field, string what)
    {
        var s = row.Required(field, what);
        return s == "*" ? null : s;
    }
}
