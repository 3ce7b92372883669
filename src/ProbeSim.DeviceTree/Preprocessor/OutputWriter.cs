using System.Text;

namespace ProbeSim.DeviceTree.Preprocessor;

/// <summary>
/// Builds the preprocessed text in the style of GCC's cpp: line markers <c># line "file" flags</c>, blank lines to
/// keep short gaps in sync, verbatim copies of untouched lines, and GCC's spacing for lines that were expanded.
/// </summary>
internal sealed class OutputWriter : IDisposable
{
    // cpp: up to 8 newlines are printed to resynchronise instead of a line marker
    private const int MaxBlankLines = 8;

    private readonly CharBuffer _sb;
    private string _file = "";
    private int _nextLine = 1;
    private bool _forceMarker;

    // state of the token line being printed (scan_translation_unit)
    private bool _inTokens;
    private bool _hasPrev;
    private PpToken _prev;
    private bool _avoidPaste;
    private int _source;

    public OutputWriter(int capacity) => _sb = new CharBuffer(capacity);

    public string Text => _sb.ToString();

    /// <summary>The text without copying it out of the pooled buffer: valid until this writer is disposed.</summary>
    public ReadOnlyMemory<char> Memory => _sb.Memory;

    /// <summary>Characters written so far.</summary>
    public int Length => _sb.Length;

    public void Dispose() => _sb.Dispose();

    /// <summary>Marker for entering a file: flag 1 for an include, none for the main file.</summary>
    public void EnterFile(string name, bool include)
    {
        _file = Escape(name);
        _sb.Append("# 1 \"").Append(_file).Append(include ? "\" 1\n" : "\"\n");
        _nextLine = 1;
        _forceMarker = false;
    }

    /// <summary>Marker for returning from an include to <paramref name="name"/> at <paramref name="line"/> (flag 2).</summary>
    public void ReturnToFile(string name, int line)
    {
        _file = Escape(name);
        _sb.Append("# ").Append(line).Append(" \"").Append(_file).Append("\" 2\n");
        _nextLine = line;
        _forceMarker = false;
    }

    /// <summary>After #line: the next output line gets a marker with the new presumed name.</summary>
    public void Renamed(string name)
    {
        _file = Escape(name);
        _forceMarker = true;
    }

    private void SyncTo(int line)
    {
        if (_forceMarker || line < _nextLine || line - _nextLine > MaxBlankLines)
        {
            _sb.Append("# ").Append(line).Append(" \"").Append(_file).Append("\"\n");
            _forceMarker = false;
        }
        else
        {
            for (; _nextLine < line; _nextLine++) _sb.Append('\n');
        }
        _nextLine = line;
    }

    // hot path: compiled fully optimised at once (a corpus run is over before tiered compilation would catch up)
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void CopyLine(int line, string text, int start, int length)
    {
        _avoidPaste = false;
        _source = PaddingState.None;
        SyncTo(line);
        _sb.Append(text.AsSpan(start, length)).Append('\n');
        _nextLine = line + 1;
    }

    public void BeginTokens(int line, ReadOnlySpan<char> indent)
    {
        SyncTo(line);
        _sb.Append(indent);
        _inTokens = true;
        _hasPrev = false;
        // cpp: the avoid-paste state left by padding at the end of the previous printed line carries over
    }

    public void EndTokens()
    {
        if (!_inTokens) return;
        _sb.Append('\n');
        _nextLine++;
        _inTokens = false;
    }

    /// <summary>cpp (scan_translation_unit): prints a token with a space only where the source had one or lexing needs one.</summary>
    // hot path: compiled fully optimised at once (a corpus run is over before tiered compilation would catch up)
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Print(in PpToken t)
    {
        if (t.Kind == PpTokenKind.Padding)
        {
            _avoidPaste = true;
            _source = PaddingState.Update(_source, t);
            return;
        }
        if (t.Kind == PpTokenKind.Placemarker) return;
        bool space;
        if (_avoidPaste)
            // cpp: a '#' first on an output line after an expansion gets a space so it cannot look like a directive
            space = _hasPrev
                ? PaddingState.WantsSpace(_source, t) || AvoidPaste.Needs(_prev, t)
                : t.IsPunct("#");
        else
            space = _hasPrev && t.PrevWhite;
        if (space) _sb.Append(' ');
        _sb.Append(t.Text);
        _avoidPaste = false;
        _source = PaddingState.None;
        _prev = t;
        _hasPrev = true;
    }

    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create("\\\"\n");

    /// <summary>cpp: '\' and '"' in a file name are escaped in line markers.</summary>
    private static string Escape(string name)
    {
        if (name.AsSpan().IndexOfAny(Special) < 0) return name;
        var sb = new StringBuilder(name.Length + 4);
        foreach (char c in name)
        {
            if (c == '\\' || c == '"') sb.Append('\\');
            if (c == '\n') { sb.Append("\\n"); continue; }
            sb.Append(c);
        }
        return sb.ToString();
    }
}
