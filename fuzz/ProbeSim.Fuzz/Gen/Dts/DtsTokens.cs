using System.Text;

namespace ProbeSim.Fuzz.Gen.Dts;

public enum DtsTokenKind { Space, Comment, Directive, String, Char, Number, Word, Punct }

public readonly record struct DtsToken(DtsTokenKind Kind, string Text)
{
    public bool IsSpace => Kind is DtsTokenKind.Space or DtsTokenKind.Comment;
}

/// <summary>
/// A lenient tokenizer for DTS text (and the C preprocessor lines in it): never fails, and joining the tokens gives
/// the text back. Good enough to delete, swap and replace tokens and to find node blocks.
/// </summary>
public static class DtsTokenizer
{
    private static readonly string[] DirectiveWords =
        ["include", "define", "undef", "if", "ifdef", "ifndef", "elif", "else", "endif", "error", "warning", "pragma", "line"];

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || "_,.+*#?@-".Contains(c);

    public static List<DtsToken> Tokenize(string s)
    {
        var tokens = new List<DtsToken>();
        int i = 0;
        bool lineStart = true;
        while (i < s.Length)
        {
            int start = i;
            char c = s[i];
            DtsTokenKind kind;
            if (char.IsWhiteSpace(c))
            {
                while (i < s.Length && char.IsWhiteSpace(s[i])) { if (s[i] == '\n') lineStart = true; i++; }
                tokens.Add(new(DtsTokenKind.Space, s[start..i]));
                continue;
            }
            if (c == '/' && i + 1 < s.Length && s[i + 1] == '/')
            {
                while (i < s.Length && s[i] != '\n') i++;
                kind = DtsTokenKind.Comment;
            }
            else if (c == '/' && i + 1 < s.Length && s[i + 1] == '*')
            {
                int end = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? s.Length : end + 2;
                kind = DtsTokenKind.Comment;
            }
            else if (c == '#' && lineStart && IsDirective(s, i))
            {
                while (i < s.Length && s[i] != '\n')
                {
                    if (s[i] == '\\' && i + 1 < s.Length && s[i + 1] == '\n') i++;
                    i++;
                }
                kind = DtsTokenKind.Directive;
            }
            else if (c == '"' || c == '\'')
            {
                i++;
                while (i < s.Length && s[i] != c && s[i] != '\n')
                {
                    if (s[i] == '\\' && i + 1 < s.Length) i++;
                    i++;
                }
                if (i < s.Length && s[i] == c) i++;
                kind = c == '"' ? DtsTokenKind.String : DtsTokenKind.Char;
            }
            else if (char.IsAsciiDigit(c))
            {
                while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]))) i++;
                kind = DtsTokenKind.Number;
            }
            else if (c == '/' && KeywordLength(s, i) is int k and > 0)
            {
                i += k;
                kind = DtsTokenKind.Word;
            }
            else if (c == '&' && i + 1 < s.Length && s[i + 1] == '{')
            {
                int end = s.IndexOf('}', i);
                i = end < 0 ? s.Length : end + 1;
                kind = DtsTokenKind.Word;
            }
            else if (IsWordChar(c) || c == '\\')
            {
                while (i < s.Length && IsWordChar(s[i])) i++;
                if (i == start) i++;
                kind = DtsTokenKind.Word;
            }
            else
            {
                i++;
                kind = DtsTokenKind.Punct;
            }
            lineStart = false;
            tokens.Add(new(kind, s[start..i]));
        }
        return tokens;
    }

    private static bool IsDirective(string s, int i)
    {
        int j = i + 1;
        while (j < s.Length && s[j] is ' ' or '\t') j++;
        foreach (var w in DirectiveWords)
            if (string.CompareOrdinal(s, j, w, 0, w.Length) == 0 && (j + w.Length >= s.Length || !char.IsAsciiLetterOrDigit(s[j + w.Length]))) return true;
        return false;
    }

    /// <summary>Length of a /keyword/ at <paramref name="i"/> (/dts-v1/, /bits/, /delete-node/ ...), or 0.</summary>
    private static int KeywordLength(string s, int i)
    {
        int j = i + 1;
        while (j < s.Length && (char.IsAsciiLetterOrDigit(s[j]) || s[j] == '-')) j++;
        return j > i + 1 && j < s.Length && s[j] == '/' ? j + 1 - i : 0;
    }

    public static string Join(IEnumerable<DtsToken> tokens)
    {
        var sb = new StringBuilder();
        foreach (var t in tokens) sb.Append(t.Text);
        return sb.ToString();
    }
}
