namespace ProbeSim.DeviceTree.Preprocessor;

/// <summary>Lexes one logical line of a <see cref="ScannedFile"/> into tokens, memoised in the file's line cache.</summary>
internal static class LineLexer
{
    public static PpToken[] Tokens(ScannedFile file, int lineIndex, PpSymbolTable symbols)
    {
        if (Volatile.Read(ref file.LineCache[lineIndex]) is PpToken[] cached) return cached;
        var result = Lex(file, lineIndex, symbols);
        Volatile.Write(ref file.LineCache[lineIndex], result);
        return result;
    }

    // hot path: compiled fully optimised at once (a corpus run is over before tiered compilation would catch up)
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static PpToken[] Lex(ScannedFile file, int lineIndex, PpSymbolTable symbols)
    {
        ref readonly var line = ref file.Lines[lineIndex];
        if (line.TokenCount == 0) return [];
        var tokens = new PpToken[line.TokenCount];
        string text = file.Text;
        var starts = file.PhysLineStarts;
        int phys = line.FirstPhysLine;
        int pos = line.Start, ident = line.IdentStart, k = 0;
        string? prev1 = null, prev2 = null;
        while (k < tokens.Length)
        {
            bool white = false, comment = false;
            PpLexer.SkipSpace(text, ref pos, ref white, ref comment);
            if (pos >= text.Length || text[pos] == '\n') break;
            bool header = (k == 2 && line.Directive is DirectiveKind.Include or DirectiveKind.IncludeNext or DirectiveKind.Import)
                || (prev1 == "(" && prev2 == "__has_include" && line.Directive is DirectiveKind.If or DirectiveKind.Elif);
            var raw = PpLexer.Next(text, ref pos, white, header);
            while (phys < starts.Length && starts[phys] <= raw.Start) phys++;
            int col = raw.Start - starts[phys - 1] + 1;
            var flags = white ? PpTokenFlags.PrevWhite : PpTokenFlags.None;
            PpToken t = raw.Kind switch
            {
                PpTokenKind.Identifier => new PpToken(PpTokenKind.Identifier, file.Idents[ident].Name, file.Idents[ident++], flags, phys, col),
                PpTokenKind.Punct => new PpToken(PpTokenKind.Punct, raw.Punct!, null, flags, phys, col),
                _ => new PpToken(raw.Kind, symbols.InternString(text.AsSpan(raw.Start, raw.Length)), null, flags, phys, col),
            };
            tokens[k++] = t;
            prev2 = prev1; prev1 = t.Text;
        }
        return k == tokens.Length ? tokens : tokens[..k];
    }

    /// <summary>Lexes free text (a -D value, a pasted spelling) with no file behind it.</summary>
    public static List<PpToken> LexText(string text, PpSymbolTable symbols, int line, int column)
    {
        var list = new List<PpToken>();
        string clean = FileScanner.Clean(text, out _).Replace('\n', ' ');
        int pos = 0;
        while (true)
        {
            bool white = false, comment = false;
            PpLexer.SkipSpace(clean, ref pos, ref white, ref comment);
            if (pos >= clean.Length) break;
            var raw = PpLexer.Next(clean, ref pos, white, false);
            var flags = white ? PpTokenFlags.PrevWhite : PpTokenFlags.None;
            var span = clean.AsSpan(raw.Start, raw.Length);
            list.Add(raw.Kind switch
            {
                PpTokenKind.Identifier => new PpToken(PpTokenKind.Identifier, symbols.Intern(span).Name, symbols.Intern(span), flags, line, column),
                PpTokenKind.Punct => new PpToken(PpTokenKind.Punct, raw.Punct!, null, flags, line, column),
                _ => new PpToken(raw.Kind, symbols.InternString(span), null, flags, line, column),
            });
        }
        return list;
    }
}
