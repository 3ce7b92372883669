namespace ProbeSim.Kernel.Dma;

/// <summary>struct iova: an allocated or reserved range of IOVA page frames [PfnLo, PfnHi].</summary>
public sealed class IovaRange
{
    internal IovaRange(ulong pfnLo, ulong pfnHi)
    {
        PfnLo = pfnLo;
        PfnHi = pfnHi;
    }

    public ulong PfnLo { get; internal set; }

    public ulong PfnHi { get; internal set; }

    public ulong Pages => PfnHi - PfnLo + 1;

    public override string ToString() => $"[{KFmt.Hex(PfnLo)}-{KFmt.Hex(PfnHi)}]";
}

/// <summary>
/// The iova_domain rbtree as an ordered list: ranges sorted by PfnLo, with the anchor node (pfn_lo = pfn_hi = ~0)
/// always last. rb_prev/rb_next become index steps; node identity is kept so cached nodes behave as in the kernel.
/// </summary>
internal sealed class IovaTree
{
    private readonly List<IovaRange> _nodes = new();

    public IovaTree() => Anchor = new IovaRange(ulong.MaxValue, ulong.MaxValue);

    /// <summary>IOVA_ANCHOR: sits above the top of the usable space.</summary>
    public IovaRange Anchor { get; }

    public int Count => _nodes.Count;

    public IReadOnlyList<IovaRange> Nodes => _nodes;

    /// <summary>rb_prev: null below the lowest node.</summary>
    public IovaRange? Prev(IovaRange node)
    {
        var i = node == Anchor ? _nodes.Count : IndexOf(node);
        return i > 0 ? _nodes[i - 1] : null;
    }

    /// <summary>rb_next: the anchor follows the highest range, nothing follows the anchor.</summary>
    public IovaRange? Next(IovaRange node)
    {
        if (node == Anchor)
            return null;
        var i = IndexOf(node);
        return i + 1 < _nodes.Count ? _nodes[i + 1] : Anchor;
    }

    /// <summary>iova_insert_rbtree: a duplicate pfn_lo is a WARN in the kernel and is refused here.</summary>
    public bool Insert(IovaRange r)
    {
        var i = LowerBound(r.PfnLo);
        if (i < _nodes.Count && _nodes[i].PfnLo == r.PfnLo)
            return false;
        _nodes.Insert(i, r);
        return true;
    }

    public void Remove(IovaRange r) => _nodes.RemoveAt(IndexOf(r));

    /// <summary>private_find_iova: the range containing <paramref name="pfn"/>.</summary>
    public IovaRange? Find(ulong pfn)
    {
        var i = LowerBound(pfn + 1) - 1; // last node with PfnLo <= pfn
        if (pfn == ulong.MaxValue)
            i = _nodes.Count - 1;
        return i >= 0 && _nodes[i].PfnHi >= pfn ? _nodes[i] : null;
    }

    /// <summary>iova_find_limit: above 4 GiB the anchor; else the lowest node reaching <paramref name="limitPfn"/>.</summary>
    public IovaRange FindLimit(ulong limitPfn, ulong dma32BitPfn)
    {
        if (limitPfn > dma32BitPfn)
            return Anchor;
        foreach (var n in _nodes)
            if (n.PfnHi >= limitPfn)
                return n;
        return Anchor;
    }

    private int IndexOf(IovaRange r)
    {
        var i = LowerBound(r.PfnLo);
        if (i >= _nodes.Count || _nodes[i] != r)
            throw new InvalidOperationException($"iova {r} is not in the tree");
        return i;
    }

    private int LowerBound(ulong pfnLo)
    {
        int lo = 0, hi = _nodes.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_nodes[mid].PfnLo < pfnLo)
                lo = mid + 1;
            else
                hi = mid;
        }

        return lo;
    }
}
