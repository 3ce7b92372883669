using System.Collections.Concurrent;

namespace ProbeSim.DeviceTree.Preprocessor;

/// <summary>An interned identifier with a small dense id, so macro tables can test membership with a bit set.</summary>
internal sealed class PpSymbol
{
    public string Name { get; }
    public int Id { get; }

    public PpSymbol(string name, int id) { Name = name; Id = id; }

    public override int GetHashCode() => Id;
    public override string ToString() => Name;
}

/// <summary>Thread-safe interning of identifiers (and other short token spellings) shared by every run using one cache.</summary>
internal sealed class PpSymbolTable
{
    private readonly ConcurrentDictionary<string, PpSymbol> _symbols = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PpSymbol>.AlternateLookup<ReadOnlySpan<char>> _symbolsBySpan;
    private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _stringsBySpan;
    private int _nextId = -1;

    public PpSymbolTable()
    {
        _symbolsBySpan = _symbols.GetAlternateLookup<ReadOnlySpan<char>>();
        _stringsBySpan = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Upper bound (exclusive) of the ids handed out so far.</summary>
    public int Count => Volatile.Read(ref _nextId) + 1;

    public PpSymbol Intern(ReadOnlySpan<char> name)
    {
        if (_symbolsBySpan.TryGetValue(name, out var s)) return s;
        return Intern(name.ToString());
    }

    public PpSymbol Intern(string name)
    {
        if (_symbols.TryGetValue(name, out var s)) return s;
        var created = new PpSymbol(name, Interlocked.Increment(ref _nextId));
        return _symbols.GetOrAdd(name, created);
    }

    /// <summary>One shared string instance per spelling (numbers, strings), so cached lines do not hold copies.</summary>
    public string InternString(ReadOnlySpan<char> text)
    {
        if (_stringsBySpan.TryGetValue(text, out var s)) return s;
        var str = text.ToString();
        return _strings.GetOrAdd(str, str);
    }
}
