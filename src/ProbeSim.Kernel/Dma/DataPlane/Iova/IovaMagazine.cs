namespace ProbeSim.Kernel.Dma;

/// <summary>struct iova_magazine: a stack of cached start pfns of one order.</summary>
internal sealed class IovaMagazine
{
    private readonly List<ulong> _pfns;
    private readonly int _capacity;

    public IovaMagazine(int capacity)
    {
        _capacity = capacity;
        _pfns = new List<ulong>(capacity);
    }

    public IReadOnlyList<ulong> Pfns => _pfns;

    public int Count => _pfns.Count;

    public bool Full => _pfns.Count == _capacity;

    public bool Empty => _pfns.Count == 0;

    public void Push(ulong pfn) => _pfns.Add(pfn);

    public void Clear() => _pfns.Clear();

    // iova_magazine_pop: newest entry that fits the limit, swapped out with the last one
    public ulong Pop(ulong limitPfn)
    {
        var i = _pfns.Count - 1;
        while (_pfns[i] > limitPfn)
        {
            if (i == 0)
                return 0;
            i--;
        }

        var pfn = _pfns[i];
        _pfns[i] = _pfns[^1];
        _pfns.RemoveAt(_pfns.Count - 1);
        return pfn;
    }
}
