using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Preprocessor;

/// <summary>The state of one preprocessing of one main file; never shared between threads.</summary>
internal sealed partial class PreprocessorRun : IExpansionHost, IDisposable
{
    // cpp: -fmax-include-depth defaults to 200
    private const int MaxIncludeDepth = 200;

    private readonly PreprocessorOptions _options;
    private readonly SourceFileCache _cache;
    private readonly MacroTable _macros = new();
    private readonly OutputWriter _out;
    private readonly MacroExpander _text;
    private readonly MacroExpander _directive;
    private readonly IncludeResolver _resolver;
    private readonly List<Diagnostic> _warnings = new();
    private readonly List<string> _included = new();
    private readonly HashSet<string> _includedSet = new(StringComparer.Ordinal);
    private readonly HashSet<string> _onceFiles = new(StringComparer.Ordinal);
    private FileState? _current;
    private int _counter;

    public PreprocessorRun(PreprocessorOptions options, SourceFileCache cache, IReadOnlyList<PpMacro> predefined, int capacity)
    {
        _options = options;
        _cache = cache;
        _out = new OutputWriter(capacity);
        _text = new MacroExpander(_macros, this);
        _directive = new MacroExpander(_macros, this) { InDirective = true };
        _resolver = new IncludeResolver(options.IncludeDirs, cache, Directory.GetCurrentDirectory());
        foreach (var m in predefined) _macros.Define(m);
    }

    public void Dispose() => _out.Dispose();

    public bool AssemblerMode => _options.AssemblerMode;
    public PpSymbolTable Symbols => _cache.Symbols;

    public PreprocessResult Run(ScannedFile main, string name)
    {
        RunInPlace(main, name);
        return new PreprocessResult(_out.Text, _included, _warnings);
    }

    /// <summary>
    /// Runs and leaves the text in the pooled output buffer (<see cref="Output"/>, valid until <see cref="Dispose"/>):
    /// a board's preprocessed text is hundreds of kilobytes, and a string of it would be one large-object allocation per board.
    /// </summary>
    public void RunInPlace(ScannedFile main, string name)
    {
        ApplyCommandLine();
        _out.EnterFile(name, include: false);
        var state = new FileState { File = main, Name = name, Dir = IncludeResolver.DirectoryOf(name), Depth = 1 };
        try
        {
            ProcessFile(state);
        }
        catch (DeviceTreeException) { throw; }
        catch (InsufficientExecutionStackException)
        {
            // a last resort: the explicit limits stop real nesting long before the stack is short
            var at = _current ?? state;
            throw DeviceTreeException.At(new SourceLocation(at.Name, at.Presumed(_text.CurrentPhysLine), 1),
                "input nested too deeply for the stack");
        }
        catch (Exception e) when (e is not (OutOfMemoryException or InsufficientExecutionStackException))
        {
            // never let an internal failure escape as anything but a diagnostic
            var at = _current ?? state;
            throw DeviceTreeException.At(new SourceLocation(at.Name, at.Presumed(_text.CurrentPhysLine), 1),
                "internal preprocessor error: " + e.Message);
        }
    }

    public ReadOnlyMemory<char> Output => _out.Memory;

    public IReadOnlyList<string> Included => _included;

    public IReadOnlyList<Diagnostic> Warnings => _warnings;

    /// <summary>-D / -U options, in order.</summary>
    private void ApplyCommandLine()
    {
        foreach (var d in _options.Defines)
        {
            try
            {
                if (d.StartsWith('-'))
                {
                    _macros.Undefine(Symbols.Intern(d[1..].Trim()));
                    continue;
                }
                int eq = d.IndexOf('=');
                // cpp: -DNAME means NAME 1; -DNAME=VALUE defines NAME as VALUE
                string text = eq < 0 ? "#define " + d + " 1" : "#define " + d[..eq] + " " + d[(eq + 1)..];
                var tokens = LineLexer.LexText(text, Symbols, 1, 1).ToArray();
                var m = MacroDefinitionParser.Parse(tokens, AssemblerMode, "<command-line>");
                _macros.Define(m);
            }
            catch (PreprocessorError e)
            {
                throw DeviceTreeException.At(new SourceLocation("<command-line>", 1, 1), $"{e.Message} (in -D{d})");
            }
        }
    }

    // hot path: compiled fully optimised at once (a corpus run is over before tiered compilation would catch up)
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void ProcessFile(FileState f)
    {
        var saved = _current;
        _current = f;
        try
        {
            if (f.File.UnterminatedComment is { } uc)
                throw new PreprocessorError("unterminated comment", uc.Line, uc.Column);
            var lines = f.File.Lines;
            var idents = f.File.Idents;
            while (f.NextLine < lines.Length)
            {
                int idx = f.NextLine++;
                ref readonly var line = ref lines[idx];
                if (f.Skipping)
                {
                    // cpp: in a skipped group only conditional directives are looked at
                    if (line.IsConditional) HandleDirective(idx);
                    continue;
                }
                if (line.TokenCount == 0) continue;
                if (line.Directive != DirectiveKind.None && HandleDirective(idx)) continue;

                bool hasMacro = false;
                for (int k = line.IdentStart, end = line.IdentStart + line.IdentCount; k < end; k++)
                    if (_macros.IsDefined(idents[k])) { hasMacro = true; break; }
                if (_out.Length > DeviceTreeLimits.MaxSourceChars) throw OutputTooLarge(line.FirstPhysLine, 1);
                if (!hasMacro && line.PhysLineCount == 1)
                {
                    // a line without macros is copied as it is (exact columns); comments become one space
                    if (line.PlainText is { } plain) _out.CopyLine(f.Presumed(line.FirstPhysLine), plain, 0, plain.Length);
                    else _out.CopyLine(f.Presumed(line.FirstPhysLine), f.File.Text, line.Start, line.End - line.Start);
                    continue;
                }
                ExpandLine(f, idx);
            }
            if (f.Conditionals.Count > 0)
            {
                var c = f.Conditionals[^1];
                throw new PreprocessorError($"unterminated #{c.Directive}", c.Line, c.Column);
            }
        }
        catch (PreprocessorError e)
        {
            throw DeviceTreeException.At(new SourceLocation(f.Name, f.Presumed(e.Line), e.Column), e.Message);
        }
        finally
        {
            _current = saved;
        }
    }

    /// <summary>A text line with macros (or spanning physical lines): expanded and printed token by token.</summary>
    // hot path: compiled fully optimised at once (a corpus run is over before tiered compilation would catch up)
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void ExpandLine(FileState f, int idx)
    {
        var tokens = LineLexer.Tokens(f.File, idx, Symbols);
        _text.BeginLine(tokens, idx);
        // cpp: the output line is the line of the first token (a leading comment may span lines)
        _out.BeginTokens(f.Presumed(tokens[0].Line), Indent(f.File, tokens[0]));
        while (_text.Next(out var t))
        {
            if (_text.TakeLineChange(out int li))
            {
                // cpp: a token that starts a later source line (outside macro arguments) starts a new output line
                _out.EndTokens();
                var first = LineLexer.Tokens(f.File, li, Symbols);
                _out.BeginTokens(f.Presumed(first[0].Line), Indent(f.File, first[0]));
            }
            _out.Print(t);
            if (_out.Length > DeviceTreeLimits.MaxSourceChars) throw OutputTooLarge(tokens[0].Line, tokens[0].Column);
        }
        _out.EndTokens();
    }

    private static PreprocessorError OutputTooLarge(int line, int column) =>
        new($"preprocessed output larger than {DeviceTreeLimits.MaxSourceChars} characters, the limit for one source", line, column);

    /// <summary>The whitespace before the first token of a line (cpp keeps the indentation of expanded lines).</summary>
    private static ReadOnlySpan<char> Indent(ScannedFile file, in PpToken first)
    {
        int start = file.PhysLineStarts[first.Line - 1];
        int end = start + first.Column - 1;
        int k = start;
        while (k < end && PpCharClass.IsHorizontalSpace(file.Text[k])) k++;
        return file.Text.AsSpan(start, k - start);
    }

    public bool TryPullLine(bool collectingArgs, out PpToken[] tokens, out int lineIndex)
    {
        var f = _current!;
        var lines = f.File.Lines;
        while (f.NextLine < lines.Length)
        {
            int idx = f.NextLine;
            ref readonly var line = ref lines[idx];
            if (f.Skipping)
            {
                f.NextLine++;
                if (line.IsConditional) HandleDirective(idx);
                continue;
            }
            if (line.TokenCount == 0) { f.NextLine++; continue; }
            bool isDirective = line.Directive != DirectiveKind.None && !(line.Directive == DirectiveKind.Unknown && AssemblerMode);
            if (isDirective)
            {
                // cpp: while looking for '(' a directive ends the search; inside arguments it is processed
                if (!collectingArgs) break;
                f.NextLine++;
                if (line.Directive is DirectiveKind.Include or DirectiveKind.IncludeNext or DirectiveKind.Import)
                {
                    var tk = LineLexer.Tokens(f.File, idx, Symbols);
                    throw new PreprocessorError("#include nested in macro arguments is not supported", tk[1]);
                }
                HandleDirective(idx);
                continue;
            }
            f.NextLine++;
            tokens = LineLexer.Tokens(f.File, idx, Symbols);
            lineIndex = idx;
            return true;
        }
        tokens = [];
        lineIndex = -1;
        return false;
    }

    public PpToken BuiltinToken(PpBuiltinMacro kind, in PpToken at, int currentLine)
    {
        var f = _current!;
        string text = kind switch
        {
            PpBuiltinMacro.Line => f.Presumed(currentLine).ToString(System.Globalization.CultureInfo.InvariantCulture),
            PpBuiltinMacro.Counter => (_counter++).ToString(System.Globalization.CultureInfo.InvariantCulture),
            PpBuiltinMacro.IncludeLevel => (f.Depth - 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => Quote(f.Name),
        };
        var k = kind == PpBuiltinMacro.File ? PpTokenKind.String : PpTokenKind.Number;
        return new PpToken(k, text, null, (at.Flags & PpTokenFlags.PrevWhite) | PpTokenFlags.FromMacro, at.Line, at.Column);
    }

    /// <summary>A C string literal for <paramref name="s"/>.</summary>
    internal static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private SourceLocation Location(in PpToken t) => new(_current!.Name, _current.Presumed(t.Line), t.Column);
}
