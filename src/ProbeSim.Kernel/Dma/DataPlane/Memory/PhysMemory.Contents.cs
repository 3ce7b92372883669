namespace ProbeSim.Kernel.Dma;

public sealed partial class PhysMemory
{
    private readonly Dictionary<ulong, byte[]> _pages = new(); // pfn -> contents; absent = all zero

    public void Write(ulong pa, ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var off = (int)(pa & (DmaApi.PageSize - 1));
            var n = Math.Min(data.Length, (int)DmaApi.PageSize - off);
            var pfn = pa >> DmaApi.PageShift;
            if (!_pages.TryGetValue(pfn, out var page))
                _pages.Add(pfn, page = new byte[DmaApi.PageSize]);
            data[..n].CopyTo(page.AsSpan(off));
            data = data[n..];
            pa += (ulong)n;
        }
    }

    public void Read(ulong pa, Span<byte> into)
    {
        while (!into.IsEmpty)
        {
            var off = (int)(pa & (DmaApi.PageSize - 1));
            var n = Math.Min(into.Length, (int)DmaApi.PageSize - off);
            if (_pages.TryGetValue(pa >> DmaApi.PageShift, out var page))
                page.AsSpan(off, n).CopyTo(into);
            else
                into[..n].Clear();
            into = into[n..];
            pa += (ulong)n;
        }
    }

    public byte[] Read(ulong pa, int length)
    {
        var b = new byte[length];
        Read(pa, b);
        return b;
    }

    /// <summary>memset(); filling with zero drops pages that become wholly zero-backed.</summary>
    public void Fill(ulong pa, ulong length, byte value)
    {
        while (length > 0)
        {
            var off = pa & (DmaApi.PageSize - 1);
            var n = Math.Min(length, DmaApi.PageSize - off);
            var pfn = pa >> DmaApi.PageShift;
            if (value == 0 && off == 0 && n == DmaApi.PageSize)
                _pages.Remove(pfn);
            else if (_pages.TryGetValue(pfn, out var page))
                page.AsSpan((int)off, (int)n).Fill(value);
            else if (value != 0)
            {
                _pages.Add(pfn, page = new byte[DmaApi.PageSize]);
                page.AsSpan((int)off, (int)n).Fill(value);
            }

            pa += n;
            length -= n;
        }
    }

    /// <summary>memcpy() between physical ranges (what swiotlb_bounce does).</summary>
    public void Copy(ulong dst, ulong src, ulong length)
    {
        if (length == 0)
            return;
        var buf = new byte[length];
        Read(src, buf);
        Write(dst, buf);
    }
}
