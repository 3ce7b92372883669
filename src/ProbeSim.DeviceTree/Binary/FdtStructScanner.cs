using System.Buffers.Binary;

namespace ProbeSim.DeviceTree.Binary;

/// <summary>
/// Walks the structure block token by token, checking each as libfdt's <c>fdt_next_tag</c> and
/// <c>fdt_check_full</c> do, and throws at the first problem. NOPs are skipped. Ends after FDT_END.
/// </summary>
internal ref struct FdtStructScanner
{
    private readonly ReadOnlySpan<byte> _blob;
    private readonly FdtHeader _h;
    private readonly string? _file;
    private readonly int _maxDepth;
    private readonly int _end;
    private int _pos;
    private int _depth;
    private bool _sawRoot;
    private bool _rootClosed;
    private bool _done;

    public FdtStructScanner(ReadOnlySpan<byte> blob, in FdtHeader header, string? file, int maxDepth)
    {
        _blob = blob;
        _h = header;
        _file = file;
        _maxDepth = maxDepth;
        _end = (int)header.StructEnd;
        _pos = (int)header.OffDtStruct;
    }

    public readonly int Depth => _depth;

    /// <summary>The next token other than FDT_NOP; false once FDT_END has been read.</summary>
    public bool Next(out FdtToken token)
    {
        token = default;
        if (_done) return false;
        while (true)
        {
            var at = _pos;
            // fdt_next_tag: a token needs 4 bytes inside the block, or the block ended early
            if ((long)at + 4 > _end)
                throw Fail(at, _sawRoot && _depth == 0
                    ? $"structure block ends at 0x{at:x} without FDT_END"
                    : $"structure block ends at 0x{at:x} inside a node, without FDT_END");
            var tag = BinaryPrimitives.ReadUInt32BigEndian(_blob[at..]);
            switch (tag)
            {
                case FdtConstants.Nop:
                    _pos = at + 4;
                    continue;
                case FdtConstants.BeginNode:
                    token = BeginNode(at);
                    return true;
                case FdtConstants.Prop:
                    token = Prop(at);
                    return true;
                case FdtConstants.EndNode:
                    // fdt_check_full: FDT_END_NODE needs an open node
                    if (_depth == 0)
                        throw Fail(at, $"FDT_END_NODE at 0x{at:x} without a matching FDT_BEGIN_NODE");
                    _depth--;
                    if (_depth == 0) _rootClosed = true;
                    _pos = at + 4;
                    token = new FdtToken(tag, at, 0, 0, 0, 0, 0);
                    return true;
                case FdtConstants.End:
                    End(at);
                    token = new FdtToken(tag, at, 0, 0, 0, 0, 0);
                    return true;
                default:
                    // fdt_next_tag: any other word is not a token
                    throw Fail(at, $"bad token 0x{tag:x8} at 0x{at:x}");
            }
        }
    }

    private FdtToken BeginNode(int at)
    {
        // fdt_check_full: after the root node closes only FDT_END (or NOP) may follow
        if (_rootClosed) throw Fail(at, $"FDT_BEGIN_NODE at 0x{at:x} after the root node closed (a second root node)");
        var nameStart = at + 4;
        // fdt_next_tag: the name's NUL must lie inside the structure block
        var nul = nameStart < _end ? _blob[nameStart.._end].IndexOf((byte)0) : -1;
        if (nul < 0) throw Fail(nameStart, $"unterminated node name at 0x{nameStart:x}");
        _depth++;
        // fdt_check_full: a depth limit (INT_MAX there; configurable here)
        if (_depth > _maxDepth) throw Fail(at, $"nodes nested deeper than {_maxDepth} levels at 0x{at:x}");
        // fdt_check_full: the root node's name is empty
        if (_depth == 1)
        {
            if (nul != 0) throw Fail(nameStart, $"the root node at 0x{at:x} has a name; it must be empty");
            _sawRoot = true;
        }
        _pos = (int)FdtConstants.Align4((long)nameStart + nul + 1);
        return new FdtToken(FdtConstants.BeginNode, at, nameStart, nul, 0, 0, 0);
    }

    private FdtToken Prop(int at)
    {
        if (_rootClosed) throw Fail(at, $"FDT_PROP at 0x{at:x} after the root node closed");
        // dt_from_blob: properties belong to a node
        if (_depth == 0) throw Fail(at, $"FDT_PROP at 0x{at:x} outside any node");
        if ((long)at + 12 > _end) throw Fail(at, $"truncated property header at 0x{at:x}");
        var len = BinaryPrimitives.ReadUInt32BigEndian(_blob[(at + 4)..]);
        var nameOff = BinaryPrimitives.ReadUInt32BigEndian(_blob[(at + 8)..]);
        var valueStart = at + 12;
        // fdt_next_tag: the value must fit the block (checked before anything is allocated)
        if (valueStart + (long)len > _end)
            throw Fail(at + 4,
                $"property at offset 0x{at:x} has length {len} (0x{len:x}), past the end of the structure block at 0x{_end:x}");
        // fdt_get_string: the name offset lies inside the strings block and the name ends with NUL there
        if (nameOff >= _h.SizeDtStrings)
            throw Fail(at + 8,
                $"property at offset 0x{at:x} has a name offset 0x{nameOff:x} outside the strings block (size 0x{_h.SizeDtStrings:x})");
        var nameStart = (int)(_h.OffDtStrings + nameOff);
        var nul = _blob[nameStart..(int)_h.StringsEnd].IndexOf((byte)0);
        if (nul < 0)
            throw Fail(at + 8,
                $"property at offset 0x{at:x} has a name at strings offset 0x{nameOff:x} that is not NUL-terminated inside the strings block");
        _pos = (int)FdtConstants.Align4(valueStart + (long)len);
        return new FdtToken(FdtConstants.Prop, at, nameStart, nul, valueStart, (int)len, nameOff);
    }

    private void End(int at)
    {
        // fdt_check_full: FDT_END only after the root node has closed
        if (!_sawRoot) throw Fail(at, $"FDT_END at 0x{at:x} before any node");
        if (_depth != 0) throw Fail(at, $"FDT_END at 0x{at:x} with {_depth} node(s) still open");
        _done = true;
        _pos = at + 4;
        // dt_to_blob ends the block right after FDT_END; stricter than libfdt, nothing may follow it
        if (_h.Version >= 17 && _pos != _end)
            throw Fail(_pos, $"{_end - _pos} byte(s) of data after FDT_END in the structure block");
    }

    private readonly Model.DeviceTreeException Fail(long offset, string message) =>
        FdtHeaderCheck.Fail(_file, offset, message);
}
