using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Source;

/// <summary>The result of parsing a DTS file: the tree as the grammar built it, before dtc's checks and fix-ups.</summary>
internal sealed record ParsedSource(PNode Root, List<(ulong Address, ulong Size, List<string> Labels)> ReserveMap, bool IsPlugin, uint BootCpuId, List<string> IncludedFiles);

/// <summary>A recursive-descent parser for dtc 1.8.1's DTS grammar (dtc-parser.y), building the tree as dtc's actions do.</summary>
internal sealed partial class DtsParser
{
    private readonly DtsLexer _lexer;
    private readonly List<Diagnostic> _diagnostics;
    private readonly LabelIndex _labels = new();
    private DtsToken _tok;
    private int _nextOrphanFragment;
    private bool _plugin;

    public DtsParser(DtsLexer lexer, List<Diagnostic> diagnostics)
    {
        _lexer = lexer;
        _diagnostics = diagnostics;
        _tok = _lexer.Next();
    }

    private void Advance() => _tok = _lexer.Next();

    private void Error(SourceLocation loc, string message) => DiagnosticCap.Add(_diagnostics, new Diagnostic(Severity.Error, message, loc));

    private void Warning(SourceLocation loc, string message) => DiagnosticCap.Add(_diagnostics, new Diagnostic(Severity.Warning, message, loc));

    private DeviceTreeException SyntaxError(string expected) =>
        DeviceTreeException.At(_tok.Location, $"syntax error: expected {expected}, found {_tok.Describe()}");

    private void Expect(char c, string? what = null)
    {
        if (!_tok.Is(c)) throw SyntaxError(what ?? $"'{c}'");
        Advance();
    }

    // sourcefile: headers memreserves devicetree
    public ParsedSource ParseSourceFile()
    {
        var flags = ParseHeaders();
        _plugin = (flags & 2) != 0;
        var reserves = ParseMemReserves();
        var root = ParseDeviceTree();
        if (_tok.Kind != DtsTokenKind.End) throw SyntaxError("end of input");
        return new ParsedSource(root, reserves, _plugin, GuessBootCpuId(root), _lexer.IncludedFiles);
    }

    // headers: header | header headers;  header: DT_V1 ';' | DT_V1 ';' DT_PLUGIN ';'
    private int ParseHeaders()
    {
        if (_tok.Kind != DtsTokenKind.V1) throw SyntaxError("'/dts-v1/;' at the start of the file");
        var first = -1;
        while (_tok.Kind == DtsTokenKind.V1)
        {
            var loc = _tok.Location;
            Advance();
            Expect(';');
            var f = 1;
            if (_tok.Kind == DtsTokenKind.Plugin)
            {
                Advance();
                Expect(';');
                f |= 2;
            }
            if (first < 0) first = f;
            else if (f != first) Error(loc, "Header flags don't match earlier ones");
        }
        return first;
    }

    // memreserves: memreserve*;  memreserve: DT_LABEL memreserve | DT_MEMRESERVE integer_prim integer_prim ';'
    // (before the tree starts, a label can only belong to a memreserve)
    private List<(ulong, ulong, List<string>)> ParseMemReserves()
    {
        var list = new List<(ulong, ulong, List<string>)>();
        while (_tok.Kind is DtsTokenKind.MemReserve or DtsTokenKind.Label)
        {
            var labels = ParseLabelList();
            if (_tok.Kind != DtsTokenKind.MemReserve) throw SyntaxError("'/memreserve/'");
            Advance();
            var addr = ParseIntegerPrim();
            var size = ParseIntegerPrim();
            Expect(';');
            list.Add((addr, size, labels.Live().ToList()));
        }
        return list;
    }

    private PLabels ParseLabelList()
    {
        var names = new List<string>();
        ReadLabelNames(names);
        var labels = new PLabels();
        ApplyLabels(labels, names);
        return labels;
    }

    private static uint GuessBootCpuId(PNode root)
    {
        // guess_boot_cpuid: the reg of the first child of /cpus, if it is one cell
        var cpus = LiveTree.GetByPath(root, "/cpus");
        if (cpus is null || cpus.Children.Count == 0) return 0;
        var first = cpus.Children[0];
        foreach (var p in first.Properties)
        {
            if (p.Deleted || p.Name != "reg") continue;
            return p.Value.Length == 4 ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(p.Value.Span) : 0;
        }
        return 0;
    }
}
