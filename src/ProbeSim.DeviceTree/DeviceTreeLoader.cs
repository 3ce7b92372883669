using ProbeSim.DeviceTree.Binary;
using ProbeSim.DeviceTree.Files;
using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Preprocessor;
using ProbeSim.DeviceTree.Source;

namespace ProbeSim.DeviceTree;

/// <summary>A loaded tree, with the warnings met on the way and every file that was read.</summary>
public sealed record LoadResult(DtTree Tree, InputFormat Format, IReadOnlyList<Diagnostic> Warnings, IReadOnlyList<string> Files);

/// <summary>Reads a device tree from DTS (optionally preprocessed like the kernel does) or from a DTB.</summary>
public sealed class DeviceTreeLoader
{
    private readonly SourceFileCache _cache;

    /// <param name="cache">Shared file cache; pass one to reuse parsed headers across many boards.</param>
    public DeviceTreeLoader(SourceFileCache? cache = null) => _cache = cache ?? new SourceFileCache();

    public LoadResult Load(string path, LoadOptions options)
    {
        // a pipe (a shell's <(...)) or a device can be read only once: read it (within the limit), then guess
        if (FileKinds.Of(path) is FileKind.Fifo or FileKind.CharacterDevice or FileKind.Socket) return LoadOnce(path, options);
        var format = options.Format == InputFormat.Auto ? GuessFormat(path) : options.Format;
        if (format == InputFormat.Dtb)
        {
            var blob = ReadAllBytes(path);
            return new LoadResult(FdtReader.Read(blob, path), format, Array.Empty<Diagnostic>(), new[] { path });
        }
        if (options.Preprocess)
        {
            if (!File.Exists(path)) throw NotFound(path);
            // the preprocessed text goes to the compiler straight from the preprocessor's pooled buffer
            return NewPreprocessor(options).Preprocess(path, (text, included, warnings) => Compile(text, path, options, included, warnings));
        }
        return LoadDtsText(ReadSource(path), path, options, null);
    }

    private LoadResult LoadOnce(string path, LoadOptions options)
    {
        var bytes = ReadAllBytes(path);
        var format = options.Format == InputFormat.Auto ? GuessFormat(bytes, path) : options.Format;
        if (format == InputFormat.Dtb) return new LoadResult(FdtReader.Read(bytes, path), format, Array.Empty<Diagnostic>(), new[] { path });
        return LoadDtsText(InputFiles.Decode(bytes), path, options);
    }

    /// <summary>Compiles DTS text that did not come from a file (stdin, a test).</summary>
    public LoadResult LoadDtsText(string text, string name, LoadOptions options)
    {
        PreprocessResult? pre = null;
        if (options.Preprocess)
        {
            pre = NewPreprocessor(options).PreprocessText(text, name);
            text = pre.Text;
        }
        return LoadDtsText(text, name, options, pre);
    }

    private LoadResult LoadDtsText(string text, string path, LoadOptions options, PreprocessResult? pre) =>
        Compile(text.AsMemory(), path, options, pre?.IncludedFiles ?? [], pre?.Warnings ?? []);

    private static LoadResult Compile(ReadOnlyMemory<char> text, string path, LoadOptions options, IReadOnlyList<string> preIncluded, IReadOnlyList<Diagnostic> preWarnings)
    {
        var result = DtsCompiler.Compile(text, path, options.Compile, path, ReadText);
        var warnings = new List<Diagnostic>();
        warnings.AddRange(preWarnings);
        warnings.AddRange(result.Warnings);
        var files = new List<string> { path };
        files.AddRange(preIncluded);
        files.AddRange(result.IncludedFiles);
        return new LoadResult(result.Tree, InputFormat.Dts, warnings, files);
    }

    private static string ReadSource(string path)
    {
        try
        {
            return ReadText(path) ?? throw NotFound(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DeviceTreeException(new Diagnostic(Severity.Error, e.Message, File: path));
        }
    }

    private CPreprocessor NewPreprocessor(LoadOptions options)
    {
        var po = new PreprocessorOptions();
        po.IncludeDirs.AddRange(options.PreprocessorIncludeDirs);
        po.Defines.Add("__DTS__");
        po.Defines.AddRange(options.Defines);
        return new CPreprocessor(po, _cache);
    }

    private static DeviceTreeException NotFound(string path) =>
        new(new Diagnostic(Severity.Error, "No such file or directory", File: path));

    /// <summary>A source file's text, or null when there is none; bounded (<see cref="InputFiles"/>), other I/O errors are thrown.</summary>
    private static string? ReadText(string path)
    {
        try
        {
            return File.Exists(path) ? InputFiles.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static byte[] ReadAllBytes(string path)
    {
        try
        {
            return InputFiles.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DeviceTreeException(new Diagnostic(Severity.Error, e is FileNotFoundException or DirectoryNotFoundException ? "No such file or directory" : e.Message, File: path));
        }
    }

    /// <summary>guess_input_format: a blob starts with the FDT magic; anything else is source.</summary>
    public static InputFormat GuessFormat(string path)
    {
        try
        {
            using var f = File.OpenRead(path);
            Span<byte> magic = stackalloc byte[4];
            return GuessFormat(magic[..f.ReadAtLeast(magic, 4, throwOnEndOfStream: false)], path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // reported when the file is read
            return GuessFormat([], path);
        }
    }

    private static InputFormat GuessFormat(ReadOnlySpan<byte> start, string path)
    {
        if (start.Length >= 4 && start[0] == 0xd0 && start[1] == 0x0d && start[2] == 0xfe && start[3] == 0xed) return InputFormat.Dtb;
        return path.EndsWith(".dtb", StringComparison.Ordinal) || path.EndsWith(".dtbo", StringComparison.Ordinal) ? InputFormat.Dtb : InputFormat.Dts;
    }
}
