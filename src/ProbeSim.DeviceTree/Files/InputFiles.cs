using System.Text;
using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Files;

/// <summary>
/// Reads the files of the device-tree front end without trusting their size: never more than
/// <see cref="DeviceTreeLimits.MaxFileBytes"/>, so a device, a FIFO or a huge file cannot exhaust memory.
/// </summary>
public static class InputFiles
{
    /// <summary>The whole file; <see cref="InputTooLargeException"/> past the limit.</summary>
    public static byte[] ReadAllBytes(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return ReadAll(stream, path);
    }

    /// <summary>The whole file as text, decoded as <see cref="File.ReadAllText(string)"/> does (UTF-8, or the encoding its byte order mark names).</summary>
    public static string ReadAllText(string path) => Decode(ReadAllBytes(path));

    /// <summary>All of <paramref name="stream"/> (a file, standard input, a pipe); <paramref name="name"/> is for the message.</summary>
    public static byte[] ReadAll(Stream stream, string name)
    {
        if (stream.CanSeek)
        {
            // a regular file says its size: refuse before reading, else read it in one go (devices say 0: read below)
            long known;
            try { known = Math.Max(0, stream.Length - stream.Position); }
            catch (NotSupportedException) { known = 0; }
            if (known > DeviceTreeLimits.MaxFileBytes) throw new InputTooLargeException(name, DeviceTreeLimits.MaxFileBytes);
            if (known > 0)
            {
                var exact = new byte[known];
                var got = stream.ReadAtLeast(exact, exact.Length, throwOnEndOfStream: false);
                return got < exact.Length ? exact[..got] : ReadRest(stream, name, exact);
            }
        }
        return ReadRest(stream, name, []);
    }

    /// <summary><paramref name="head"/> and whatever follows it in <paramref name="stream"/>, within the limit.</summary>
    private static byte[] ReadRest(Stream stream, string name, byte[] head)
    {
        var limit = DeviceTreeLimits.MaxFileBytes;
        var chunk = new byte[81920];
        var n = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit + 1 - head.Length));
        if (n == 0) return head;
        using var buffer = new MemoryStream();
        buffer.Write(head);
        while (n > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > limit) throw new InputTooLargeException(name, limit);
            n = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit + 1 - buffer.Length));
        }
        return buffer.ToArray();
    }

    /// <summary>Text as <see cref="File.ReadAllText(string)"/> decodes it.</summary>
    public static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Throws <see cref="NotRegularFileException"/> unless <paramref name="path"/> is a regular file (or its kind
    /// cannot be told, where stat is not available): an included file that is a device or a FIFO could be endless or
    /// wait forever, and differs from read to read.
    /// </summary>
    public static void RequireRegular(string path)
    {
        var kind = FileKinds.Of(path);
        if (kind is FileKind.CharacterDevice or FileKind.BlockDevice or FileKind.Fifo or FileKind.Socket or FileKind.Directory)
            throw new NotRegularFileException(path, kind);
    }

    /// <summary>"64 MiB" for a limit in bytes.</summary>
    public static string Size(long bytes) =>
        bytes % (1L << 20) == 0 ? $"{bytes >> 20} MiB" : bytes % 1024 == 0 ? $"{bytes >> 10} KiB" : $"{bytes} bytes";
}

/// <summary>An input larger than the front end reads (an <see cref="IOException"/>, so file readers report it with the path).</summary>
public sealed class InputTooLargeException : IOException
{
    public InputTooLargeException(string path, long limit)
        : base($"larger than {InputFiles.Size(limit)}, the limit for an input file")
    {
        Path = path;
        Limit = limit;
    }

    public string Path { get; }
    public long Limit { get; }

    /// <summary>The error as a diagnostic naming the file.</summary>
    public Diagnostic ToDiagnostic() => new(Severity.Error, Message, File: Path);
}

/// <summary>A file that must be a regular file and is not (an <see cref="IOException"/>, reported with the path).</summary>
public sealed class NotRegularFileException : IOException
{
    public NotRegularFileException(string path, FileKind kind)
        : base($"not a regular file ({FileKinds.Describe(kind)})")
    {
        Path = path;
        Kind = kind;
    }

    public string Path { get; }
    public FileKind Kind { get; }
}
