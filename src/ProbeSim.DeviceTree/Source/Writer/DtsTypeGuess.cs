using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Source.Writer;

/// <summary>dtc's guesses of how to show bytes that carry no type marker (treesource.c).</summary>
internal static class DtsTypeGuess
{
    // isstring: printable in the C locale, NUL, or one of \a \b \t \n \v \f \r
    public static bool IsStringByte(byte c) => c is >= 0x20 and < 0x7f or 0 or (>= 7 and <= 13);

    // guess_value_type: all string bytes ending in NUL with no more NULs than other bytes -> strings,
    // else whole cells -> <..>, else bytes -> [..]
    public static MarkerKind GuessValueType(byte[] value, MarkerChain chain, int offset, int len)
    {
        int notString = 0, nuls = 0;
        for (var i = 0; i < len; i++)
        {
            var c = value[offset + i];
            if (!IsStringByte(c)) notString++;
            if (c == 0) nuls++;
        }
        if (len > 0 && value[offset + len - 1] == 0 && notString == 0 && nuls <= len - nuls)
        {
            if (nuls > 1) AddStringMarkers(value, chain, offset, len);
            return MarkerKind.TypeString;
        }
        return len % 4 == 0 ? MarkerKind.TypeUInt32 : MarkerKind.TypeUInt8;
    }

    // add_string_markers: a string marker at the start of every string after the first
    private static void AddStringMarkers(byte[] value, MarkerChain chain, int offset, int len)
    {
        var mi = chain.Head;
        for (var l = StrLen(value, offset) + 1; l < len; l += StrLen(value, offset + l) + 1)
            mi = MarkerChain.Add(mi, MarkerKind.TypeString, offset + l, null);
    }

    // guess_type_markers: fill the gaps between non-type markers with guessed types; phandle refs are cells
    public static void GuessTypeMarkers(byte[] value, MarkerChain chain)
    {
        var m = chain.Head;
        var offset = 0;
        for (; m.Next is { } cur; m = m.Next!)
        {
            if (MarkerChain.IsType(cur.Kind)) return;
            if (cur.Offset > offset)
            {
                var kind = GuessValueType(value, chain, offset, cur.Offset - offset);
                m = MarkerChain.Add(m, kind, offset, null);
                offset = m.Next!.Offset;
            }
            if (m.Next!.Kind == MarkerKind.RefPhandle)
            {
                m = MarkerChain.Add(m, MarkerKind.TypeUInt32, offset, null);
                offset += 4;
            }
        }
        if (offset < value.Length)
            MarkerChain.Add(m, GuessValueType(value, chain, offset, value.Length - offset), offset, null);
    }

    // strlen, bounded by the value (dtc's values from a blob are not always NUL-terminated)
    private static int StrLen(byte[] value, int start)
    {
        if (start >= value.Length) return 0;
        var i = Array.IndexOf(value, (byte)0, start);
        return (i < 0 ? value.Length : i) - start;
    }
}
