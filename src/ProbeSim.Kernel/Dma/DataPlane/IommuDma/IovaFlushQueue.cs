namespace ProbeSim.Kernel.Dma;

/// <summary>
/// dma-iommu.c's flush queue: per-CPU rings of unmapped-but-not-invalidated IOVAs, each stamped with the flush-start
/// counter; an entry is freed only once a later full IOTLB flush has finished (ring full, or the timer).
/// </summary>
public sealed class IovaFlushQueue
{
    private readonly IommuDmaCookie _cookie;
    private readonly Ring[] _rings;
    private readonly ulong _timeoutUs;
    private bool _timerOn;
    private int _timerCpu;

    internal IovaFlushQueue(IommuDmaCookie cookie, int cpus, int size, ulong timeoutUs)
    {
        if (!Bits.IsPowerOfTwo((ulong)size))
            throw new ArgumentException("flush queue size must be a power of two", nameof(size));
        _cookie = cookie;
        _timeoutUs = timeoutUs;
        _rings = Enumerable.Range(0, cpus).Select(_ => new Ring(size)).ToArray();
    }

    /// <summary>fq_flush_start_cnt / fq_flush_finish_cnt.</summary>
    public ulong FlushStartCount { get; private set; }

    public ulong FlushFinishCount { get; private set; }

    public long Queued { get; private set; }

    public long Freed { get; private set; }

    public long FullRingFlushes { get; private set; }

    public long TimerFlushes { get; private set; }

    public bool TimerArmed => _timerOn;

    /// <summary>Entries waiting across all rings.</summary>
    public int Pending => _rings.Sum(r => r.Count);

    // queue_iova
    internal void Queue(ulong pfn, ulong pages, int freedTablePages, int cpu)
    {
        var fq = _rings[cpu];
        // first drop what other CPUs' flushes already covered
        RingFree(fq, cpu);
        if (fq.Full)
        {
            FullRingFlushes++;
            FlushIotlb();
            RingFree(fq, cpu);
        }

        fq.Add(new Entry(pfn, pages, freedTablePages, FlushStartCount));
        Queued++;
        if (!_timerOn)
        {
            _timerOn = true;
            _timerCpu = cpu;
            _cookie.Clock.Schedule(_cookie.Clock.NowUs + _timeoutUs, Timeout);
        }
    }

    // fq_flush_timeout
    private void Timeout()
    {
        _timerOn = false;
        TimerFlushes++;
        FlushIotlb();
        foreach (var fq in _rings)
            RingFree(fq, _timerCpu);
    }

    // fq_flush_iotlb
    private void FlushIotlb()
    {
        FlushStartCount++;
        _cookie.Domain.FlushIotlbAll();
        FlushFinishCount++;
    }

    // fq_ring_free_locked: entries stamped before the last finished flush go back to the allocator
    private void RingFree(Ring fq, int cpu)
    {
        while (fq.Count > 0)
        {
            var e = fq.Peek();
            if (e.Counter >= FlushFinishCount)
                break;
            _cookie.ReleaseTablePages(e.FreedTablePages);
            _cookie.Iovad!.FreeIovaFast(e.Pfn, e.Pages, cpu);
            fq.Pop();
            Freed++;
        }
    }

    private readonly record struct Entry(ulong Pfn, ulong Pages, int FreedTablePages, ulong Counter);

    private sealed class Ring
    {
        private readonly Entry[] _entries;
        private int _head;
        private int _tail;

        public Ring(int size) => _entries = new Entry[size];

        public int Count => (_tail - _head + _entries.Length) % _entries.Length;

        // fq_full: one slot always stays empty
        public bool Full => (_tail + 1) % _entries.Length == _head;

        public void Add(Entry e)
        {
            _entries[_tail] = e;
            _tail = (_tail + 1) % _entries.Length;
        }

        public Entry Peek() => _entries[_head];

        public void Pop() => _head = (_head + 1) % _entries.Length;
    }
}
