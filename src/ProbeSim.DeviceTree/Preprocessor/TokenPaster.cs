namespace ProbeSim.DeviceTree.Preprocessor;

/// <summary>The '##' operator.</summary>
internal static class TokenPaster
{
    /// <summary>
    /// Pastes the spellings of <paramref name="lhs"/> and <paramref name="rhs"/>; false when the result is not one
    /// valid preprocessing token (cpp: an error in C, silently left as two tokens in assembler mode).
    /// </summary>
    public static bool TryPaste(in PpToken lhs, in PpToken rhs, PpSymbolTable symbols, out PpToken result)
    {
        // cpp: a placemarker (empty argument) pasted to anything yields the other operand
        if (lhs.Kind == PpTokenKind.Placemarker) { result = rhs.WithFlags((rhs.Flags & ~PpTokenFlags.PrevWhite) | (lhs.Flags & PpTokenFlags.PrevWhite)); return true; }
        if (rhs.Kind == PpTokenKind.Placemarker)
        {
            result = lhs.WithFlags((lhs.Flags & ~PpTokenFlags.PasteLeft) | (rhs.Flags & PpTokenFlags.PasteLeft));
            return true;
        }
        string text = lhs.Text + rhs.Text;
        if (!PpLexer.TryLexSingle(text, out var raw) || raw.Kind == PpTokenKind.HeaderName)
        {
            result = default;
            return false;
        }
        var flags = (lhs.Flags & PpTokenFlags.PrevWhite) | (rhs.Flags & PpTokenFlags.PasteLeft) | PpTokenFlags.FromMacro;
        result = raw.Kind switch
        {
            PpTokenKind.Identifier => MakeIdentifier(symbols.Intern(text), flags, lhs),
            PpTokenKind.Punct => new PpToken(PpTokenKind.Punct, raw.Punct!, null, flags, lhs.Line, lhs.Column),
            _ => new PpToken(raw.Kind, symbols.InternString(text), null, flags, lhs.Line, lhs.Column),
        };
        return true;
    }

    private static PpToken MakeIdentifier(PpSymbol s, PpTokenFlags flags, in PpToken at) =>
        new(PpTokenKind.Identifier, s.Name, s, flags, at.Line, at.Column);
}
