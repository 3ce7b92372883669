namespace ProbeSim.DeviceTree.Preprocessor;

/// <summary>The lexical class of a preprocessing token.</summary>
internal enum PpTokenKind : byte
{
    Identifier,
    Number,
    /// <summary>A string literal or character constant, kept as one token with its quotes.</summary>
    String,
    /// <summary><c>&lt;...&gt;</c> after <c>#include</c> or <c>__has_include(</c>.</summary>
    HeaderName,
    Punct,
    /// <summary>A single character that is no punctuator (e.g. <c>@</c>), or an unterminated quote and the rest of its line.</summary>
    Other,
    /// <summary>Invisible marker where a macro expansion begins or ends; drives the avoid-paste spacing of the output.</summary>
    Padding,
    /// <summary>Empty result of pasting or of an empty argument next to <c>##</c>.</summary>
    Placemarker,
}

[Flags]
internal enum PpTokenFlags : byte
{
    None = 0,
    /// <summary>Whitespace or a comment precedes the token on its line.</summary>
    PrevWhite = 1,
    /// <summary>cpp: an identifier met inside the expansion of its own macro is "painted blue" and never expanded again.</summary>
    NoExpand = 2,
    /// <summary>For padding: the token whose spacing it stands for had no source token (GCC's avoid_paste padding).</summary>
    PaddingNoSource = 4,
    /// <summary>For padding: its source token was preceded by whitespace.</summary>
    PaddingSourceWhite = 8,
    /// <summary>A macro body token followed by <c>##</c>.</summary>
    PasteLeft = 16,
    /// <summary>A token that came out of a macro expansion or an argument (not directly from the source line).</summary>
    FromMacro = 32,
}

/// <summary>One preprocessing token. A small value type: lines are lexed on demand and tokens are copied freely.</summary>
internal readonly struct PpToken
{
    public readonly string Text;
    public readonly PpSymbol? Symbol;
    public readonly PpTokenKind Kind;
    public readonly PpTokenFlags Flags;
    /// <summary>Physical 1-based line and column in the file the token was lexed from.</summary>
    public readonly int Line;
    public readonly int Column;

    public PpToken(PpTokenKind kind, string text, PpSymbol? symbol, PpTokenFlags flags, int line, int column)
    {
        Kind = kind; Text = text; Symbol = symbol; Flags = flags; Line = line; Column = column;
    }

    public bool PrevWhite => (Flags & PpTokenFlags.PrevWhite) != 0;
    public bool IsPadding => Kind == PpTokenKind.Padding;
    public bool IsPunct(string p) => Kind == PpTokenKind.Punct && (ReferenceEquals(Text, p) || Text == p);
    public bool IsIdentifier => Kind == PpTokenKind.Identifier;

    public PpToken WithFlags(PpTokenFlags flags) => new(Kind, Text, Symbol, flags, Line, Column);
    public PpToken WithPosition(int line, int column) => new(Kind, Text, Symbol, Flags, line, column);

    /// <summary>Padding standing for <paramref name="source"/> (a macro name or parameter), as GCC's padding_token.</summary>
    public static PpToken PaddingFor(in PpToken source) =>
        new(PpTokenKind.Padding, string.Empty, null,
            source.PrevWhite ? PpTokenFlags.PaddingSourceWhite : PpTokenFlags.None, source.Line, source.Column);

    /// <summary>Padding with no source, as GCC's pfile->avoid_paste after an expansion or argument.</summary>
    public static PpToken AvoidPaste(int line, int column) =>
        new(PpTokenKind.Padding, string.Empty, null, PpTokenFlags.PaddingNoSource, line, column);

    public static PpToken Placemarker(int line, int column) =>
        new(PpTokenKind.Placemarker, string.Empty, null, PpTokenFlags.None, line, column);

    public override string ToString() => Kind == PpTokenKind.Padding ? "<pad>" : Text;
}
