using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Iommu;
using ProbeSim.Kernel.Of;

namespace ProbeSim.Kernel.Result;

using Kernel = ProbeSim.Kernel.Boot.Kernel;

/// <summary>
/// The published state of a boot (docs/architecture.md, "The published result"): immutable records of every device, the
/// firmware-node graph with its fw_devlink links, the iommu groups, and the answers the checks ask of the kernel about
/// a node (its provider, why no device was made, its resources and iommus entries). What the checks and reports read
/// of a booted kernel, they read here.
/// <para>
/// Each part is built from the kernel the first time it is asked for and kept: a state published at the end of a boot
/// (<see cref="BootResult.State"/>, <see cref="Complete"/>d) or of an explorer's schedule (<see cref="Kernel.Publish"/>)
/// is read after that kernel has stopped running, so every part shows the same moment, and an explorer's invariants
/// pay only for the parts they read.
/// </para>
/// </summary>
public sealed class BootState
{
    private readonly Kernel _k;
    private readonly object _lock = new();
    private IReadOnlyList<DeviceRecord>? _devices;
    private Dictionary<int, DeviceRecord>? _byId;
    private IReadOnlyList<IommuGroupRecord>? _groups;
    private Dictionary<int, IommuGroupRecord>? _groupById;
    private IReadOnlyList<UnboundUnderConsumer>? _unbound;
    private readonly Dictionary<DtNode, DeviceRecord?> _deviceOf = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<DtNode, FwNodeRecord?> _fwnodes = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<DtNode, ProviderAnswer> _providers = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<DtNode, NoDeviceReason> _noDevice = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<DtNode, IReadOnlyList<IommusEntry>> _iommus = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<int, VfioGroupViability> _viability = new();
    private readonly Dictionary<int, IReadOnlyList<ReservedRegion>> _reserved = new();

    internal BootState(Kernel kernel)
    {
        _k = kernel;
        Tree = kernel.Tree;
        Crash = kernel.CrashText;
    }

    /// <summary>The board's device tree (an input of the boot).</summary>
    public DtTree Tree { get; }

    /// <summary>The kernel died (BUG/oops): the text of the first line, else null.</summary>
    public string? Crash { get; }

    /// <summary>Every device the boot made, in creation order.</summary>
    public IReadOnlyList<DeviceRecord> Devices
    {
        get
        {
            if (_devices is { } d) return d;
            lock (_lock) return _devices ??= StateBuilder.Devices(_k);
        }
    }

    /// <summary>The device with kernel id <paramref name="id"/> (<see cref="DeviceRecord.Id"/>), or null.</summary>
    public DeviceRecord? DeviceById(int id)
    {
        if (_byId is null)
        {
            var map = new Dictionary<int, DeviceRecord>();
            foreach (var d in Devices) map[d.Id] = d;
            lock (_lock) _byId ??= map;
        }
        return _byId.GetValueOrDefault(id);
    }

    /// <summary>The device named <paramref name="name"/> (bus_find_device_by_name), or null.</summary>
    public DeviceRecord? FindDevice(string name) => _k.FindDevice(name) is { } dev ? DeviceById(dev.Id) : null;

    /// <summary>The device made from <paramref name="node"/> (its fwnode's device), or null.</summary>
    public DeviceRecord? DeviceOf(DtNode node) =>
        Memo(_deviceOf, node, n => _k.FwIfAny(n)?.Dev is { } dev ? DeviceById(dev.Id) : null);

    /// <summary>The fw_devlink state of <paramref name="node"/>, or null when the kernel made no fwnode for it.</summary>
    public FwNodeRecord? FwNodeOf(DtNode node) => Memo(_fwnodes, node, n => StateBuilder.FwNode(_k, n));

    /// <summary>What a provider lookup of <paramref name="node"/> answers (the getters' lookup, no early table asked).</summary>
    public ProviderAnswer ProviderOf(DtNode node) => Memo(_providers, node, n =>
    {
        var p = _k.Provider(n, null);
        return new ProviderAnswer(p.Registered, p.Device?.Name, p.Reason);
    });

    /// <summary>Why the OF core (or a parent's driver) made no device for <paramref name="node"/> (<see cref="Kernel.NoDeviceReasonOf"/>).</summary>
    public NoDeviceReason NoDeviceReasonOf(DtNode node) => Memo(_noDevice, node, _k.NoDeviceReasonOf);

    /// <summary>The resources a node refers to (clocks, resets, regulators, ...), as the generic probe asks for them.</summary>
    public IReadOnlyList<OfResourceRef> ResourcesOf(DtNode node) => _k.ResourcesOf(node);

    /// <summary>The node's iommus entries as of_iommu_configure parses them.</summary>
    public IReadOnlyList<IommusEntry> IommusEntriesOf(DtNode node) =>
        Memo(_iommus, node, n => _k.IommusEntries(n).Select(e => new IommusEntry(e.Node, e.Ids, e.Error)).ToList());

    /// <summary>The live iommu groups, in id order.</summary>
    public IReadOnlyList<IommuGroupRecord> Groups
    {
        get
        {
            if (_groups is { } g) return g;
            lock (_lock) return _groups ??= StateBuilder.Groups(_k);
        }
    }

    /// <summary>The group with id <paramref name="id"/>, or null.</summary>
    public IommuGroupRecord? GroupOf(int id)
    {
        if (_groupById is null)
        {
            var map = new Dictionary<int, IommuGroupRecord>();
            foreach (var g in Groups) map[g.Id] = g;
            lock (_lock) _groupById ??= map;
        }
        return _groupById.GetValueOrDefault(id);
    }

    /// <summary>Whether VFIO can use group <paramref name="id"/>, by the profile's rule (<see cref="Kernel.VfioViability"/>).</summary>
    public VfioGroupViability ViabilityOf(int id) =>
        Memo(_viability, id, i => _k.VfioViability(_k.IommuGroups.First(g => g.Id == i)));

    /// <summary>The reserved regions of the device's IOMMU driver (ops->get_resv_regions, where the model has them).</summary>
    public IReadOnlyList<ReservedRegion> ReservedRegionsOf(DeviceRecord device) =>
        Memo(_reserved, device.Id, id => _k.Devices.FirstOrDefault(d => d.Id == id) is { } dev ? _k.ReservedRegions(dev) : Array.Empty<ReservedRegion>());

    /// <summary>Suppliers unbound while a consumer taking their resources stayed bound, in the order it happened.</summary>
    public IReadOnlyList<UnboundUnderConsumer> UnboundUnderConsumers
    {
        get
        {
            if (_unbound is { } u) return u;
            lock (_lock) return _unbound ??= _k.UnboundUnderConsumers
                .Select(x => new UnboundUnderConsumer(x.Supplier.Name, x.Consumer.Name, x.Consumer.Driver?.Name, x.TimeUs)).ToList();
        }
    }

    /// <summary>Builds the parts every reader lists (devices, groups, unbinds) now; node answers are kept as first asked.</summary>
    public BootState Complete()
    {
        _ = Devices;
        _ = Groups;
        _ = UnboundUnderConsumers;
        return this;
    }

    private TValue Memo<TKey, TValue>(Dictionary<TKey, TValue> memo, TKey key, Func<TKey, TValue> make) where TKey : notnull
    {
        lock (_lock)
        {
            if (memo.TryGetValue(key, out var v)) return v;
        }
        var made = make(key);
        lock (_lock)
        {
            if (memo.TryGetValue(key, out var v)) return v;
            memo[key] = made;
            return made;
        }
    }
}
