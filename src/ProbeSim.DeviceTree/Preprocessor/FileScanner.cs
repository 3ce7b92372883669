using System.Text;

namespace ProbeSim.DeviceTree.Preprocessor;

/// <summary>Turns a file's text into a <see cref="ScannedFile"/>: one pass that finds logical lines, directives and identifiers.</summary>
internal static class FileScanner
{
    // hot path: compiled fully optimised at once (a corpus run is over before tiered compilation would catch up)
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static ScannedFile Scan(string fullPath, string raw, PpSymbolTable symbols)
    {
        string text = Clean(raw, out int[] physStarts);
        var lines = new List<LogicalLine>(physStarts.Length);
        var idents = new List<PpSymbol>(physStarts.Length * 2);
        (int, int)? unterminated = null;
        int pos = 0, n = text.Length, phys = 1;

        while (pos < n)
        {
            phys = Advance(physStarts, phys, pos);
            var line = new LogicalLine { Start = pos, FirstPhysLine = phys, IdentStart = idents.Count };
            bool white = false, comment = false, lineComment = false;
            int tokIndex = 0;
            PpSymbol? firstIdent = null;
            string? prev1 = null, prev2 = null; // spellings of the two previous tokens (for header names)
            while (true)
            {
                white = false; comment = false;
                int at = PpLexer.SkipSpace(text, ref pos, ref white, ref comment);
                if (comment) lineComment = true;
                if (at >= 0 && unterminated is null)
                {
                    int pl = PhysLineOf(physStarts, at);
                    unterminated = (pl, at - physStarts[pl - 1] + 1);
                }
                if (pos >= n || text[pos] == '\n') break;
                bool header = (tokIndex == 2 && line.Directive is DirectiveKind.Include or DirectiveKind.IncludeNext or DirectiveKind.Import)
                    || (prev1 == "(" && prev2 == "__has_include" && line.Directive is DirectiveKind.If or DirectiveKind.Elif);
                var t = PpLexer.Next(text, ref pos, white, header);
                string? spelling = t.Punct;
                if (t.Kind == PpTokenKind.Identifier)
                {
                    var sym = symbols.Intern(text.AsSpan(t.Start, t.Length));
                    idents.Add(sym);
                    spelling = sym.Name;
                    if (tokIndex == 1 && line.Directive == DirectiveKind.Null) line.Directive = DirectiveOf(sym.Name);
                    else if (tokIndex == 2) firstIdent ??= sym;
                }
                if (tokIndex == 0 && t.Kind == PpTokenKind.Punct && t.Punct == Punctuators.Hash) line.Directive = DirectiveKind.Null;
                else if (tokIndex == 1 && line.Directive == DirectiveKind.Null && t.Kind != PpTokenKind.Identifier) line.Directive = DirectiveKind.Unknown;
                prev2 = prev1; prev1 = spelling;
                tokIndex++;
            }
            line.End = Math.Min(pos, n);
            int lastPhys = phys = Advance(physStarts, phys, line.End);
            line.PhysLineCount = lastPhys - line.FirstPhysLine + 1;
            line.IdentCount = idents.Count - line.IdentStart;
            line.TokenCount = tokIndex;
            line.HasComment = lineComment;
            if (tokIndex > 0 && line.PhysLineCount == 1 && lineComment && line.Directive is DirectiveKind.None or DirectiveKind.Unknown)
                line.PlainText = StripComments(text, line.Start, line.End);
            lines.Add(line);
            if (pos < n) pos++; // the '\n'
            else break;
        }

        var arr = lines.ToArray();
        return new ScannedFile
        {
            FullPath = fullPath,
            Text = text,
            PhysLineStarts = physStarts,
            Lines = arr,
            Idents = idents.ToArray(),
            UnterminatedComment = unterminated,
            GuardMacro = FindGuard(arr, idents),
            LineCache = new object?[arr.Length],
            DefineCache = new object?[arr.Length],
        };
    }

    /// <summary>The physical line holding <paramref name="offset"/>, searching forward from line <paramref name="phys"/>.</summary>
    private static int Advance(int[] starts, int phys, int offset)
    {
        while (phys < starts.Length && starts[phys] <= offset) phys++;
        return phys;
    }

    internal static int PhysLineOf(int[] starts, int offset)
    {
        int i = Array.BinarySearch(starts, offset);
        if (i < 0) i = ~i - 1;
        else while (i + 1 < starts.Length && starts[i + 1] == offset) i++; // empty spliced lines share an offset
        return i + 1;
    }

    private static DirectiveKind DirectiveOf(string name) => name switch
    {
        "define" => DirectiveKind.Define,
        "undef" => DirectiveKind.Undef,
        "include" => DirectiveKind.Include,
        "include_next" => DirectiveKind.IncludeNext,
        "import" => DirectiveKind.Import,
        "if" => DirectiveKind.If,
        "ifdef" => DirectiveKind.Ifdef,
        "ifndef" => DirectiveKind.Ifndef,
        "elif" => DirectiveKind.Elif,
        "elifdef" => DirectiveKind.Elifdef,
        "elifndef" => DirectiveKind.Elifndef,
        "else" => DirectiveKind.Else,
        "endif" => DirectiveKind.Endif,
        "error" => DirectiveKind.Error,
        "warning" => DirectiveKind.Warning,
        "pragma" => DirectiveKind.Pragma,
        "line" => DirectiveKind.Line,
        "ident" => DirectiveKind.Ident,
        "sccs" => DirectiveKind.Sccs,
        "assert" => DirectiveKind.Assert,
        "unassert" => DirectiveKind.Unassert,
        _ => DirectiveKind.Unknown,
    };

    /// <summary>cpp: the multiple-include optimisation applies when #ifndef X ... #endif encloses every token of the file.</summary>
    private static PpSymbol? FindGuard(LogicalLine[] lines, List<PpSymbol> idents)
    {
        int first = Array.FindIndex(lines, l => l.TokenCount > 0);
        if (first < 0 || lines[first].Directive != DirectiveKind.Ifndef || lines[first].IdentCount < 2 || lines[first].TokenCount != 3)
            return null;
        int depth = 0;
        for (int i = first; i < lines.Length; i++)
        {
            var l = lines[i];
            switch (l.Directive)
            {
                case DirectiveKind.If or DirectiveKind.Ifdef or DirectiveKind.Ifndef: depth++; break;
                case DirectiveKind.Elif or DirectiveKind.Elifdef or DirectiveKind.Elifndef or DirectiveKind.Else:
                    if (depth == 1) return null;
                    break;
                case DirectiveKind.Endif:
                    depth--;
                    if (depth == 0)
                    {
                        for (int j = i + 1; j < lines.Length; j++) if (lines[j].TokenCount > 0) return null;
                        return idents[lines[first].IdentStart + 1];
                    }
                    break;
            }
        }
        return null;
    }

    /// <summary>The line with each comment replaced by one space and trailing space dropped (cpp: a comment is one space).</summary>
    // hot path: compiled fully optimised at once (a corpus run is over before tiered compilation would catch up)
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static string StripComments(string text, int start, int end)
    {
        var sb = new StringBuilder(end - start);
        int pos = start;
        while (pos < end)
        {
            int gapStart = pos;
            bool white = false, comment = false;
            PpLexer.SkipSpace(text, ref pos, ref white, ref comment);
            if (pos > end) pos = end;
            if (pos >= end) break;
            if (comment)
            {
                // keep indentation before a leading comment; otherwise a commented gap becomes one space
                if (gapStart == start)
                    for (int k = gapStart; k < pos && PpCharClass.IsHorizontalSpace(text[k]); k++) sb.Append(text[k]);
                sb.Append(' ');
            }
            else sb.Append(text, gapStart, pos - gapStart);
            int tokStart = pos;
            PpLexer.Next(text, ref pos, white, false);
            sb.Append(text, tokStart, pos - tokStart);
        }
        return sb.ToString();
    }

    /// <summary>
    /// Removes backslash-newline splices and normalises CR LF / CR to LF, recording where each physical line starts
    /// in the resulting text (cpp: a backslash followed by spaces and a newline is still a splice, with a warning).
    /// </summary>
    // hot path: compiled fully optimised at once (a corpus run is over before tiered compilation would catch up)
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static string Clean(string raw, out int[] physLineStarts)
    {
        var starts = new List<int>(raw.Length / 24 + 1) { 0 };
        if (raw.AsSpan().IndexOfAny('\r', '\\') < 0)
        {
            int i = -1;
            while ((i = raw.IndexOf('\n', i + 1)) >= 0) starts.Add(i + 1);
            physLineStarts = starts.ToArray();
            return raw;
        }
        var sb = new StringBuilder(raw.Length);
        int n = raw.Length;
        for (int i = 0; i < n; i++)
        {
            char c = raw[i];
            if (c == '\r')
            {
                if (i + 1 < n && raw[i + 1] == '\n') i++;
                sb.Append('\n'); starts.Add(sb.Length);
                continue;
            }
            if (c == '\n') { sb.Append('\n'); starts.Add(sb.Length); continue; }
            if (c == '\\')
            {
                int j = i + 1;
                while (j < n && (raw[j] == ' ' || raw[j] == '\t')) j++;
                if (j < n && (raw[j] == '\n' || raw[j] == '\r'))
                {
                    if (raw[j] == '\r' && j + 1 < n && raw[j + 1] == '\n') j++;
                    i = j;
                    starts.Add(sb.Length);
                    continue;
                }
            }
            sb.Append(c);
        }
        physLineStarts = starts.ToArray();
        return sb.ToString();
    }
}
