namespace ProbeSim.DeviceTree.Binary;

/// <summary>
/// The strings block as dtc builds it: a name reuses the first place in the table where it already
/// appears as a NUL-terminated string (a suffix of an earlier name counts), else it is appended.
/// </summary>
public sealed class FdtStringTable
{
    // Every suffix of every stored name, mapped to the lowest offset where it starts.
    private readonly Dictionary<string, int> _suffixes = new(StringComparer.Ordinal);
    private byte[] _bytes;
    private int _length;

    public FdtStringTable(int capacity = 1024) => _bytes = new byte[Math.Max(16, capacity)];

    /// <summary>Bytes used so far.</summary>
    public int Length => _length;

    public ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, _length);

    /// <summary>Offset of <paramref name="name"/> in the table, appending it when absent.</summary>
    // stringtable_insert: the first byte offset whose NUL-terminated string equals the name wins, else append
    public int Insert(string name)
    {
        if (_suffixes.TryGetValue(name, out var found)) return found;

        var offset = _length;
        var byteCount = FdtText.ByteCount(name);
        EnsureCapacity(_length + byteCount + 1);
        FdtText.Encode(name, _bytes.AsSpan(_length));
        _bytes[_length + byteCount] = 0;
        _length += byteCount + 1;

        // Offsets are handed out in increasing order, so TryAdd keeps the first match for each suffix.
        if (byteCount == name.Length)
        {
            for (var k = 0; k <= name.Length; k++)
                _suffixes.TryAdd(k == 0 ? name : name[k..], offset + k);
        }
        else
        {
            for (var k = 0; k <= name.Length; k++)
                _suffixes.TryAdd(name[k..], offset + FdtText.ByteCount(name[..k]));
        }
        return offset;
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _bytes.Length) return;
        Array.Resize(ref _bytes, Math.Max(needed, _bytes.Length * 2));
    }
}
