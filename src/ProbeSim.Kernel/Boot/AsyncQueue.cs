using ProbeSim.Kernel.DriverCore;

namespace ProbeSim.Kernel.Boot;

/// <summary>The async domain's pending probes: FIFO by default, any of them when a schedule picks.</summary>
internal sealed class AsyncQueue
{
    private readonly List<(Device Dev, Driver? Drv)> _items = new();
    public int Count => _items.Count;
    public (Device Dev, Driver? Drv) this[int i] => _items[i];
    public void Enqueue((Device Dev, Driver? Drv) item) => _items.Add(item);

    /// <summary>Kernel.Fork: the queued probes, in order, with the fork's devices and drivers.</summary>
    public void CopyFrom(AsyncQueue from, ForkMap map)
    {
        foreach (var (dev, drv) in from._items) _items.Add((map.Dev(dev), map.DrvOrNull(drv)));
    }

    internal static readonly DigestFields DigestFields = new(typeof(AsyncQueue), [nameof(_items)]);

    /// <summary>The queued probes in order: the device and the driver (or none: the whole driver walk).</summary>
    internal void Digest(ref StateDigest d)
    {
        d.Add(_items.Count);
        foreach (var (dev, drv) in _items) d.Add((ulong)(uint)dev.Id << 32 | (uint)(drv?.Index ?? -1));
    }

    public (Device Dev, Driver? Drv) TakeAt(int i)
    {
        var item = _items[i];
        _items.RemoveAt(i);
        return item;
    }
}
