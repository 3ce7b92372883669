using ProbeSim.DeviceTree.Files;
using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Source;

/// <summary>
/// Reads what <c>/incbin/</c> names, as dtc 1.8.1 does for a regular file (srcfile_relative_open, fseek,
/// data_copy_file): the file is looked for in the directory of the source being read, then in each search directory,
/// and only the bytes asked for are read. Unlike dtc, a device, a FIFO or a directory is refused, as are a range past
/// the end of the file and more than <see cref="DeviceTreeLimits.MaxIncbinBytes"/> in all for one source.
/// </summary>
internal sealed class IncbinReader
{
    private readonly IReadOnlyList<string> _searchDirs;
    private long _total;

    public IncbinReader(IReadOnlyList<string> searchDirs) => _searchDirs = searchDirs;

    /// <param name="name">The file name as written.</param>
    /// <param name="currentDir">The directory of the source file the /incbin/ is in.</param>
    /// <param name="offset">Where to start (0 without a range).</param>
    /// <param name="length">How many bytes; null, or all ones as dtc's (size_t)-1, for the rest of the file.</param>
    /// <param name="at">The position of the /incbin/, for errors.</param>
    public byte[] Read(string name, string currentDir, ulong offset, ulong? length, SourceLocation at)
    {
        if (length == ulong.MaxValue) length = null;
        var path = Find(name, currentDir) ?? throw DeviceTreeException.At(at, $"Couldn't open \"{name}\": No such file or directory");
        var kind = FileKinds.Of(path);
        if (kind is not (FileKind.Regular or FileKind.Unknown))
            throw DeviceTreeException.At(at, $"/incbin/ \"{name}\": {path} is not a regular file ({FileKinds.Describe(kind)})");
        if (length > (ulong)DeviceTreeLimits.MaxIncbinBytes) throw TooLarge(name, length.Value, at);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            // a file whose kind stat could not tell is read whole, within the limit for any input file
            var whole = kind == FileKind.Unknown ? InputFiles.ReadAll(stream, path) : null;
            var size = whole?.LongLength ?? stream.Length;
            // dtc: fseek past the end succeeds and the property gets what is left (nothing); here it is an error
            if (offset > (ulong)size)
                throw DeviceTreeException.At(at, $"Couldn't seek to offset {offset} in \"{name}\": the file has {size} bytes");
            var available = (ulong)size - offset;
            if (length > available)
                throw DeviceTreeException.At(at, $"\"{name}\" is shorter than the {length} bytes asked for ({available} from offset {offset})");
            var take = length ?? available;
            if (take > (ulong)(DeviceTreeLimits.MaxIncbinBytes - _total)) throw TooLarge(name, take, at);
            _total += (long)take;
            if (whole is not null) return whole.AsSpan((int)offset, (int)take).ToArray();
            stream.Seek((long)offset, SeekOrigin.Begin);
            var bytes = new byte[take];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw DeviceTreeException.At(at, $"/incbin/ \"{name}\": {e.Message}");
        }
    }

    private static DeviceTreeException TooLarge(string name, ulong bytes, SourceLocation at) =>
        DeviceTreeException.At(at,
            $"/incbin/ \"{name}\": {bytes} bytes would pass {InputFiles.Size(DeviceTreeLimits.MaxIncbinBytes)}, the limit for what /incbin/ includes in one source");

    // fopen_any_on_path: the first place where the name exists (a directory or device too, as fopen would open it)
    private string? Find(string name, string currentDir)
    {
        foreach (var candidate in Candidates(name, currentDir))
            if (File.Exists(candidate) || Directory.Exists(candidate)) return candidate;
        return null;
    }

    private IEnumerable<string> Candidates(string name, string currentDir)
    {
        if (Path.IsPathRooted(name))
        {
            yield return name;
            yield break;
        }
        yield return Path.Combine(currentDir, name);
        foreach (var d in _searchDirs) yield return Path.Combine(d, name);
    }
}
