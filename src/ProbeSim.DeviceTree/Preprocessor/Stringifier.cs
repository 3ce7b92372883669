using System.Text;

namespace ProbeSim.DeviceTree.Preprocessor;

/// <summary>The '#' operator.</summary>
internal static class Stringifier
{
    /// <summary>
    /// cpp: the argument's spelling in quotes; '"' and '\' inside string and character literals are escaped,
    /// whitespace between tokens becomes one space, leading and trailing whitespace is dropped.
    /// </summary>
    /// <returns>The string literal, or null when it would be longer than <paramref name="maxChars"/>.</returns>
    public static string? Stringify(List<PpToken> arg, int maxChars = int.MaxValue)
    {
        var sb = new StringBuilder(2 + arg.Count * 4);
        sb.Append('"');
        var source = PaddingState.None;
        foreach (var t in arg)
        {
            if (t.IsPadding)
            {
                source = PaddingState.Update(source, t);
                continue;
            }
            if (t.Kind == PpTokenKind.Placemarker) continue;
            if (sb.Length > 1 && PaddingState.WantsSpace(source, t)) sb.Append(' ');
            source = PaddingState.None;
            if (t.Kind == PpTokenKind.String)
            {
                foreach (char c in t.Text)
                {
                    if (c == '"' || c == '\\') sb.Append('\\');
                    sb.Append(c);
                }
            }
            else sb.Append(t.Text);
            if (sb.Length > maxChars) return null;
        }
        // cpp: an odd number of trailing backslashes would escape the closing quote; the last one is dropped
        int bs = 0;
        for (int i = sb.Length - 1; i > 0 && sb[i] == '\\'; i--) bs++;
        if ((bs & 1) == 1) sb.Length--;
        sb.Append('"');
        return sb.ToString();
    }
}

/// <summary>
/// GCC's tracking of "the token whose whitespace counts" across padding tokens, used by stringification and output.
/// </summary>
internal static class PaddingState
{
    public const int None = 0, White = 1, NotWhite = 2;

    /// <summary>cpp: the first padding's source is kept unless it had no whitespace and a later padding has no source.</summary>
    public static int Update(int current, in PpToken padding)
    {
        int src = (padding.Flags & PpTokenFlags.PaddingNoSource) != 0 ? None
            : (padding.Flags & PpTokenFlags.PaddingSourceWhite) != 0 ? White : NotWhite;
        if (current == None || (current == NotWhite && src == None)) return src;
        return current;
    }

    public static bool WantsSpace(int state, in PpToken t) => state == None ? t.PrevWhite : state == White;
}
