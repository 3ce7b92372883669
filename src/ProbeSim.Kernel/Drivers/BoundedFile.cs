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
        using var reader = Open(path, maxBytes, tooLarge);
        return reader.ReadToEnd();
    }

    /// <summary>The lines of the file, as <see cref="File.ReadLines(string)"/> gives them, within <paramref name="maxBytes"/>.</summary>
    public static IEnumerable<string> ReadLines(string path, long maxBytes, Func<Exception> tooLarge)
    {
        using var reader = Open(path, maxBytes, tooLarge);
        while (reader.ReadLine() is { } line) yield return line;
    }

    // a regular file over the limit is refused from its size, before a byte is read (fuzz 1:846111: reading 16 MiB of
    // an 18 MB YAML file first took over 5 s of CPU in a worker near its heap limit); pipes and devices are counted
    private static StreamReader Open(string path, long maxBytes, Func<Exception> tooLarge)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        try
        {
            if (stream.CanSeek && stream.Length > maxBytes) throw tooLarge();
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        return new(new LimitedStream(stream, maxBytes, tooLarge), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
    }

    /// <summary>A read-only stream that throws once more than the limit has been read.</summary>
    private sealed class LimitedStream(Stream inner, long maxBytes, Func<Exception> tooLarge) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        private int Count(int n)
        {
            _read += n;
            if (_read > maxBytes) throw tooLarge();
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
