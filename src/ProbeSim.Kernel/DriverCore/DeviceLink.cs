using ProbeSim.Kernel.Boot;

namespace ProbeSim.Kernel.DriverCore;

/// <summary>DL_FLAG_* bits of a device link.</summary>
[Flags]
public enum DlFlags
{
    None = 0,
    Stateless = 1 << 0,
    AutoremoveConsumer = 1 << 1,
    PmRuntime = 1 << 2,
    RpmActive = 1 << 3,
    AutoremoveSupplier = 1 << 4,
    AutoprobeConsumer = 1 << 5,
    Managed = 1 << 6,
    SyncStateOnly = 1 << 7,
    Inferred = 1 << 8,
    Cycle = 1 << 9,
}

/// <summary>enum device_link_state.</summary>
public enum DlState { None, Dormant, Available, ConsumerProbe, Active, SupplierUnbind }

/// <summary>A device link consumer -&gt; supplier.</summary>
public sealed class DeviceLink
{
    internal DeviceLink(Device supplier, Device consumer, DlFlags flags, DlState status)
    {
        Supplier = supplier; Consumer = consumer; Flags = flags; Status = status;
    }
    public Device Supplier { get; }
    public Device Consumer { get; }
    public DlFlags Flags { get; internal set; }
    public DlState Status { get; internal set; }
    public bool SyncStateOnly => (Flags & DlFlags.SyncStateOnly) != 0;
    public bool Managed => (Flags & DlFlags.Managed) != 0;

    internal static readonly DigestFields DigestFields = new(typeof(DeviceLink), [nameof(Supplier), nameof(Consumer), nameof(Flags), nameof(Status)]);

    internal void Digest(ref StateDigest d)
    {
        d.Add((ulong)(uint)Supplier.Id << 32 | (uint)Consumer.Id);
        d.Add((ulong)(uint)Flags << 8 | (ulong)Status);
    }

    /// <summary>The status file of /sys/class/devlink/&lt;link&gt; (device_link status_show).</summary>
    public string StatusText => StatusTextOf(Status);

    /// <summary>The words of a link state, as status_show prints them.</summary>
    public static string StatusTextOf(DlState status) => status switch
    {
        DlState.None => "not tracked",
        DlState.Dormant => "dormant",
        DlState.Available => "available",
        DlState.ConsumerProbe => "consumer probing",
        DlState.Active => "active",
        DlState.SupplierUnbind => "supplier unbinding",
        _ => "unknown",
    };
}
