using System.Text;

namespace ProbeSim.DeviceTree.Binary;

/// <summary>How node and property names map to blob bytes: one byte per char (Latin-1), so any blob name round-trips.</summary>
internal static class FdtText
{
    public static string Decode(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    /// <summary>Byte length of <paramref name="s"/> once encoded (UTF-8 only when a char does not fit a byte).</summary>
    public static int ByteCount(string s) => FitsLatin1(s) ? s.Length : Encoding.UTF8.GetByteCount(s);

    public static int Encode(string s, Span<byte> dest) =>
        FitsLatin1(s) ? Encoding.Latin1.GetBytes(s, dest) : Encoding.UTF8.GetBytes(s, dest);

    private static bool FitsLatin1(string s)
    {
        foreach (var c in s)
            if (c > '\u00ff') return false;
        return true;
    }
}
