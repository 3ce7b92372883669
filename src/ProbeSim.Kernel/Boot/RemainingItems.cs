namespace ProbeSim.Kernel.Boot;

/// <summary>
/// The items of a chosen-order run not taken yet, in their given order: the k-th remaining item and its removal in
/// O(log n) (a Fenwick tree of counts), where a list's RemoveAt moves every later item. A level of a distribution
/// kernel registers a thousand drivers.
/// </summary>
internal sealed class RemainingItems<T>
{
    private readonly List<T> _items;
    private readonly int[] _tree;
    private readonly int _top;

    public RemainingItems(List<T> items)
    {
        _items = items;
        _tree = new int[items.Count + 1];
        for (int i = 1; i <= items.Count; i++)
        {
            _tree[i]++;
            int parent = i + (i & -i);
            if (parent <= items.Count) _tree[parent] += _tree[i];
        }
        _top = 1;
        while (_top * 2 <= items.Count) _top *= 2;
        Count = items.Count;
    }

    private RemainingItems(List<T> items, int[] tree, int top, int count)
    {
        _items = items; _tree = tree; _top = top; Count = count;
    }

    public int Count { get; private set; }

    /// <summary>An independent copy with each item mapped (a forked kernel's own objects), the same items taken.</summary>
    public RemainingItems<T> Copy(Func<T, T> map) => new(_items.ConvertAll(x => map(x)), (int[])_tree.Clone(), _top, Count);

    /// <summary>The k-th remaining item (0-based).</summary>
    public T this[int k] => _items[Position(k)];

    /// <summary>Takes the k-th remaining item out and returns it.</summary>
    public T TakeAt(int k)
    {
        int pos = Position(k);
        for (int i = pos + 1; i < _tree.Length; i += i & -i) _tree[i]--;
        Count--;
        return _items[pos];
    }

    // the smallest position whose prefix count exceeds k
    private int Position(int k)
    {
        if ((uint)k >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(k));
        int pos = 0;
        for (int step = _top; step > 0; step >>= 1)
            if (pos + step < _tree.Length && _tree[pos + step] <= k)
            {
                pos += step;
                k -= _tree[pos];
            }
        return pos;
    }
}
