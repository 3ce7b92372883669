namespace ProbeSim.DeviceTree.Preprocessor;

/// <summary>Character classes of the C lexer (ASCII; other characters are single "other" tokens).</summary>
internal static class PpCharClass
{
    // cpp: '$' is accepted in identifiers by default (DOLLARS_IN_IDENTIFIERS)
    public static bool IsIdentStart(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a' || c == '_' || c == '$';

    public static bool IsIdentChar(char c) => IsIdentStart(c) || IsDigit(c);

    public static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    /// <summary>Whitespace inside a line (newlines end logical lines and are handled apart).</summary>
    public static bool IsHorizontalSpace(char c) => c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\0';
}
