namespace ProbeSim.DeviceTree.Preprocessor;

/// <summary>
/// cpp_avoid_paste: whether two tokens printed side by side would lex differently, so a space is needed
/// where a macro expansion put them next to each other.
/// </summary>
internal static class AvoidPaste
{
    public static bool Needs(in PpToken a, in PpToken b)
    {
        // only operators count as a "first character" of b; names, numbers and literals have none
        char c = b.Kind == PpTokenKind.Punct ? b.Text[0] : '\0';
        switch (a.Kind)
        {
            case PpTokenKind.Identifier:
                // cpp: a name followed by a name, number or literal would merge
                return b.Kind is PpTokenKind.Identifier or PpTokenKind.Number or PpTokenKind.String;
            case PpTokenKind.Number:
                // cpp: a pp-number absorbs names, numbers, '.', and '+'/'-' (after e/p)
                return b.Kind is PpTokenKind.Number or PpTokenKind.Identifier || (b.Kind == PpTokenKind.String && b.Text[0] == '\'')
                    || c is '.' or '+' or '-';
            case PpTokenKind.Other:
                return a.Text == "\\" && b.Kind == PpTokenKind.Identifier;
            case PpTokenKind.Punct:
                break;
            default:
                return false;
        }
        string p = a.Text;
        // cpp: every operator that has a compound-assignment form pastes with '='
        if (c == '=' && p is "=" or "!" or ">" or "<" or "+" or "-" or "*" or "/" or "%" or "&" or "|" or "^" or ">>" or "<<")
            return true;
        return p switch
        {
            ">" => c == '>',
            "<" => c is '<' or '%' or ':',
            "+" => c == '+',
            "-" => c is '-' or '>',
            "/" => c is '/' or '*', // would start a comment
            "%" => c is ':' or '%',
            "&" => c == '&',
            "|" => c == '|',
            ":" => c is ':' or '>',
            "->" => c == '*',
            "." => c is '.' or '%' || b.Kind == PpTokenKind.Number,
            "#" => c is '#' or '%',
            _ => false,
        };
    }
}
