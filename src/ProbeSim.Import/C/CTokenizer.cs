using ProbeSim.DeviceTree.Preprocessor;

namespace ProbeSim.Import.C;

/// <summary>
/// Splits a C file into tokens with the project's own preprocessor lexer (<see cref="PpLexer"/>): comments dropped,
/// and preprocessor directive lines returned apart (<see cref="CTokens.Directives"/>) instead of being executed: the
/// scanner reads every branch of an <c>#if</c>, as a reader of the source does. Lines and columns are the file's own.
/// </summary>
public static class CTokenizer
{
    public static CTokens Lex(string text)
    {
        var s = text.Replace("\r\n", "\n");
        var tokens = new List<CToken>();
        var directives = new List<CDirective>();
        int pos = 0, line = 1, lineStart = 0, n = s.Length;
        bool atLineStart = true;
        while (pos < n)
        {
            bool white = false, comment = false;
            int before = pos;
            PpLexer.SkipSpace(s, ref pos, ref white, ref comment);
            for (int i = before; i < pos; i++)
                if (s[i] == '\n') { line++; lineStart = i + 1; }
            if (pos >= n) break;
            char c = s[pos];
            if (c == '\n') { pos++; line++; lineStart = pos; atLineStart = true; continue; }
            if (c == '\\' && pos + 1 < n && s[pos + 1] == '\n') { pos += 2; line++; lineStart = pos; continue; }
            if (atLineStart && c == '#')
            {
                int startLine = line;
                var sb = new System.Text.StringBuilder();
                pos++;
                while (pos < n && s[pos] != '\n')
                {
                    if (s[pos] == '\\' && pos + 1 < n && s[pos + 1] == '\n') { sb.Append(' '); pos += 2; line++; lineStart = pos; continue; }
                    if (s[pos] == '/' && pos + 1 < n && s[pos + 1] == '*')
                    {
                        int close = s.IndexOf("*/", pos + 2, StringComparison.Ordinal);
                        int end = close < 0 ? n : close + 2;
                        for (int i = pos; i < end; i++) if (s[i] == '\n') { line++; lineStart = i + 1; }
                        sb.Append(' ');
                        pos = end;
                        continue;
                    }
                    if (s[pos] == '/' && pos + 1 < n && s[pos + 1] == '/') { while (pos < n && s[pos] != '\n') pos++; break; }
                    sb.Append(s[pos++]);
                }
                directives.Add(new CDirective(sb.ToString().Trim(), startLine));
                continue;
            }
            atLineStart = false;
            int start = pos;
            var raw = PpLexer.Next(s, ref pos, white, headerNameAllowed: false);
            var tokenText = s.Substring(raw.Start, raw.Length);
            var kind = raw.Kind switch
            {
                PpTokenKind.Identifier => CTokenKind.Identifier,
                PpTokenKind.Number => CTokenKind.Number,
                PpTokenKind.String => tokenText.EndsWith('\'') ? CTokenKind.Char : CTokenKind.String,
                PpTokenKind.Punct => CTokenKind.Punct,
                _ => CTokenKind.Other,
            };
            tokens.Add(new CToken(kind, tokenText, line, start - lineStart + 1));
            for (int i = start; i < pos; i++)
                if (s[i] == '\n') { line++; lineStart = i + 1; }
        }
        return new CTokens(tokens, directives);
    }
}

/// <summary>A preprocessor directive line: its text after '#' (continuations joined, comments dropped) and its first line.</summary>
public readonly record struct CDirective(string Text, int Line);

/// <summary>The tokens of a file and its directive lines.</summary>
public sealed record CTokens(IReadOnlyList<CToken> Tokens, IReadOnlyList<CDirective> Directives);
