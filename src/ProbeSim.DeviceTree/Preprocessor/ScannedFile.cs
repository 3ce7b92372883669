namespace ProbeSim.DeviceTree.Preprocessor;

/// <summary>What a logical line starting with '#' is.</summary>
internal enum DirectiveKind : byte
{
    None,
    /// <summary>A '#' alone on its line.</summary>
    Null,
    Define, Undef, Include, IncludeNext, Import,
    If, Ifdef, Ifndef, Elif, Elifdef, Elifndef, Else, Endif,
    Error, Warning, Pragma, Line, Ident, Sccs, Assert, Unassert,
    /// <summary>'#' followed by something that is no directive name (e.g. <c>#address-cells</c>).</summary>
    Unknown,
}

/// <summary>One logical line of a file: physical lines joined by splices and by block comments that span lines.</summary>
internal struct LogicalLine
{
    /// <summary>Offsets in the cleaned text; <see cref="End"/> is the '\n' ending the line (or the end of the text).</summary>
    public int Start, End;
    /// <summary>1-based physical line of <see cref="Start"/>, and how many physical lines the logical line covers.</summary>
    public int FirstPhysLine, PhysLineCount;
    /// <summary>The identifiers of the line, in order, as a range of <see cref="ScannedFile.Idents"/>.</summary>
    public int IdentStart, IdentCount;
    public int TokenCount;
    public DirectiveKind Directive;
    public bool HasComment;
    /// <summary>
    /// For a one-physical-line text line with comments: its text with each comment replaced by one space
    /// (printed as it is when the line holds no macro).
    /// </summary>
    public string? PlainText;

    public readonly bool IsConditional => Directive is DirectiveKind.If or DirectiveKind.Ifdef or DirectiveKind.Ifndef
        or DirectiveKind.Elif or DirectiveKind.Elifdef or DirectiveKind.Elifndef or DirectiveKind.Else or DirectiveKind.Endif;
}

/// <summary>
/// The immutable, shareable analysis of one source file: cleaned text, logical lines, interned identifiers.
/// Tokens of a line are lexed on demand and memoised in <see cref="LineCache"/> (benign races: any thread may fill a slot
/// with an equal value).
/// </summary>
internal sealed class ScannedFile
{
    public required string FullPath { get; init; }
    /// <summary>The text with line splices removed and line ends normalised to '\n'.</summary>
    public required string Text { get; init; }
    /// <summary>Offset in <see cref="Text"/> where each physical line starts (index 0 = line 1).</summary>
    public required int[] PhysLineStarts { get; init; }
    public required LogicalLine[] Lines { get; init; }
    public required PpSymbol[] Idents { get; init; }
    /// <summary>Position of an unterminated block comment, if any.</summary>
    public (int Line, int Column)? UnterminatedComment { get; init; }
    /// <summary>cpp: the multiple-include optimisation; the macro of a <c>#ifndef X ... #endif</c> guard wrapping the whole file.</summary>
    public PpSymbol? GuardMacro { get; init; }
    /// <summary>Per logical line: memoised <see cref="PpToken"/>[] of the line, or the <see cref="PpMacro"/> a #define line makes.</summary>
    public required object?[] LineCache { get; init; }
    public required object?[] DefineCache { get; init; }

    /// <summary>1-based column of <paramref name="offset"/>, which lies on physical line <paramref name="physLine"/>.</summary>
    public int ColumnOf(int physLine, int offset) => offset - PhysLineStarts[physLine - 1] + 1;

    /// <summary>Physical line (1-based) holding <paramref name="offset"/>.</summary>
    public int PhysLineOf(int offset) => FileScanner.PhysLineOf(PhysLineStarts, offset);
}
