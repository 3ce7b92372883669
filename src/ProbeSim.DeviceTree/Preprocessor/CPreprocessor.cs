using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Preprocessor;

/// <summary>
/// The C preprocessor as the kernel's dts build runs it: <c>cpp -nostdinc -undef -x assembler-with-cpp</c>
/// (pass <c>__DTS__</c> in <see cref="PreprocessorOptions.Defines"/> as the kernel does). Output is text with GCC line
/// markers. Thread-safe: each call is an independent run; runs share the <see cref="SourceFileCache"/>.
/// Errors are thrown as <see cref="DeviceTreeException"/> located at the original file, line and column.
/// </summary>
public sealed class CPreprocessor
{
    private readonly PreprocessorOptions _options;
    private readonly SourceFileCache _cache;
    private readonly IReadOnlyList<PpMacro> _predefined;

    public CPreprocessor(PreprocessorOptions options, SourceFileCache? cache = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _cache = cache ?? new SourceFileCache();
        _predefined = Predefined(_cache.Symbols);
    }

    /// <summary>Preprocesses the file at <paramref name="path"/> (read through the cache); markers name it as given.</summary>
    public PreprocessResult Preprocess(string path) => Run(Scan(path), path);

    /// <summary>
    /// Preprocesses the file at <paramref name="path"/> and hands the text to <paramref name="consume"/> straight from the
    /// pooled output buffer (with the included files and warnings); the text must not be kept after it returns.
    /// </summary>
    internal T Preprocess<T>(string path, Func<ReadOnlyMemory<char>, IReadOnlyList<string>, IReadOnlyList<Diagnostic>, T> consume)
    {
        var file = Scan(path);
        using var run = NewRun();
        run.RunInPlace(file, path);
        return consume(run.Output, run.Included, run.Warnings);
    }

    private ScannedFile Scan(string path)
    {
        ScannedFile file;
        try
        {
            file = _cache.Get(Path.GetFullPath(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new DeviceTreeException(new Diagnostic(Severity.Error, Reason(e), null, null, path));
        }
        return file;
    }

    /// <summary>Preprocesses <paramref name="text"/> as if it were the file <paramref name="fileName"/> (includes are relative to its directory).</summary>
    public PreprocessResult PreprocessText(string text, string fileName)
    {
        var file = _cache.Scan(text ?? "", Path.IsPathRooted(fileName) ? fileName : Path.GetFullPath(fileName));
        return Run(file, fileName);
    }

    private PreprocessResult Run(ScannedFile file, string name)
    {
        using var run = NewRun();
        return run.Run(file, name);
    }

    private PreprocessorRun NewRun() => new(_options, _cache, _predefined, 64 * 1024);

    private static string Reason(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "No such file or directory",
        _ => e.Message,
    };

    /// <summary>cpp -undef -x assembler-with-cpp predefines only these (no __GNUC__, linux, unix).</summary>
    private static IReadOnlyList<PpMacro> Predefined(PpSymbolTable symbols)
    {
        PpMacro Builtin(string name, PpBuiltinMacro kind) => new() { Name = symbols.Intern(name), Builtin = kind };
        PpMacro One(string name)
        {
            var one = new PpToken(PpTokenKind.Number, "1", null, PpTokenFlags.FromMacro, 0, 0);
            return new PpMacro { Name = symbols.Intern(name), Tokens = [one], Body = [new PpBodyToken(one, -1, false, false)] };
        }
        return
        [
            Builtin("__FILE__", PpBuiltinMacro.File),
            Builtin("__LINE__", PpBuiltinMacro.Line),
            Builtin("__COUNTER__", PpBuiltinMacro.Counter),
            Builtin("__INCLUDE_LEVEL__", PpBuiltinMacro.IncludeLevel),
            One("__ASSEMBLER__"),
            One("__STDC__"),
            One("__STDC_HOSTED__"),
        ];
    }
}
