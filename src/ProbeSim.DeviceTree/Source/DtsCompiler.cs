using ProbeSim.DeviceTree.Files;
using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Source.Compile;

namespace ProbeSim.DeviceTree.Source;

/// <summary>The outcome of compiling a DTS: the tree plus warnings and the files read.</summary>
public sealed record DtsCompileResult(DtTree Tree, IReadOnlyList<Diagnostic> Warnings, IReadOnlyList<string> IncludedFiles);

/// <summary>Compiles DTS text to a tree the way dtc 1.8.1 does: parse, checks and fix-ups, generated nodes.</summary>
public static class DtsCompiler
{
    /// <param name="text">DTS text, possibly with GCC line markers from a preprocessor.</param>
    /// <param name="physicalPath">Where the text came from (its directory is searched first by <c>/include/</c>).</param>
    /// <param name="displayName">The file name to report positions in until a line marker says otherwise.</param>
    /// <param name="readFile">Reads an included file; null for the real file system.</param>
    public static DtsCompileResult Compile(string text, string physicalPath, DtsCompileOptions options, string? displayName = null, Func<string, string?>? readFile = null) =>
        Compile(text.AsMemory(), physicalPath, options, displayName, readFile);

    /// <summary>The same, for text in a buffer the caller owns (the preprocessor's pooled output); nothing keeps it after the call.</summary>
    internal static DtsCompileResult Compile(ReadOnlyMemory<char> text, string physicalPath, DtsCompileOptions options, string? displayName = null, Func<string, string?>? readFile = null)
    {
        var diagnostics = new List<Diagnostic>();
        readFile ??= ReadFileOrNull;
        var input = new DtsInput(text, physicalPath, displayName ?? physicalPath);
        var lexer = new DtsLexer(input, options.IncludeDirs, readFile, diagnostics);
        try
        {
            return Run(lexer, diagnostics, options);
        }
        catch (DeviceTreeException e)
        {
            // errors collected before the one that stopped the compile come first
            throw new DeviceTreeException(diagnostics.Where(d => d.Severity == Severity.Error).Concat(e.Diagnostics).ToList());
        }
    }

    private static DtsCompileResult Run(DtsLexer lexer, List<Diagnostic> diagnostics, DtsCompileOptions options)
    {
        var parser = new DtsParser(lexer, diagnostics) { Incbin = new IncbinReader(options.IncludeDirs) };
        var parsed = parser.ParseSourceFile();
        ThrowIfErrors(diagnostics);

        var tree = ParseTreeConversion.ToModel(parsed, out var omit);
        tree.BootCpuIdPhys = options.BootCpuId ?? parsed.BootCpuId;
        var ctx = new CompileContext(tree, diagnostics, options.GenerateSymbols) { RootLocation = tree.Root.Location };
        foreach (var n in omit) ctx.OmitIfUnused.Add(n);

        // process_checks: the error-level checks and fix-ups in checks.c order
        StructureChecks.Run(ctx);
        LabelChecks.Run(ctx);
        PhandleFixups.ExplicitPhandles(ctx);
        if (!ctx.HasErrors)
        {
            PhandleFixups.PhandleReferences(ctx);
            PhandleFixups.PathReferences(ctx);
            PhandleFixups.OmitUnusedNodes(ctx);
        }
        ThrowIfErrors(diagnostics);

        // dtc main: generated nodes, in this order
        if (options.AutoLabelAliases) SymbolTrees.GenerateLabelTree(ctx, "aliases", false);
        SymbolLabels.Restore(ctx);
        if (options.GenerateSymbols) SymbolTrees.GenerateLabelTree(ctx, "__symbols__", true);
        if (options.GenerateFixups || tree.IsPlugin)
        {
            SymbolTrees.GenerateFixupsTree(ctx);
            SymbolTrees.GenerateLocalFixupsTree(ctx);
        }
        return new DtsCompileResult(tree, diagnostics, parsed.IncludedFiles);
    }

    /// <summary>Stops the compile when there are errors (they are reported by <see cref="Compile"/>).</summary>
    private static void ThrowIfErrors(List<Diagnostic> diagnostics)
    {
        if (diagnostics.Exists(d => d.Severity == Severity.Error)) throw new DeviceTreeException(Array.Empty<Diagnostic>());
    }

    /// <summary>The text of an included file, or null when there is none (bounded; other I/O errors are thrown).</summary>
    private static string? ReadFileOrNull(string path)
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
}
