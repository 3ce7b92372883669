using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Source;

internal sealed partial class DtsLexer
{
    // sized from the input (a board's preprocessed text has about one distinct name per 100 characters, 2048 at most):
    // growing it from empty was 1.7% of a corpus build
    private readonly Dictionary<string, string> _names;

    /// <summary>One string per distinct name in a compilation: names repeat thousands of times in a board.</summary>
    private string Intern(ReadOnlySpan<char> name)
    {
        var lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(name, out var s)) return s;
        s = name.ToString();
        _names.Add(s, s);
        return s;
    }

    private DtsInput? _noLabelInput;
    private int _noLabelFrom, _noLabelEnd;

    private static bool IsLabelStart(char c) => char.IsAsciiLetter(c) || c == '_';
    private static bool IsLabelChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    // PROPNODECHAR [a-zA-Z0-9,._+*#?@-]
    private static bool IsPropNodeChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is ',' or '.' or '_' or '+' or '*' or '#' or '?' or '@' or '-';

    // PATHCHAR = PROPNODECHAR or '/'
    private static bool IsPathChar(char c) => IsPropNodeChar(c) || c == '/';

    private DtsToken Scan(int p)
    {
        var text = _in.Text.Span;
        var c = text[p];
        var loc = Here(p);

        // {LABEL}: in every state, when an identifier is directly followed by ':'
        // (a position inside a run already seen to end without ':' is not looked at again: in a byte string
        // "[ffff...]" every byte would otherwise rescan the rest of the run)
        if (IsLabelStart(c) && !(ReferenceEquals(_in, _noLabelInput) && p > _noLabelFrom && p < _noLabelEnd))
        {
            var e = p + 1;
            while (e < text.Length && IsLabelChar(text[e])) e++;
            if (e < text.Length && text[e] == ':')
            {
                Advance(e + 1);
                return new DtsToken(DtsTokenKind.Label, loc, Intern(text.Slice(p, e - p)));
            }
            (_noLabelInput, _noLabelFrom, _noLabelEnd) = (_in, p, e);
        }

        switch (_state)
        {
            case State.PropNodeName:
            {
                // <PROPNODENAME>\\?{PROPNODECHAR}+
                var s = c == '\\' ? p + 1 : p;
                var e = s;
                while (e < text.Length && IsPropNodeChar(text[e])) e++;
                if (e > s)
                {
                    Advance(e);
                    _state = State.V1;
                    return new DtsToken(DtsTokenKind.PropNodeName, loc, Intern(text.Slice(s, e - s)));
                }
                break;
            }
            case State.ByteString:
                // <BYTESTRING>[0-9a-fA-F]{2}
                if (char.IsAsciiHexDigit(c) && p + 1 < text.Length && char.IsAsciiHexDigit(text[p + 1]))
                {
                    Advance(p + 2);
                    return new DtsToken(DtsTokenKind.Byte, loc, Value: (ulong)(StringEscapes.HexValue(c) * 16 + StringEscapes.HexValue(text[p + 1])));
                }
                if (c == ']')
                {
                    Advance(p + 1);
                    _state = State.V1;
                    return new DtsToken(DtsTokenKind.Char, loc, Char: ']');
                }
                break;
            case State.V1:
                if (IsLabelStart(c))
                {
                    // <V1>{LABEL}: an identifier where a value belongs (a missed macro or include)
                    var e = p + 1;
                    while (e < text.Length && IsLabelChar(text[e])) e++;
                    LexicalError(p, $"Unexpected '{text[p..e].ToString()}'");
                    Advance(e);
                    return new DtsToken(DtsTokenKind.Literal, loc, text[p..e].ToString(), 0);
                }
                if (char.IsAsciiDigit(c)) return ScanInteger(p, loc);
                break;
        }

        switch (c)
        {
            case '"':
            {
                var end = ScanStringEnd(p);
                if (end < 0) throw Fatal(p, "unterminated string");
                var bytes = StringEscapes.Decode(text.Slice(p + 1, end - p - 2), out _);
                Advance(end);
                return new DtsToken(DtsTokenKind.String, loc, Bytes: bytes);
            }
            case '\'':
                return ScanCharLiteral(p, loc);
            case '/':
            {
                var kw = ScanKeyword(p);
                if (kw is { } k) return k;
                break;
            }
            case '&':
                if (p + 1 < text.Length)
                {
                    var n = text[p + 1];
                    if (n == '&') return Two(p, loc, DtsTokenKind.AndAnd);
                    if (IsLabelStart(n))
                    {
                        var e = p + 2;
                        while (e < text.Length && IsLabelChar(text[e])) e++;
                        Advance(e);
                        return new DtsToken(DtsTokenKind.LabelRef, loc, Intern(text.Slice(p + 1, e - p - 1)));
                    }
                    if (n == '{')
                    {
                        // "&{"{PATHCHAR}*\}
                        var e = p + 2;
                        while (e < text.Length && IsPathChar(text[e])) e++;
                        if (e < text.Length && text[e] == '}')
                        {
                            Advance(e + 1);
                            return new DtsToken(DtsTokenKind.PathRef, loc, text[(p + 2)..e].ToString());
                        }
                    }
                }
                break;
            case '<':
                if (p + 1 < text.Length && text[p + 1] == '<') return Two(p, loc, DtsTokenKind.LShift);
                if (p + 1 < text.Length && text[p + 1] == '=') return Two(p, loc, DtsTokenKind.Le);
                break;
            case '>':
                if (p + 1 < text.Length && text[p + 1] == '>') return Two(p, loc, DtsTokenKind.RShift);
                if (p + 1 < text.Length && text[p + 1] == '=') return Two(p, loc, DtsTokenKind.Ge);
                break;
            case '=':
                if (p + 1 < text.Length && text[p + 1] == '=') return Two(p, loc, DtsTokenKind.Eq);
                break;
            case '!':
                if (p + 1 < text.Length && text[p + 1] == '=') return Two(p, loc, DtsTokenKind.Ne);
                break;
            case '|':
                if (p + 1 < text.Length && text[p + 1] == '|') return Two(p, loc, DtsTokenKind.OrOr);
                break;
        }

        // <*>. : any other character; '[' starts a byte string, '{' and ';' expect a name next
        Advance(p + 1);
        if (c == '[') _state = State.ByteString;
        else if (c is '{' or ';') _state = State.PropNodeName;
        return new DtsToken(DtsTokenKind.Char, loc, Char: c);
    }

    private DtsToken Two(int p, SourceLocation loc, DtsTokenKind kind)
    {
        Advance(p + 2);
        return new DtsToken(kind, loc);
    }

    private static readonly (string Text, DtsTokenKind Kind, int NextState)[] Keywords =
    {
        // NextState: 0 unchanged, 1 V1 (BEGIN_DEFAULT), 2 PROPNODENAME
        ("/dts-v1/", DtsTokenKind.V1, 1),
        ("/plugin/", DtsTokenKind.Plugin, 0),
        ("/memreserve/", DtsTokenKind.MemReserve, 1),
        ("/bits/", DtsTokenKind.Bits, 1),
        ("/delete-property/", DtsTokenKind.DeleteProperty, 2),
        ("/delete-node/", DtsTokenKind.DeleteNode, 2),
        ("/omit-if-no-ref/", DtsTokenKind.OmitIfNoRef, 2),
        ("/incbin/", DtsTokenKind.Incbin, 0),
    };

    private DtsToken? ScanKeyword(int p)
    {
        var text = _in.Text.Span;
        foreach (var (kw, kind, next) in Keywords)
        {
            if (!text[p..].StartsWith(kw)) continue;
            // "/incbin/" is active only in INITIAL and V1
            if (kind == DtsTokenKind.Incbin && _state is State.PropNodeName or State.ByteString) return null;
            var loc = Here(p);
            Advance(p + kw.Length);
            if (next == 1) _state = State.V1;
            else if (next == 2) _state = State.PropNodeName;
            return new DtsToken(kind, loc, kw);
        }
        return null;
    }

    // <V1>([0-9]+|0[xX][0-9a-fA-F]+)(U|L|UL|LL|ULL)? converted with strtoull(.., 0)
    private DtsToken ScanInteger(int p, SourceLocation loc)
    {
        var text = _in.Text.Span;
        var e = p;
        while (e < text.Length && char.IsAsciiDigit(text[e])) e++;
        if (text[p] == '0' && e == p + 1 && e + 1 < text.Length && (text[e] is 'x' or 'X') && char.IsAsciiHexDigit(text[e + 1]))
        {
            e += 2;
            while (e < text.Length && char.IsAsciiHexDigit(text[e])) e++;
        }
        var digitsEnd = e;
        e += SuffixLength(text, e);
        Advance(e);
        var value = StrToULL(text.Slice(p, digitsEnd - p), out var consumed, out var overflow);
        if (p + consumed < digitsEnd) LexicalError(p, $"Bad integer literal '{text[p..e].ToString()}'");
        else if (overflow) LexicalError(p, $"Integer literal '{text[p..e].ToString()}' out of range");
        return new DtsToken(DtsTokenKind.Literal, loc, null, overflow ? ulong.MaxValue : value);
    }

    // (U|L|UL|LL|ULL)?
    private static int SuffixLength(ReadOnlySpan<char> text, int e)
    {
        if (e >= text.Length) return 0;
        if (text[e] == 'U')
        {
            if (e + 1 < text.Length && text[e + 1] == 'L') return e + 2 < text.Length && text[e + 2] == 'L' ? 3 : 2;
            return 1;
        }
        if (text[e] == 'L') return e + 1 < text.Length && text[e + 1] == 'L' ? 2 : 1;
        return 0;
    }

    /// <summary>strtoull with base 0: 0x hex, leading 0 octal, else decimal; stops at the first digit out of base.</summary>
    private static ulong StrToULL(ReadOnlySpan<char> s, out int consumed, out bool overflow)
    {
        overflow = false;
        var i = 0;
        var radix = 10u;
        if (s.Length > 1 && s[0] == '0' && (s[1] is 'x' or 'X'))
        {
            radix = 16;
            i = 2;
        }
        else if (s.Length > 0 && s[0] == '0')
        {
            radix = 8;
        }
        ulong v = 0;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            uint d;
            if (char.IsAsciiDigit(c)) d = (uint)(c - '0');
            else if (char.IsAsciiHexDigit(c)) d = (uint)StringEscapes.HexValue(c);
            else break;
            if (d >= radix) break;
            var next = unchecked(v * radix + d);
            if (v > (ulong.MaxValue - d) / radix) overflow = true;
            v = next;
        }
        consumed = i;
        return v;
    }

    // <*>{CHAR_LITERAL} '([^']|\\')*' : the longest match ends at the first quote not preceded by a backslash
    private DtsToken ScanCharLiteral(int p, SourceLocation loc)
    {
        var text = _in.Text.Span;
        var end = -1;
        var lastEscaped = -1;
        for (var i = p + 1; i < text.Length; i++)
        {
            if (text[i] != '\'') continue;
            if (i - 1 > p && text[i - 1] == '\\')
            {
                lastEscaped = i;
                continue;
            }
            end = i;
            break;
        }
        if (end < 0) end = lastEscaped;
        if (end < 0)
        {
            Advance(p + 1);
            return new DtsToken(DtsTokenKind.Char, loc, Char: '\'');
        }
        var bytes = StringEscapes.Decode(text.Slice(p + 1, end - p - 1), out _);
        Advance(end + 1);
        ulong value = 0;
        if (bytes.Length == 1) LexicalError(p, "Empty character literal");
        else
        {
            value = bytes[0];
            if (bytes.Length > 2) LexicalError(p, $"Character literal has {bytes.Length - 1} characters instead of 1");
        }
        return new DtsToken(DtsTokenKind.CharLiteral, loc, Value: value);
    }
}
