using ProbeSim.DeviceTree.Files;
using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Source;

/// <summary>
/// dtc's lexer (dtc-lexer.l): flex states INITIAL, V1, PROPNODENAME and BYTESTRING with longest-match rules,
/// GCC line markers, <c>/include/</c> with a file stack, comments and escapes.
/// </summary>
internal sealed partial class DtsLexer
{
    private enum State { Initial, V1, PropNodeName, ByteString }

    private const int MaxIncludeDepth = 100;

    private readonly Stack<DtsInput> _inputs = new();
    private readonly IReadOnlyList<string> _searchDirs;
    private readonly Func<string, string?> _readFile;
    private readonly List<Diagnostic> _diagnostics;
    private readonly HashSet<string> _activeIncludes = new(StringComparer.Ordinal);
    private long _includedChars;
    private State _state = State.Initial;
    private DtsInput _in;

    public DtsLexer(DtsInput input, IReadOnlyList<string> searchDirs, Func<string, string?> readFile, List<Diagnostic> diagnostics)
    {
        _in = input;
        _names = new Dictionary<string, string>(Math.Clamp(input.Text.Length / 100, 16, 2048), StringComparer.Ordinal);
        _searchDirs = searchDirs;
        _readFile = readFile;
        _diagnostics = diagnostics;
        _activeIncludes.Add(Path.GetFullPath(input.PhysicalPath));
    }

    public List<string> IncludedFiles { get; } = new();

    /// <summary>The directory of the file being read (srcfile_relative_open looks there first).</summary>
    public string CurrentDirectory => _in.Directory;

    private SourceLocation Here(int pos) => new(_in.FileName, _in.Line, pos - _in.LineStart + 1);

    private void LexicalError(int pos, string message) =>
        DiagnosticCap.Add(_diagnostics, new Diagnostic(Severity.Error, message, Here(pos)));

    private DeviceTreeException Fatal(int pos, string message) => DeviceTreeException.At(Here(pos), message);

    /// <summary>Advances the read position to <paramref name="to"/>, keeping line numbers.</summary>
    private void Advance(int to)
    {
        var text = _in.Text.Span;
        for (var i = _in.Pos; i < to; i++)
        {
            if (text[i] != '\n') continue;
            _in.Line++;
            _in.LineStart = i + 1;
        }
        _in.Pos = to;
    }

    public DtsToken Next()
    {
        while (true)
        {
            SkipWhitespaceAndComments();
            var text = _in.Text.Span;
            var p = _in.Pos;
            if (p >= text.Length)
            {
                // <<EOF>>: pop_input_file
                if (_inputs.Count == 0) return new DtsToken(DtsTokenKind.End, Here(p));
                _activeIncludes.Remove(Path.GetFullPath(_in.PhysicalPath));
                _in = _inputs.Pop();
                continue;
            }
            if (text[p] == '#' && (p == 0 || text[p - 1] == '\n') && TryLineMarker(p)) continue;
            if (text[p] == '/' && TryInclude(p)) continue;
            return Scan(p);
        }
    }

    private void SkipWhitespaceAndComments()
    {
        var text = _in.Text.Span;
        var p = _in.Pos;
        while (p < text.Length)
        {
            var c = text[p];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
            {
                p++;
                continue;
            }
            if (c == '\n')
            {
                p++;
                _in.Line++;
                _in.LineStart = p;
                continue;
            }
            if (c == '/' && p + 1 < text.Length && text[p + 1] == '*')
            {
                var end = text[(p + 2)..].IndexOf("*/");
                if (end >= 0) end += p + 2;
                if (end < 0)
                {
                    _in.Pos = p;
                    throw Fatal(p, "unterminated comment");
                }
                _in.Pos = p;
                Advance(end + 2);
                p = _in.Pos;
                continue;
            }
            if (c == '/' && p + 1 < text.Length && text[p + 1] == '/')
            {
                var end = text[p..].IndexOf('\n');
                p = end < 0 ? text.Length : p + end;
                continue;
            }
            break;
        }
        _in.Pos = p;
    }

    // <*>^"#"(line)?[ \t]+[0-9]+[ \t]+{STRING}([ \t]+[0-9]+)*   (srcpos_set_line)
    private bool TryLineMarker(int p)
    {
        var text = _in.Text.Span;
        var i = p + 1;
        if (text[i..].StartsWith("line")) i += 4;
        var ws = i;
        while (i < text.Length && (text[i] == ' ' || text[i] == '\t')) i++;
        if (i == ws) return false;
        var numStart = i;
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        if (i == numStart) return false;
        var numEnd = i;
        ws = i;
        while (i < text.Length && (text[i] == ' ' || text[i] == '\t')) i++;
        if (i == ws || i >= text.Length || text[i] != '"') return false;
        var strEnd = ScanStringEnd(i);
        if (strEnd < 0) return false;
        i = strEnd;
        while (true)
        {
            var j = i;
            while (j < text.Length && (text[j] == ' ' || text[j] == '\t')) j++;
            if (j == i || j >= text.Length || !char.IsAsciiDigit(text[j])) break;
            while (j < text.Length && char.IsAsciiDigit(text[j])) j++;
            i = j;
        }
        var fileName = DecodeFileName(text, numEnd, strEnd);
        if (!int.TryParse(text.Slice(numStart, numEnd - numStart), out var line)) line = int.MaxValue;
        // srcpos_set_line: the marker names the number of the line that follows it
        _in.FileName = fileName;
        if (i < text.Length && text[i] == '\n')
        {
            _in.Pos = i + 1;
            _in.LineStart = i + 1;
            _in.Line = line;
        }
        else
        {
            _in.Pos = i;
            _in.Line = line - 1;
        }
        return true;
    }

    private static string DecodeFileName(ReadOnlySpan<char> text, int from, int strEnd)
    {
        var open = from + text[from..].IndexOf('"');
        var bytes = StringEscapes.Decode(text.Slice(open + 1, strEnd - open - 2), out _);
        return System.Text.Encoding.UTF8.GetString(bytes, 0, bytes.Length - 1);
    }

    /// <summary>Returns the index just after the closing quote of the string starting at <paramref name="open"/>, or -1.</summary>
    private int ScanStringEnd(int open)
    {
        // {STRING} = \"([^\\"]|\\.)*\"  ('.' excludes newline)
        var text = _in.Text.Span;
        var i = open + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"') return i + 1;
            if (c == '\\')
            {
                if (i + 1 >= text.Length || text[i + 1] == '\n') return -1;
                i += 2;
                continue;
            }
            i++;
        }
        return -1;
    }

    // <*>"/include/"{WS}*{STRING}: push_input_file
    private bool TryInclude(int p)
    {
        var text = _in.Text.Span;
        if (!text[p..].StartsWith("/include/")) return false;
        var i = p + 9;
        while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
        if (i >= text.Length || text[i] != '"') return false;
        var end = ScanStringEnd(i);
        if (end < 0) return false;
        var nameBytes = StringEscapes.Decode(text.Slice(i + 1, end - i - 2), out _);
        var name = System.Text.Encoding.UTF8.GetString(nameBytes, 0, nameBytes.Length - 1);
        var at = p;
        Advance(end);
        PushInclude(name, at);
        return true;
    }

    private void PushInclude(string name, int at)
    {
        if (_inputs.Count >= MaxIncludeDepth) throw Fatal(at, $"/include/ nested too deeply (more than {MaxIncludeDepth} levels)");
        string? found = null;
        string? content = null;
        foreach (var candidate in IncludeCandidates(name))
        {
            try
            {
                if (File.Exists(candidate)) InputFiles.RequireRegular(candidate);
                content = _readFile(candidate);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Fatal(at, $"Couldn't open \"{name}\": {e.Message}");
            }
            if (content is null) continue;
            _includedChars += content.Length;
            if (_includedChars > DeviceTreeLimits.MaxSourceChars)
                throw Fatal(at, $"/include/ files add up to more than {DeviceTreeLimits.MaxSourceChars} characters, the limit for one source");
            found = candidate;
            break;
        }
        if (found is null || content is null) throw Fatal(at, $"Couldn't open \"{name}\": No such file or directory");
        var full = Path.GetFullPath(found);
        if (!_activeIncludes.Add(full)) throw Fatal(at, $"\"{name}\" includes itself");
        IncludedFiles.Add(found);
        _inputs.Push(_in);
        _in = new DtsInput(content, found, found);
    }

    // fopen_any_on_path: the including file's directory first, then each -i directory
    private IEnumerable<string> IncludeCandidates(string name)
    {
        if (Path.IsPathRooted(name))
        {
            yield return name;
            yield break;
        }
        yield return Path.Combine(_in.Directory, name);
        foreach (var d in _searchDirs) yield return Path.Combine(d, name);
    }
}
