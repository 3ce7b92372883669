namespace ProbeSim.DeviceTree.Preprocessor;

/// <summary>A token found by <see cref="PpLexer"/>: where it is in the cleaned text and what it is.</summary>
internal readonly record struct PpRawToken(PpTokenKind Kind, int Start, int Length, bool PrevWhite, string? Punct);

/// <summary>
/// The C lexer on "cleaned" text (line splices removed, line ends normalised to '\n').
/// It never throws: an unterminated block comment is reported through <see cref="SkipSpace"/>.
/// </summary>
internal static class PpLexer
{
    /// <summary>
    /// Skips spaces and comments from <paramref name="pos"/>. Stops at the '\n' that ends the logical line
    /// (cpp: a newline inside a block comment does not end the line) or at the end of the text.
    /// Returns the offset of an unterminated "/*", or -1.
    /// </summary>
    // hot path: compiled fully optimised at once (a corpus run is over before tiered compilation would catch up)
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static int SkipSpace(string s, ref int pos, ref bool white, ref bool comment)
    {
        int n = s.Length;
        while (pos < n)
        {
            char c = s[pos];
            if (PpCharClass.IsHorizontalSpace(c)) { pos++; white = true; continue; }
            if (c == '/' && pos + 1 < n)
            {
                char d = s[pos + 1];
                if (d == '*')
                {
                    // cpp: a block comment is replaced by one space and may span lines
                    int close = s.IndexOf("*/", pos + 2, StringComparison.Ordinal);
                    if (close < 0) { int at = pos; pos = n; white = true; comment = true; return at; }
                    pos = close + 2; white = true; comment = true; continue;
                }
                if (d == '/')
                {
                    // cpp: a C++ comment runs to the end of the (spliced) line
                    int nl = s.IndexOf('\n', pos + 2);
                    pos = nl < 0 ? n : nl; white = true; comment = true; continue;
                }
            }
            break;
        }
        return -1;
    }

    /// <summary>Lexes the token at <paramref name="pos"/> (which is not space, comment or '\n').</summary>
    // hot path: compiled fully optimised at once (a corpus run is over before tiered compilation would catch up)
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static PpRawToken Next(string s, ref int pos, bool prevWhite, bool headerNameAllowed)
    {
        int start = pos, n = s.Length;
        char c = s[pos];
        if (PpCharClass.IsIdentStart(c))
        {
            pos++;
            while (pos < n && PpCharClass.IsIdentChar(s[pos])) pos++;
            return new PpRawToken(PpTokenKind.Identifier, start, pos - start, prevWhite, null);
        }
        if (PpCharClass.IsDigit(c) || (c == '.' && pos + 1 < n && PpCharClass.IsDigit(s[pos + 1])))
        {
            pos = ScanNumber(s, pos + 1);
            return new PpRawToken(PpTokenKind.Number, start, pos - start, prevWhite, null);
        }
        if (c == '"' || c == '\'')
        {
            int end = ScanQuoted(s, pos, c);
            if (end < 0)
            {
                // cpp (assembler): an unterminated quote is no error; it and the rest of the line form one "other" token
                int nl = s.IndexOf('\n', pos);
                pos = nl < 0 ? n : nl;
                return new PpRawToken(PpTokenKind.Other, start, pos - start, prevWhite, null);
            }
            pos = end;
            return new PpRawToken(PpTokenKind.String, start, pos - start, prevWhite, null);
        }
        if (c == '<' && headerNameAllowed)
        {
            int nl = s.IndexOf('\n', pos);
            int gt = s.IndexOf('>', pos + 1);
            if (gt > 0 && (nl < 0 || gt < nl))
            {
                // cpp: after #include, <...> is one header-name token
                pos = gt + 1;
                return new PpRawToken(PpTokenKind.HeaderName, start, pos - start, prevWhite, null);
            }
        }
        var p = Punctuators.Match(s, pos);
        if (p is not null)
        {
            pos += p.Length;
            return new PpRawToken(PpTokenKind.Punct, start, p.Length, prevWhite, p);
        }
        pos++;
        if (char.IsHighSurrogate(c) && pos < n && char.IsLowSurrogate(s[pos])) pos++;
        return new PpRawToken(PpTokenKind.Other, start, pos - start, prevWhite, null);
    }

    /// <summary>cpp: a pp-number is a digit (or '.' digit) followed by digits, letters, '_', '.', and e+ e- p+ p- (any case).</summary>
    // hot path: compiled fully optimised at once (a corpus run is over before tiered compilation would catch up)
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static int ScanNumber(string s, int pos)
    {
        int n = s.Length;
        while (pos < n)
        {
            char c = s[pos];
            if ((c | 0x20) is 'e' or 'p' && pos + 1 < n && (s[pos + 1] == '+' || s[pos + 1] == '-')) { pos += 2; continue; }
            if (PpCharClass.IsIdentChar(c) || c == '.') { pos++; continue; }
            break;
        }
        return pos;
    }

    /// <summary>End (exclusive) of the string or character constant starting at <paramref name="pos"/>, or -1 if the line ends first.</summary>
    // hot path: compiled fully optimised at once (a corpus run is over before tiered compilation would catch up)
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static int ScanQuoted(string s, int pos, char quote)
    {
        int n = s.Length;
        for (int i = pos + 1; i < n; i++)
        {
            char c = s[i];
            if (c == quote) return i + 1;
            if (c == '\n') return -1;
            if (c == '\\' && i + 1 < n && s[i + 1] != '\n') i++;
        }
        return -1;
    }

    /// <summary>
    /// Lexes <paramref name="text"/> as one whole token (used to validate the result of <c>##</c>).
    /// Returns false if it is not exactly one token.
    /// </summary>
    public static bool TryLexSingle(string text, out PpRawToken token)
    {
        token = default;
        if (text.Length == 0) return false;
        int pos = 0;
        bool w = false, cm = false;
        if (PpLexer.SkipSpace(text, ref pos, ref w, ref cm) >= 0 || w || cm || pos != 0) return false;
        token = Next(text, ref pos, false, false);
        if (token.Kind == PpTokenKind.Other && token.Length > 1 && (text[0] == '"' || text[0] == '\'')) return false;
        return pos == text.Length;
    }
}

/// <summary>The C punctuators, longest match first.</summary>
internal static class Punctuators
{
    public const string Hash = "#", HashHash = "##", LParen = "(", RParen = ")", Comma = ",", Ellipsis = "...",
        Lt = "<", Gt = ">";

    private static readonly string[] Two =
        ["->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "##"];
    private static readonly string[] Three = ["<<=", ">>=", "..."];
    private static readonly string?[] One = BuildOne();

    private static string?[] BuildOne()
    {
        var t = new string?[128];
        foreach (char c in "[](){}.&*+-~!/%<>^|?:;=,#")
            t[c] = c.ToString();
        return t;
    }

    // hot path: compiled fully optimised at once (a corpus run is over before tiered compilation would catch up)
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static string? Match(string s, int pos)
    {
        char c = s[pos];
        if (c >= 128 || One[c] is not { } one) return null;
        char d = pos + 1 < s.Length ? s[pos + 1] : '\0';
        switch (c)
        {
            case '-': return d == '>' ? "->" : d == '-' ? "--" : d == '=' ? "-=" : one;
            case '+': return d == '+' ? "++" : d == '=' ? "+=" : one;
            case '<':
                if (d == '<') return pos + 2 < s.Length && s[pos + 2] == '=' ? "<<=" : "<<";
                return d == '=' ? "<=" : one;
            case '>':
                if (d == '>') return pos + 2 < s.Length && s[pos + 2] == '=' ? ">>=" : ">>";
                return d == '=' ? ">=" : one;
            case '=': return d == '=' ? "==" : one;
            case '!': return d == '=' ? "!=" : one;
            case '&': return d == '&' ? "&&" : d == '=' ? "&=" : one;
            case '|': return d == '|' ? "||" : d == '=' ? "|=" : one;
            case '*': return d == '=' ? "*=" : one;
            case '/': return d == '=' ? "/=" : one;
            case '%': return d == '=' ? "%=" : one;
            case '^': return d == '=' ? "^=" : one;
            case '#': return d == '#' ? "##" : one;
            // cpp: ".." is two '.' tokens; only "..." is one
            case '.': return d == '.' && pos + 2 < s.Length && s[pos + 2] == '.' ? "..." : one;
            default: return one;
        }
    }

    /// <summary>The shared instance of a punctuator spelling, or null.</summary>
    public static string? Canonical(string text)
    {
        if (text.Length == 1) return text[0] < 128 ? One[text[0]] : null;
        foreach (var p in Two) if (p == text) return p;
        foreach (var p in Three) if (p == text) return p;
        return null;
    }
}
