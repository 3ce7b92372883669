namespace ProbeSim.DeviceTree.Preprocessor;

/// <summary>The macros defined in one run, with a bit set over symbol ids for the quick "could this be a macro" test.</summary>
internal sealed class MacroTable
{
    // a board with its dt-bindings headers defines thousands of macros; 3400 entries is the largest table that stays
    // off the large-object heap (growing from 1024 was 2% of a corpus build)
    private readonly Dictionary<PpSymbol, PpMacro> _macros = new(3400);
    private ulong[] _bits = new ulong[1024];

    public int Count => _macros.Count;

    /// <summary>True if the identifier is currently defined as a macro.</summary>
    public bool IsDefined(PpSymbol s)
    {
        int id = s.Id;
        int w = id >> 6;
        return w < _bits.Length && (_bits[w] & (1UL << (id & 63))) != 0;
    }

    public PpMacro? Lookup(PpSymbol s) => IsDefined(s) && _macros.TryGetValue(s, out var m) ? m : null;

    public void Define(PpMacro m)
    {
        _macros[m.Name] = m;
        int id = m.Name.Id;
        int w = id >> 6;
        if (w >= _bits.Length) Array.Resize(ref _bits, Math.Max(w + 1, _bits.Length * 2));
        _bits[w] |= 1UL << (id & 63);
    }

    public bool Undefine(PpSymbol s)
    {
        if (!_macros.Remove(s)) return false;
        _bits[s.Id >> 6] &= ~(1UL << (s.Id & 63));
        return true;
    }
}
