namespace ProbeSim.Kernel.DriverCore;

/// <summary>
/// A blocking notifier chain (kernel/notifier.c) whose data is a device: blocks run by priority, highest first, and in
/// registration order within one priority (notifier_chain_register inserts after the blocks of equal priority).
/// </summary>
internal sealed class NotifierChain<TAction> where TAction : struct
{
    private readonly List<(int Priority, Action<TAction, Device> Call)> _blocks = new();

    /// <summary>blocking_notifier_chain_register: the block goes after every block of the same or higher priority.</summary>
    internal void Register(Action<TAction, Device> call, int priority = 0)
    {
        int at = _blocks.Count;
        while (at > 0 && _blocks[at - 1].Priority < priority) at--;
        _blocks.Insert(at, (priority, call));
    }

    internal int Count => _blocks.Count;

    /// <summary>blocking_notifier_call_chain: every block in chain order (no block here stops the chain).</summary>
    internal void Call(TAction action, Device dev)
    {
        for (int i = 0; i < _blocks.Count; i++) _blocks[i].Call(action, dev);
    }
}

/// <summary>BUS_NOTIFY_* (include/linux/device/bus.h), the events a bus's notifier chain carries.</summary>
internal enum BusNotify
{
    /// <summary>BUS_NOTIFY_ADD_DEVICE: device_add, before the first probe.</summary>
    AddDevice,
    /// <summary>BUS_NOTIFY_BIND_DRIVER: really_probe, a driver is about to probe the device.</summary>
    BindDriver,
    /// <summary>BUS_NOTIFY_BOUND_DRIVER: driver_bound.</summary>
    BoundDriver,
    /// <summary>BUS_NOTIFY_UNBIND_DRIVER: __device_release_driver, before remove.</summary>
    UnbindDriver,
    /// <summary>BUS_NOTIFY_UNBOUND_DRIVER: __device_release_driver, after remove.</summary>
    UnboundDriver,
    /// <summary>BUS_NOTIFY_DRIVER_NOT_BOUND: really_probe failed after BIND_DRIVER.</summary>
    DriverNotBound,
}

/// <summary>The names the model records notifier events under (NotifierEvent.Event).</summary>
internal static class BusNotifyNames
{
    public static string Name(BusNotify action) => action switch
    {
        BusNotify.AddDevice => "ADD_DEVICE",
        BusNotify.BindDriver => "BIND_DRIVER",
        BusNotify.BoundDriver => "BOUND_DRIVER",
        BusNotify.UnbindDriver => "UNBIND_DRIVER",
        BusNotify.UnboundDriver => "UNBOUND_DRIVER",
        _ => "DRIVER_NOT_BOUND",
    };
}
