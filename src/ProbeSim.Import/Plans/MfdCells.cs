namespace ProbeSim.Import.Plans;

/// <summary>One <c>struct mfd_cell</c> of an array: its name, of_compatible, and the line it is on.</summary>
internal sealed record MfdCell(string? Name, string? Compatible, int Line);

/// <summary>
/// Reads the <c>struct mfd_cell</c> arrays of a file: designated initializers (.name, .of_compatible) and the
/// MFD_CELL_* macros of include/linux/mfd/core.h (name first; compatible sixth in MFD_CELL_OF, MFD_CELL_OF_REG, MFD_CELL_ALL).
/// </summary>
internal static class MfdCells
{
    /// <summary>The file-level arrays (and single cells) declared with type struct mfd_cell: name → the index of their '{'.</summary>
    public static Dictionary<string, (int Open, bool Single)> Arrays(CSourceFile f)
    {
        var result = new Dictionary<string, (int, bool)>(StringComparer.Ordinal);
        for (int i = 0; i + 4 < f.Count; i++)
        {
            if (!(f.Is(i, "struct") && f.Is(i + 1, "mfd_cell"))) continue;
            int j = i + 2;
            while (j < f.Count && (f.Is(j, "*") || f.Is(j, "const") || f.Is(j, "__initconst"))) j++;
            if (j >= f.Count || !f[j].IsIdent) continue;
            // a single cell: static const struct mfd_cell foo_cell = { ... };  (passed as &foo_cell)
            if (f.Is(j + 1, "=") && f.Is(j + 2, "{")) { result.TryAdd(f[j].Text, (j + 2, true)); continue; }
            if (!f.Is(j + 1, "[")) continue;
            int k = f.Match(j + 1) + 1;
            while (k > 0 && k < f.Count && f[k].IsIdent) k++; // attributes
            if (k > 0 && f.Is(k, "=") && f.Is(k + 1, "{")) result.TryAdd(f[j].Text, (k + 1, false));
        }
        return result;
    }

    public static List<MfdCell> Read(CSourceFile f, (int Open, bool Single) at)
    {
        var cells = new List<MfdCell>();
        int open = at.Open;
        if (at.Single) { cells.Add(Designated(f, open, f[open].Line)); return cells; }
        int close = f.Match(open);
        if (close < 0) return cells;
        foreach (var (start, end) in CSyntax.Args(f, open))
        {
            int s = start;
            if (f.Is(s, "[") && f.Match(s) > s && f.Is(f.Match(s) + 1, "=")) s = f.Match(s) + 2;
            if (s >= end) continue;
            if (f.Is(s, "{")) cells.Add(Designated(f, s, f[s].Line));
            else if (f[s].IsIdent && f[s].Text.StartsWith("MFD_CELL_", StringComparison.Ordinal) && f.Is(s + 1, "("))
            {
                var a = CSyntax.Args(f, s + 1);
                string? name = a.Count > 0 ? CSyntax.StringLiteral(f, a[0].Start, a[0].End) : null;
                string? compat = f[s].Text is "MFD_CELL_OF" or "MFD_CELL_OF_REG" or "MFD_CELL_ALL" && a.Count > 5
                    ? CSyntax.StringLiteral(f, a[5].Start, a[5].End) : null;
                cells.Add(new MfdCell(name, compat, f[s].Line));
            }
        }
        return cells;
    }

    private static MfdCell Designated(CSourceFile f, int open, int line)
    {
        string? name = null, compat = null;
        foreach (var (start, end) in CSyntax.Args(f, open))
        {
            if (!(f.Is(start, ".") && start + 2 < end && f.Is(start + 2, "="))) continue;
            var field = f[start + 1].Text;
            var value = CSyntax.StringLiteral(f, start + 3, end);
            if (value is null && end - start == 6 && f[start + 3].Text == "of_match_ptr") value = CSyntax.StringLiteral(f, start + 5, end - 1);
            if (field == "name") name = value;
            else if (field == "of_compatible") compat = value;
        }
        return new MfdCell(name, compat, line);
    }
}
