using ProbeSim.Kernel.DriverCore;

namespace ProbeSim.Kernel.Boot;

/// <summary>The async domain's pending probes: FIFO by default, any of them when a schedule picks.</summary>
internal sealed class AsyncQueue
{
    private readonly List<(Device Dev, Driver? Drv)> _items = new();
    public int Count => _items.Count;
    public (Device Dev, Driver? Drv) this[int i] => _items[i];
    public void Enqueue((Device Dev, Driver? Drv) item) => _items.Add(item);

    public (Device Dev, Driver? Drv) TakeAt(int i)
    {
        var item = _items[i];
        _items.RemoveAt(i);
        return item;
    }
}
