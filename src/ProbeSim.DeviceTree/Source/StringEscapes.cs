namespace ProbeSim.DeviceTree.Source;

/// <summary>dtc's string escapes (data_copy_escape_string / get_escape_char).</summary>
internal static class StringEscapes
{
    /// <summary>Decodes the body of a string literal to bytes, adding the terminating NUL.</summary>
    public static byte[] Decode(ReadOnlySpan<char> body, out bool hadEscapes)
    {
        hadEscapes = body.IndexOf('\\') >= 0;
        if (!hadEscapes && System.Text.Ascii.IsValid(body))
        {
            var plain = new byte[body.Length + 1];
            System.Text.Encoding.ASCII.GetBytes(body, plain);
            return plain;
        }
        var bytes = new List<byte>(body.Length + 1);
        var i = 0;
        while (i < body.Length)
        {
            var c = body[i++];
            if (c != '\\')
            {
                AppendUtf8(bytes, body, ref i, c);
                continue;
            }
            if (i >= body.Length)
            {
                bytes.Add((byte)'\\');
                break;
            }
            bytes.Add(EscapeChar(body, ref i));
        }
        bytes.Add(0);
        return bytes.ToArray();
    }

    private static void AppendUtf8(List<byte> bytes, ReadOnlySpan<char> body, ref int i, char c)
    {
        if (c < 0x80)
        {
            bytes.Add((byte)c);
            return;
        }
        Span<byte> buf = stackalloc byte[4];
        int n;
        if (char.IsHighSurrogate(c) && i < body.Length && char.IsLowSurrogate(body[i]))
        {
            n = System.Text.Encoding.UTF8.GetBytes(stackalloc char[] { c, body[i] }, buf);
            i++;
        }
        else
        {
            n = System.Text.Encoding.UTF8.GetBytes(stackalloc char[] { c }, buf);
        }
        for (var k = 0; k < n; k++) bytes.Add(buf[k]);
    }

    // get_escape_char: \a \b \t \n \v \f \r, octal up to 3 digits, \x up to 2 hex digits, anything else is itself
    private static byte EscapeChar(ReadOnlySpan<char> s, ref int i)
    {
        var c = s[i++];
        switch (c)
        {
            case 'a': return 7;
            case 'b': return 8;
            case 't': return 9;
            case 'n': return 10;
            case 'v': return 11;
            case 'f': return 12;
            case 'r': return 13;
            case >= '0' and <= '7':
            {
                var v = c - '0';
                for (var k = 0; k < 2 && i < s.Length && s[i] is >= '0' and <= '7'; k++) v = v * 8 + (s[i++] - '0');
                return (byte)v;
            }
            case 'x':
            {
                var v = 0;
                var k = 0;
                for (; k < 2 && i < s.Length && char.IsAsciiHexDigit(s[i]); k++) v = v * 16 + HexValue(s[i++]);
                return (byte)v;
            }
            default:
                return (byte)c;
        }
    }

    public static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
