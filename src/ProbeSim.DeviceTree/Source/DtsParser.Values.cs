using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Source;

internal sealed partial class DtsParser
{
    /// <summary>Reads the files named by <c>/incbin/</c>; null where /incbin/ is not available.</summary>
    public IncbinReader? Incbin { get; init; }

    // propdata: items separated by ',', labels before and after each item become LABEL markers
    private PropertyData ParsePropData()
    {
        var data = new PropertyData();
        while (true)
        {
            AddLabelMarkers(data);
            ParsePropItem(data);
            AddLabelMarkers(data);
            if (!_tok.Is(',')) return data;
            Advance();
        }
    }

    private void AddLabelMarkers(PropertyData data)
    {
        while (_tok.Kind == DtsTokenKind.Label)
        {
            data.AddMarker(MarkerKind.Label, _tok.Text);
            Advance();
        }
    }

    private void ParsePropItem(PropertyData data)
    {
        switch (_tok.Kind)
        {
            case DtsTokenKind.String:
            {
                // data_copy_escape_string: a TYPE_STRING marker, the bytes and a NUL
                data.AddMarker(MarkerKind.TypeString);
                data.AppendBytes(_tok.Bytes!);
                Advance();
                return;
            }
            case DtsTokenKind.LabelRef:
            case DtsTokenKind.PathRef:
            {
                // propdataprefix dt_ref: the path of the node, inserted when references are fixed up
                data.AddMarker(MarkerKind.TypeString, _tok.Text);
                data.AddMarker(MarkerKind.RefPath, _tok.Text);
                Advance();
                return;
            }
            case DtsTokenKind.Bits:
            {
                Advance();
                if (_tok.Kind != DtsTokenKind.Literal) throw SyntaxError("the element size after /bits/");
                var loc = _tok.Location;
                var bits = (int)Math.Min(_tok.Value, 1000);
                Advance();
                if (bits is not (8 or 16 or 32 or 64))
                {
                    Error(loc, "Array elements must be 8, 16, 32 or 64-bits");
                    bits = 32;
                }
                if (!_tok.Is('<')) throw SyntaxError("'<' after /bits/ N");
                Advance();
                ParseArray(data, bits);
                return;
            }
            case DtsTokenKind.Char when _tok.Char == '<':
                Advance();
                ParseArray(data, 32);
                return;
            case DtsTokenKind.Char when _tok.Char == '[':
                Advance();
                ParseByteString(data);
                return;
            case DtsTokenKind.Incbin:
                ParseIncbin(data);
                return;
            default:
                throw SyntaxError("a property value (string, <cells>, [bytes] or reference)");
        }
    }

    // arrayprefix: elements of /bits/ size: integer_prim, dt_ref (32-bit only) or labels, up to '>'
    private void ParseArray(PropertyData data, int bits)
    {
        data.AddMarker(bits switch
        {
            8 => MarkerKind.TypeUInt8,
            16 => MarkerKind.TypeUInt16,
            64 => MarkerKind.TypeUInt64,
            _ => MarkerKind.TypeUInt32,
        });
        while (true)
        {
            switch (_tok.Kind)
            {
                case DtsTokenKind.Char when _tok.Char == '>':
                    Advance();
                    return;
                case DtsTokenKind.Label:
                    data.AddMarker(MarkerKind.Label, _tok.Text);
                    Advance();
                    continue;
                case DtsTokenKind.LabelRef:
                case DtsTokenKind.PathRef:
                    if (bits == 32) data.AddMarker(MarkerKind.RefPhandle, _tok.Text);
                    else Error(_tok.Location, "References are only allowed in arrays with 32-bit elements.");
                    data.AppendInteger(ulong.MaxValue >> (64 - bits), bits);
                    Advance();
                    continue;
                case DtsTokenKind.End:
                    throw SyntaxError("'>'");
            }
            var loc = _tok.Location;
            var v = ParseIntegerPrim();
            if (bits < 64)
            {
                var mask = (1UL << bits) - 1;
                if (v > mask && (v | mask) != ulong.MaxValue)
                    Warning(loc, $"Value 0x{v:x16} truncated to 0x{(v & mask).ToString("x" + bits / 4)}");
            }
            data.AppendInteger(v, bits);
        }
    }

    // bytestring: two hex digits per byte, labels allowed, up to ']'
    private void ParseByteString(PropertyData data)
    {
        data.AddMarker(MarkerKind.TypeUInt8);
        while (true)
        {
            switch (_tok.Kind)
            {
                case DtsTokenKind.Byte:
                    data.AppendByte((byte)_tok.Value);
                    Advance();
                    continue;
                case DtsTokenKind.Label:
                    data.AddMarker(MarkerKind.Label, _tok.Text);
                    Advance();
                    continue;
                case DtsTokenKind.Char when _tok.Char == ']':
                    Advance();
                    return;
                default:
                    throw SyntaxError("two hex digits or ']' in a byte string");
            }
        }
    }

    // /incbin/("file") or /incbin/("file", offset, length)
    private void ParseIncbin(PropertyData data)
    {
        var loc = _tok.Location;
        var dir = _lexer.CurrentDirectory;
        Advance();
        Expect('(');
        if (_tok.Kind != DtsTokenKind.String) throw SyntaxError("a file name");
        var nameBytes = _tok.Bytes!;
        var name = System.Text.Encoding.UTF8.GetString(nameBytes, 0, nameBytes.Length - 1);
        Advance();
        ulong offset = 0;
        ulong? length = null;
        if (_tok.Is(','))
        {
            Advance();
            offset = ParseIntegerPrim();
            Expect(',');
            length = ParseIntegerPrim();
        }
        Expect(')');
        if (Incbin is null) throw DeviceTreeException.At(loc, "/incbin/ is not available here");
        // data_copy_file: the bytes asked for
        data.AppendBytes(Incbin.Read(name, dir, offset, length, loc));
    }
}
