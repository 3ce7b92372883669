using System.Text;
using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Preprocessor;

internal sealed partial class PreprocessorRun
{
    /// <summary>Carries out the directive on logical line <paramref name="idx"/>; false if the line is text after all.</summary>
    private bool HandleDirective(int idx)
    {
        var f = _current!;
        ref readonly var line = ref f.File.Lines[idx];
        var kind = line.Directive;
        if (kind == DirectiveKind.Null) return true; // cpp: '#' alone is the null directive
        if (kind == DirectiveKind.Unknown)
        {
            // cpp (assembler): '#' followed by no directive name is ordinary text
            if (AssemblerMode) return false;
            var tk = LineLexer.Tokens(f.File, idx, Symbols);
            throw new PreprocessorError($"invalid preprocessing directive #{tk[1].Text}", tk[1]);
        }
        var toks = LineLexer.Tokens(f.File, idx, Symbols);
        switch (kind)
        {
            case DirectiveKind.If: DoIf(toks, idx, "if"); break;
            case DirectiveKind.Ifdef: DoIf(toks, idx, "ifdef"); break;
            case DirectiveKind.Ifndef: DoIf(toks, idx, "ifndef"); break;
            case DirectiveKind.Elif: DoElif(toks, idx, "elif"); break;
            case DirectiveKind.Elifdef: DoElif(toks, idx, "elifdef"); break;
            case DirectiveKind.Elifndef: DoElif(toks, idx, "elifndef"); break;
            case DirectiveKind.Else: DoElse(toks); break;
            case DirectiveKind.Endif: DoEndif(toks); break;
            case DirectiveKind.Define: DoDefine(f, toks, idx); break;
            case DirectiveKind.Undef: DoUndef(toks); break;
            case DirectiveKind.Include:
            case DirectiveKind.IncludeNext:
            case DirectiveKind.Import:
                DoInclude(f, toks, idx);
                break;
            case DirectiveKind.Error:
                throw new PreprocessorError("#error" + RestOfLine(toks, 2, leadingSpace: true), toks[1]);
            case DirectiveKind.Warning:
                Warn(new Diagnostic(Severity.Warning, "#warning" + RestOfLine(toks, 2, leadingSpace: true), Location(toks[1])));
                break;
            case DirectiveKind.Pragma:
                // cpp: #pragma once; other pragmas are ignored here
                if (toks.Length > 2 && toks[2].IsIdentifier && toks[2].Text == "once") _onceFiles.Add(f.File.FullPath);
                break;
            case DirectiveKind.Line: DoLine(f, toks, idx); break;
            default: break; // #ident, #sccs, #assert, #unassert: nothing to do
        }
        return true;
    }

    /// <summary>Keeps a warning; past <see cref="DeviceTreeLimits.MaxDiagnostics"/> they are dropped.</summary>
    private void Warn(Diagnostic d)
    {
        if (_warnings.Count < DeviceTreeLimits.MaxDiagnostics) _warnings.Add(d);
    }

    /// <summary>The spelling of tokens from <paramref name="start"/>, one space where the source had whitespace (as cpp prints #error).</summary>
    private static string RestOfLine(PpToken[] toks, int start, bool leadingSpace)
    {
        var sb = new StringBuilder();
        for (int i = start; i < toks.Length; i++)
        {
            if (i > start ? toks[i].PrevWhite : leadingSpace) sb.Append(' ');
            sb.Append(toks[i].Text);
        }
        return sb.ToString();
    }

    /// <summary>A directive's expanded tokens are kept in memory: at most <see cref="DeviceTreeLimits.MaxDirectiveTokens"/>.</summary>
    private static void CheckDirectiveLength(List<PpToken> list, PpToken[] toks)
    {
        if (list.Count > DeviceTreeLimits.MaxDirectiveTokens)
            throw new PreprocessorError($"#{toks[1].Text} expands to more than {DeviceTreeLimits.MaxDirectiveTokens} tokens", toks[1]);
    }

    private static (int Line, int Column) EndOf(PpToken[] toks) =>
        (toks[^1].Line, toks[^1].Column + toks[^1].Text.Length);

    // ---- conditionals -------------------------------------------------------------------------------------------

    private void DoIf(PpToken[] toks, int idx, string name)
    {
        var f = _current!;
        bool parentSkipping = f.Skipping;
        var c = new PpConditional { ParentSkipping = parentSkipping, Line = toks[1].Line, Column = toks[1].Column, Directive = name };
        if (parentSkipping)
        {
            // cpp: a conditional inside a skipped group is only counted, never evaluated
            c.Skipping = true;
            c.Taken = true;
        }
        else
        {
            bool v = name == "if" ? EvaluateCondition(toks, idx) : IsDefinedTest(toks, name, name == "ifdef");
            c.Skipping = !v;
            c.Taken = v;
        }
        f.Conditionals.Add(c);
    }

    private void DoElif(PpToken[] toks, int idx, string name)
    {
        var f = _current!;
        if (f.Conditionals.Count == 0) throw new PreprocessorError($"#{name} without #if", toks[1]);
        var c = f.Conditionals[^1];
        if (c.SawElse) throw new PreprocessorError($"#{name} after #else", toks[1]);
        if (c.ParentSkipping || c.Taken)
        {
            // cpp: once a branch was taken, later #elif expressions are not evaluated
            c.Skipping = true;
            return;
        }
        bool v = name == "elif" ? EvaluateCondition(toks, idx) : IsDefinedTest(toks, name, name == "elifdef");
        c.Skipping = !v;
        c.Taken = v;
    }

    private void DoElse(PpToken[] toks)
    {
        var f = _current!;
        if (f.Conditionals.Count == 0) throw new PreprocessorError("#else without #if", toks[1]);
        var c = f.Conditionals[^1];
        if (c.SawElse) throw new PreprocessorError("#else after #else", toks[1]);
        c.SawElse = true;
        c.Skipping = c.ParentSkipping || c.Taken;
        c.Taken = true;
    }

    private void DoEndif(PpToken[] toks)
    {
        var f = _current!;
        if (f.Conditionals.Count == 0) throw new PreprocessorError("#endif without #if", toks[1]);
        f.Conditionals.RemoveAt(f.Conditionals.Count - 1);
    }

    private bool IsDefinedTest(PpToken[] toks, string name, bool wantDefined)
    {
        if (toks.Length < 3)
        {
            var (l, c) = EndOf(toks);
            throw new PreprocessorError($"no macro name given in #{name} directive", l, c);
        }
        var sym = MacroDefinitionParser.CheckMacroName(toks[2], name);
        return IsDefined(sym) == wantDefined;
    }

    /// <summary>cpp: __has_include counts as defined (so <c>#ifdef __has_include</c> works).</summary>
    private bool IsDefined(PpSymbol s) => _macros.IsDefined(s) || s.Name is "__has_include" or "__has_include_next";

    /// <summary>#if / #elif: expands the line, resolving <c>defined</c> and <c>__has_include</c>, and evaluates it.</summary>
    private bool EvaluateCondition(PpToken[] toks, int idx)
    {
        var list = new List<PpToken>(toks.Length);
        var x = _directive;
        x.BeginLine(toks, idx, start: 2);
        while (x.Next(out var t))
        {
            if (t.IsPadding) continue;
            if (t.IsIdentifier && t.Text == "defined") { list.Add(DefinedOperator(x, t, toks)); continue; }
            if (t.IsIdentifier && t.Text is "__has_include" or "__has_include_next") { list.Add(HasIncludeOperator(x, t, toks)); continue; }
            list.Add(t);
            CheckDirectiveLength(list, toks);
        }
        var (endLine, endCol) = EndOf(toks);
        return ExpressionEvaluator.Evaluate(list, toks[1], endLine, endCol);
    }

    /// <summary>cpp: <c>defined X</c> or <c>defined ( X )</c>; the operand is not macro-expanded.</summary>
    private PpToken DefinedOperator(MacroExpander x, in PpToken op, PpToken[] toks)
    {
        x.PreventExpansion(true);
        try
        {
            var t = NextReal(x, toks);
            bool paren = t is { } p && p.IsPunct("(");
            if (paren) t = NextReal(x, toks);
            if (t is not { } name || !name.IsIdentifier)
                throw t is { } bad ? new PreprocessorError("operator \"defined\" requires an identifier", bad)
                    : AtEnd(toks, "operator \"defined\" requires an identifier");
            if (paren)
            {
                var close = NextReal(x, toks);
                if (close is not { } cl || !cl.IsPunct(")"))
                    throw close is { } bad ? new PreprocessorError("missing ')' after \"defined\"", bad) : AtEnd(toks, "missing ')' after \"defined\"");
            }
            bool v = IsDefined(name.Symbol!);
            return new PpToken(PpTokenKind.Number, v ? "1" : "0", null, op.Flags, op.Line, op.Column);
        }
        finally { x.PreventExpansion(false); }
    }

    /// <summary>cpp: <c>__has_include("x")</c> / <c>__has_include(&lt;x&gt;)</c> is 1 when the file would be found.</summary>
    private PpToken HasIncludeOperator(MacroExpander x, in PpToken op, PpToken[] toks)
    {
        var open = NextReal(x, toks);
        if (open is not { } o || !o.IsPunct("("))
            throw open is { } bad ? new PreprocessorError($"missing '(' before \"{op.Text}\" operand", bad) : AtEnd(toks, $"missing '(' before \"{op.Text}\" operand");
        var operand = new List<PpToken>();
        while (true)
        {
            var t = NextReal(x, toks);
            if (t is not { } tt) throw AtEnd(toks, $"missing ')' after \"{op.Text}\" operand");
            if (tt.IsPunct(")")) break;
            operand.Add(tt);
        }
        var (name, angled) = HeaderNameOf(operand, op);
        bool found = _resolver.Resolve(name, angled, _current!.Dir, out _) is not null;
        return new PpToken(PpTokenKind.Number, found ? "1" : "0", null, op.Flags, op.Line, op.Column);
    }

    private static PpToken? NextReal(MacroExpander x, PpToken[] toks)
    {
        _ = toks;
        while (x.Next(out var t)) if (!t.IsPadding) return t;
        return null;
    }

    private static PreprocessorError AtEnd(PpToken[] toks, string message)
    {
        var (l, c) = EndOf(toks);
        return new PreprocessorError(message, l, c);
    }

    /// <summary>The file name of a "x", &lt;x&gt;, or of tokens forming &lt; ... &gt; (a computed include).</summary>
    private static (string Name, bool Angled) HeaderNameOf(List<PpToken> operand, in PpToken at)
    {
        if (operand.Count > 0)
        {
            var first = operand[0];
            if (first.Kind == PpTokenKind.HeaderName) return (first.Text[1..^1], true);
            if (first.Kind == PpTokenKind.String && first.Text[0] == '"') return (first.Text[1..^1], false);
            if (first.IsPunct("<"))
            {
                // cpp: the spellings up to '>' are joined, with one space where there was whitespace
                var sb = new StringBuilder();
                for (int i = 1; i < operand.Count; i++)
                {
                    if (operand[i].IsPunct(">")) return (sb.ToString(), true);
                    if (operand[i].PrevWhite && sb.Length > 0) sb.Append(' ');
                    sb.Append(operand[i].Text);
                }
                throw new PreprocessorError("missing terminating > character", at);
            }
        }
        throw new PreprocessorError($"#{(at.Text.StartsWith("__has", StringComparison.Ordinal) ? at.Text : "include")} expects \"FILENAME\" or <FILENAME>", at);
    }

    // ---- macros ---------------------------------------------------------------------------------------------------

    private void DoDefine(FileState f, PpToken[] toks, int idx)
    {
        // definitions are parsed once per file and line, and shared by every run through the cache
        // (the cache holds assembler-mode definitions only: the mode changes how '#' is parsed)
        PpMacro m;
        if (AssemblerMode && Volatile.Read(ref f.File.DefineCache[idx]) is PpMacro cached) m = cached;
        else
        {
            m = MacroDefinitionParser.Parse(toks, AssemblerMode, null);
            if (AssemblerMode) Volatile.Write(ref f.File.DefineCache[idx], m);
        }
        var old = _macros.Lookup(m.Name);
        if (old is not null && !old.SameDefinitionAs(m))
        {
            // cpp: a different redefinition is a warning and the new definition wins
            Warn(new Diagnostic(Severity.Warning, $"\"{m.Name.Name}\" redefined", Location(toks[2])));
        }
        _macros.Define(m);
    }

    private void DoUndef(PpToken[] toks)
    {
        if (toks.Length < 3)
        {
            var (l, c) = EndOf(toks);
            throw new PreprocessorError("no macro name given in #undef directive", l, c);
        }
        var sym = MacroDefinitionParser.CheckMacroName(toks[2], "undef");
        _macros.Undefine(sym);
    }

    // ---- #include, #line ------------------------------------------------------------------------------------------

    private void DoInclude(FileState f, PpToken[] toks, int idx)
    {
        string directive = toks[1].Text;
        if (toks.Length < 3)
        {
            var (l, c) = EndOf(toks);
            throw new PreprocessorError($"#{directive} expects \"FILENAME\" or <FILENAME>", l, c);
        }
        var at = toks[2];
        List<PpToken> operand;
        if (at.Kind == PpTokenKind.HeaderName || (at.Kind == PpTokenKind.String && at.Text[0] == '"'))
            operand = [at];
        else
        {
            // cpp: a computed include; the macro-expanded line must form "x" or <x>
            operand = new List<PpToken>();
            _directive.BeginLine(toks, idx, start: 2);
            while (_directive.Next(out var t))
                if (!t.IsPadding) { operand.Add(t); CheckDirectiveLength(operand, toks); }
        }
        var (name, angled) = HeaderNameOf(operand, toks[1]);
        if (name.Length == 0) throw new PreprocessorError($"empty filename in #{directive}", at);

        string? shown = _resolver.Resolve(name, angled, f.Dir, out string fullPath);
        if (shown is null) throw new PreprocessorError($"{name}: No such file or directory", at);
        if (f.Depth >= MaxIncludeDepth)
            throw new PreprocessorError($"#include nested depth {f.Depth} exceeds maximum of {MaxIncludeDepth} (use -fmax-include-depth=DEPTH to increase the maximum)", at);
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new PreprocessorError($"#include nested too deeply for the stack (depth {f.Depth})", at);
        if (_onceFiles.Contains(fullPath)) return;

        ScannedFile file;
        try { file = _cache.Get(fullPath, requireRegular: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PreprocessorError($"{name}: {e.Message}", at);
        }
        // cpp: the multiple-include optimisation skips a guarded file whose guard macro is defined
        if (file.GuardMacro is { } guard && _macros.IsDefined(guard)) return;

        if (_includedSet.Add(shown)) _included.Add(shown);
        ref readonly var line = ref f.File.Lines[idx];
        int back = f.Presumed(line.FirstPhysLine + line.PhysLineCount);
        _out.EnterFile(shown, include: true);
        ProcessFile(new FileState { File = file, Name = shown, Dir = IncludeResolver.DirectoryOf(shown), Depth = f.Depth + 1 });
        _out.ReturnToFile(f.Name, back);
    }

    private void DoLine(FileState f, PpToken[] toks, int idx)
    {
        var operand = new List<PpToken>();
        _directive.BeginLine(toks, idx, start: 2);
        while (_directive.Next(out var t))
            if (!t.IsPadding) { operand.Add(t); CheckDirectiveLength(operand, toks); }
        if (operand.Count == 0)
        {
            var (l, c) = EndOf(toks);
            throw new PreprocessorError("unexpected end of file after #line", l, c);
        }
        var num = operand[0];
        if (num.Kind != PpTokenKind.Number || !num.Text.All(char.IsAsciiDigit) || !int.TryParse(num.Text, out int n))
            throw new PreprocessorError($"\"{num.Text}\" after #line is not a positive integer", (num.Flags & PpTokenFlags.FromMacro) != 0 ? toks[1] : num);
        ref readonly var line = ref f.File.Lines[idx];
        // cpp: the line after the directive has the given number
        f.LineDelta = n - (line.FirstPhysLine + line.PhysLineCount);
        if (operand.Count > 1)
        {
            var s = operand[1];
            if (s.Kind != PpTokenKind.String || s.Text[0] != '"')
                throw new PreprocessorError($"invalid filename \"{s.Text}\"", (s.Flags & PpTokenFlags.FromMacro) != 0 ? toks[1] : s);
            f.Name = Unescape(s.Text[1..^1]);
        }
        _out.Renamed(f.Name);
    }

    private static string Unescape(string s)
    {
        if (!s.Contains('\\')) return s;
        var sb = new StringBuilder(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 1 < s.Length) i++;
            sb.Append(s[i]);
        }
        return sb.ToString();
    }
}
