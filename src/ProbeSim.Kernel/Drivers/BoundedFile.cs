using System.Text;

namespace ProbeSim.Kernel.Drivers;

/// <summary>
/// Reads an input file as text, never more than a limit: a file (or a device such as <c>/dev/zero</c>, or a pipe)
/// with more bytes is refused with the caller's error instead of being read until memory runs out.
/// </summary>
internal static class BoundedFile
{
    /// <summary>The text (UTF-8, or the encoding of a byte order mark) of at most <paramref name="maxBytes"/> bytes.</summary>
    public static string ReadText(string path, long maxBytes, Func<Exception> tooLarge)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var buffer = new byte[64 * 1024];
        using var bytes = new MemoryStream();
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            bytes.Write(buffer, 0, n);
            if (bytes.Length > maxBytes) throw tooLarge();
        }
        bytes.Position = 0;
        using var reader = new StreamReader(bytes, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>The lines of <see cref="ReadText"/>, split at <c>\n</c> (a final line without one included, none after a final <c>\n</c>).</summary>
    public static IEnumerable<string> ReadLines(string path, long maxBytes, Func<Exception> tooLarge)
    {
        var text = ReadText(path, maxBytes, tooLarge);
        var lines = text.Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }
}
