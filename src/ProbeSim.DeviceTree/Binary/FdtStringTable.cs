namespace ProbeSim.DeviceTree.Binary;

/// <summary>
/// The strings block as dtc builds it: a name reuses the first place in the table where it already
/// appears as a NUL-terminated string (a suffix of an earlier name counts), else it is appended.
/// </summary>
public sealed class FdtStringTable
{
    /// <summary>
    /// Every suffix of every stored name (as a place in the table, with its hash), mapped to the lowest offset where
    /// it starts. Keys point into the table rather than holding the text, so a long name costs one entry per byte,
    /// not a string per suffix (which would be quadratic in its length).
    /// </summary>
    private readonly Dictionary<Suffix, int> _suffixes;
    /// <summary>Names asked for before, with their answer: a name's first place never changes once it is in the table.</summary>
    private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
    private byte[] _bytes;
    private int _length;

    public FdtStringTable(int capacity = 1024)
    {
        _bytes = new byte[Math.Max(16, capacity)];
        _suffixes = new Dictionary<Suffix, int>(Math.Max(16, capacity), new SuffixComparer(this));
    }

    /// <summary>Bytes used so far.</summary>
    public int Length => _length;

    public ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, _length);

    /// <summary>Offset of <paramref name="name"/> in the table, appending it when absent.</summary>
    // stringtable_insert: the first byte offset whose NUL-terminated string equals the name wins, else append
    public int Insert(string name)
    {
        if (_names.TryGetValue(name, out var known)) return known;
        var offset = InsertNew(name);
        _names.Add(name, offset);
        return offset;
    }

    private int InsertNew(string name)
    {
        var byteCount = FdtText.ByteCount(name);
        // the name is written after the table first; it stays there only if it is not found
        EnsureCapacity(_length + byteCount + 1);
        FdtText.Encode(name, _bytes.AsSpan(_length));
        var start = _length;
        if (_suffixes.TryGetValue(new Suffix(start, byteCount, HashOf(_bytes.AsSpan(start, byteCount))), out var found)) return found;

        _bytes[start + byteCount] = 0;
        _length += byteCount + 1;
        // Offsets are handed out in increasing order, so TryAdd keeps the first match for each suffix.
        ulong hash = 0;
        for (var k = byteCount; k >= 0; k--)
        {
            if (k < byteCount) hash = Step(hash, _bytes[start + k]);
            _suffixes.TryAdd(new Suffix(start + k, byteCount - k, Fold(hash)), start + k);
        }
        return start;
    }

    // a polynomial hash built from the end, so the hashes of all suffixes of a name take one pass
    private static ulong Step(ulong hashOfRest, byte b) => unchecked((ulong)b + 1 + hashOfRest * 0x100000001B3UL);

    private static int Fold(ulong h) => (int)(h ^ (h >> 32));

    private static int HashOf(ReadOnlySpan<byte> bytes)
    {
        ulong hash = 0;
        for (var k = bytes.Length - 1; k >= 0; k--) hash = Step(hash, bytes[k]);
        return Fold(hash);
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _bytes.Length) return;
        Array.Resize(ref _bytes, Math.Max(needed, _bytes.Length * 2));
    }

    private readonly record struct Suffix(int Start, int Length, int Hash);

    private sealed class SuffixComparer(FdtStringTable table) : IEqualityComparer<Suffix>
    {
        public bool Equals(Suffix a, Suffix b) =>
            a.Length == b.Length && a.Hash == b.Hash && table._bytes.AsSpan(a.Start, a.Length).SequenceEqual(table._bytes.AsSpan(b.Start, b.Length));

        public int GetHashCode(Suffix s) => s.Hash;
    }
}
