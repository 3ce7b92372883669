using ProbeSim.Checking.Explain;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Checking.CorpusDiff;

/// <summary>
/// Compares the outcomes of one board booted on both sides, device by device. Devices are paired by their DT node
/// (the name can change with the naming rules, the node cannot), and by name for devices without a node (PCI
/// functions); a node that yields two outcomes on a side is paired by node and name. Returns the devices that differ,
/// sorted by name, with their fields in <see cref="DiffFields.Order"/>.
/// </summary>
public static class DeviceComparer
{
    /// <summary>The devices that differ, and how many devices (paired or one-sided) were compared.</summary>
    public static (int Compared, IReadOnlyList<DeviceDelta> Deltas) Compare(BootResult a, BootResult b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        // deferReason: only when both kernels have devices_deferred (v4.19+); before, the text is the model's own note
        var deferReasons = a.DevicesDeferred is not null && b.DevicesDeferred is not null;
        var groupsA = new IommuGroupMembership(a);
        var groupsB = new IommuGroupMembership(b);
        var byKeyA = Keyed(a.Devices);
        var byKeyB = Keyed(b.Devices);
        var deltas = new List<DeviceDelta>();
        foreach (var key in byKeyA.Keys.Union(byKeyB.Keys, StringComparer.Ordinal))
        {
            var da = byKeyA.GetValueOrDefault(key);
            var db = byKeyB.GetValueOrDefault(key);
            var fields = da is null || db is null
                ? [new FieldDelta(DiffFields.Device, da is null ? null : Explainer.Word(da.State), db is null ? null : Explainer.Word(db.State))]
                : Fields(da, db, groupsA, groupsB, deferReasons);
            if (fields.Count > 0) deltas.Add(new DeviceDelta(DisplayName(da, db), da, db, fields));
        }
        deltas.Sort((x, y) => string.CompareOrdinal(x.Device, y.Device));
        return (byKeyA.Keys.Union(byKeyB.Keys, StringComparer.Ordinal).Count(), deltas);
    }

    private static List<FieldDelta> Fields(DeviceOutcome a, DeviceOutcome b, IommuGroupMembership ga, IommuGroupMembership gb, bool deferReasons)
    {
        var list = new List<FieldDelta>();
        void Add(string field, string? before, string? after)
        {
            if (!string.Equals(before, after, StringComparison.Ordinal)) list.Add(new FieldDelta(field, before, after));
        }
        // a node that is a device on both sides keeps its name unless the naming rules changed
        if (a.State != DeviceState.NotPresent && b.State != DeviceState.NotPresent) Add(DiffFields.Name, a.Name, b.Name);
        Add(DiffFields.State, Explainer.Word(a.State), Explainer.Word(b.State));
        Add(DiffFields.Driver, a.Driver, b.Driver);
        Add(DiffFields.Error, ErrorWord(a.Error), ErrorWord(b.Error));
        if (deferReasons) Add(DiffFields.DeferReason, a.DeferReason, b.DeferReason);
        Add(DiffFields.Dma, a.Dma, b.Dma);
        Add(DiffFields.DmaOps, a.DmaOps, b.DmaOps);
        Add(DiffFields.Iommu, a.Iommu, b.Iommu);
        Add(DiffFields.IommuGroup, ga.Of(a), gb.Of(b));
        Add(DiffFields.DomainType, a.DomainType, b.DomainType);
        Add(DiffFields.DmaOwner, a.DmaOwner, b.DmaOwner);
        return list;
    }

    /// <summary><c>-EINVAL</c> (the errno's name, or its number when it has none).</summary>
    public static string? ErrorWord(int? error) => error is int e ? "-" + Errno.Name(e) : null;

    private static string DisplayName(DeviceOutcome? a, DeviceOutcome? b)
    {
        // a device's name where either side made one; otherwise the node's path, which is unique where names are not
        foreach (var o in new[] { b, a })
            if (o is not null && o.State != DeviceState.NotPresent) return o.Name;
        var any = (b ?? a)!;
        return any.OfNode ?? any.Name;
    }

    private static Dictionary<string, DeviceOutcome> Keyed(IReadOnlyList<DeviceOutcome> devices)
    {
        static string Key(DeviceOutcome d) => d.OfNode ?? "\0" + d.Name;
        var shared = devices.GroupBy(Key, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var map = new Dictionary<string, DeviceOutcome>(devices.Count, StringComparer.Ordinal);
        foreach (var d in devices)
        {
            var key = Key(d);
            if (shared.Contains(key)) key += "\0" + d.Name;
            map.TryAdd(key, d);
        }
        return map;
    }
}
