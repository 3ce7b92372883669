using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;

namespace ProbeSim.Kernel.Iommu;

/// <summary>A struct iommu_device: one registered IOMMU (its driver's traits, node, sysfs name) and its hardware resources.</summary>
public sealed class IommuInstance
{
    internal IommuInstance(int order, IommuDriverTraits traits, Device device, DtNode? node, string sysfsName, string? driverName = null)
    {
        Order = order; Traits = traits; Device = device; Node = node; SysfsName = sysfsName;
        DriverName = driverName ?? device.Driver?.Name ?? "";
        _contextBanks = new bool[Math.Max(0, traits.ContextBanks ?? 0)];
    }

    /// <summary>Registration order (iommu_device_list order).</summary>
    public int Order { get; }
    public IommuDriverTraits Traits { get; }
    /// <summary>The IOMMU driver (the ops a bus or fwspec points at are per driver, not per instance).</summary>
    public string DriverName { get; }
    /// <summary>The IOMMU's own platform device.</summary>
    public Device Device { get; }
    public DtNode? Node { get; }
    /// <summary>/sys/class/iommu/&lt;name&gt;.</summary>
    public string SysfsName { get; }
    /// <summary>On iommu_device_list (iommu_device_register succeeded), so iommu_ops_from_fwnode finds it.</summary>
    public bool Registered { get; internal set; } = true;
    /// <summary>When iommu_device_register put it on the list (simulated µs).</summary>
    public long RegisteredAtUs { get; internal set; }
    /// <summary>The driver's firmware lookup (intel-iommu, amd-iommu): null for drivers that find masters through a fwspec.</summary>
    internal IFirmwareIommuDriver? Firmware { get; init; }
    /// <summary>Devices probed by this instance, in probe order.</summary>
    public List<Device> Clients { get; } = new();
    /// <summary>arm-smmu stream-map: stream ID → group that claimed it (masters with the same IDs share a group).</summary>
    internal readonly Dictionary<uint, IommuGroup> StreamGroups = new();
    /// <summary>arm-smmu-v3 smmu->streams: StreamID → the master that inserted it (arm_smmu_insert_master).</summary>
    internal readonly Dictionary<uint, Device> Streams = new();
    /// <summary>arm-smmu-v3 2-level stream table: the L2 spans (StreamID &gt;&gt; STRTAB_SPLIT) arm_smmu_init_l2_strtab allocated; never freed.</summary>
    internal readonly HashSet<uint> L2Spans = new();
    /// <summary>Per-instance group (rockchip, ipmmu, mediatek, generic_single_device_group).</summary>
    internal IommuGroup? SingletonGroup;
    /// <summary>arm32: the mapping an IOMMU driver shares between its masters (ipmmu-vmsa on R-Car Gen2).</summary>
    internal Dma.ArmIommuMapping? SharedMapping;

    private readonly bool[] _contextBanks;

    /// <summary>__arm_smmu_alloc_bitmap: lowest free context bank, or null when all are taken.</summary>
    internal int? AllocContextBank()
    {
        if (Traits.ContextBanks is null) return 0;
        for (int i = 0; i < _contextBanks.Length; i++)
            if (!_contextBanks[i]) { _contextBanks[i] = true; return i; }
        return null;
    }

    internal void FreeContextBank(int cb)
    {
        if (cb < _contextBanks.Length) _contextBanks[cb] = false;
    }

    /// <summary>Kernel.Fork: the instance's state (DigestFields is the list) with its objects mapped into the fork.</summary>
    internal void CopyFrom(IommuInstance from, Boot.ForkMap map)
    {
        Registered = from.Registered;
        RegisteredAtUs = from.RegisteredAtUs;
        foreach (var d in from.Clients) Clients.Add(map.Dev(d));
        foreach (var (id, g) in from.StreamGroups) StreamGroups[id] = map.Group(g)!;
        foreach (var (id, d) in from.Streams) Streams[id] = map.Dev(d);
        L2Spans.UnionWith(from.L2Spans);
        SingletonGroup = map.Group(from.SingletonGroup);
        SharedMapping = map.Mapping(from.SharedMapping);
        Array.Copy(from._contextBanks, _contextBanks, _contextBanks.Length);
    }

    public int ContextBanksInUse => _contextBanks.Count(b => b);

    public override string ToString() => SysfsName;

    internal static readonly DigestFields DigestFields = new(typeof(IommuInstance),
        [nameof(Order), nameof(DriverName), nameof(Device), nameof(Registered), nameof(Clients), nameof(StreamGroups), nameof(Streams),
         nameof(L2Spans), nameof(SingletonGroup), nameof(SharedMapping), nameof(_contextBanks)],
        (nameof(Traits), "made with the instance from its device's node, its driver (DriverName) and the fault spec"),
        (nameof(Node), "its device's node (the device is digested)"),
        (nameof(SysfsName), "made with the instance from its device and traits; for sysfs and the log"),
        (nameof(RegisteredAtUs), DigestFields.Timestamp),
        (nameof(Firmware), "the firmware driver's lookup tables, made from the ACPI tables when the instance registers, never changed"));

    /// <summary>The instance: its order and device, registration, clients, the stream tables (looked up by ID: unordered), banks.</summary>
    internal void Digest(ref StateDigest d)
    {
        d.Add(Order);
        d.Add(Device.Id);
        d.Add(DriverName);
        d.Add(Registered);
        d.Add(Clients.Count);
        foreach (var c in Clients) d.Add(c.Id);
        var streams = new StateDigest.Unordered();
        foreach (var (sid, g) in StreamGroups)
        {
            var e = new StateDigest();
            e.Add(sid);
            IommuGroup.DigestRef(ref e, g);
            streams.Add(e);
        }
        d.Add(streams);
        streams = new StateDigest.Unordered();
        foreach (var (sid, owner) in Streams) streams.Add((ulong)sid << 32 | (uint)owner.Id);
        d.Add(streams);
        streams = new StateDigest.Unordered();
        foreach (var span in L2Spans) streams.Add(span);
        d.Add(streams);
        IommuGroup.DigestRef(ref d, SingletonGroup);
        Dma.ArmIommuMapping.Digest(ref d, SharedMapping);
        // the context-bank bitmap, 64 banks a word
        d.Add(_contextBanks.Length);
        for (int i = 0; i < _contextBanks.Length; i += 64)
        {
            ulong word = 0;
            for (int j = i; j < Math.Min(i + 64, _contextBanks.Length); j++)
                if (_contextBanks[j]) word |= 1UL << (j - i);
            d.Add(word);
        }
    }
}
