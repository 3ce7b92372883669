using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.DriverCore;

/// <summary>
/// Indexes so matching does not compare every device with every driver: the result is the same walk the kernel makes
/// (drivers in registration order, devices in add order), restricted to the ones that can possibly match.
/// </summary>
internal sealed partial class DriverModel
{
    // of_compat_cmp is strcasecmp
    private readonly Dictionary<string, List<Device>> _devicesByCompat = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Driver> _ambaDrivers = new();
    private readonly List<Device> _overridden = new();
    // platform devices that match by name (a platform_device_id or the driver's name): created by name, or without a node
    private readonly List<Device> _platformByName = new();
    private int _registrations;

    private SpecIndex _specIndex = null!;
    private Driver?[] _driverAt = Array.Empty<Driver?>();
    private readonly List<Driver> _extraDrivers = new();
    // null in the first kernel of a prepared board: a board booted once (a corpus sweep) would pay for the facts what they save
    private DriverFacts? _driverFacts;
    // names an implicit driver (not in the set) shares with a driver of the set
    private HashSet<string>? _extraNamesTakenTwice;

    private static readonly DigestFields MatchIndexFields = new(typeof(DriverModel),
        [nameof(_overridden), nameof(_registrations)],
        (nameof(_devicesByCompat), "an index of the devices by compatible, filled as they are added (the devices are digested)"),
        (nameof(_ambaDrivers), DigestFields.Cache + " (the amba drivers of the driver list)"),
        (nameof(_platformByName), "an index of the platform devices that match by name, filled as they are added"),
        (nameof(_specIndex), DigestFields.Cache + " (the driver set's compatibles)"),
        (nameof(_driverAt), DigestFields.Cache + " (the driver list by position in the driver set)"),
        (nameof(_extraDrivers), DigestFields.Cache + " (the drivers the driver set does not list)"),
        (nameof(_driverFacts), DigestFields.Cache + " (which drivers name a compatible of the tree)"),
        (nameof(_extraNamesTakenTwice), DigestFields.Cache + " (names an implicit driver shares with one of the set)"));

    /// <summary>The devices given a driver_override (in the order they were) and the number of registrations so far.</summary>
    private void DigestMatchIndex(ref StateDigest d)
    {
        d.Add(_registrations);
        d.Add(_overridden.Count);
        foreach (var dev in _overridden) d.Add(dev.Id);
    }

    /// <summary>Keeps a device given a driver_override apart in the match index.</summary>
    internal void DriverOverrideSet(Device dev)
    {
        if (!_overridden.Contains(dev)) _overridden.Add(dev);
    }

    /// <summary>compatible -> positions in DriverSet.Drivers, built once per (immutable) DriverSet.</summary>
    private sealed class SpecIndex
    {
        public readonly Dictionary<string, int[]> ByCompat = new(StringComparer.OrdinalIgnoreCase);
        public readonly Dictionary<DriverSpec, int> Position = new(ReferenceEqualityComparer.Instance);
        public readonly HashSet<string> Names = new(StringComparer.Ordinal);
        // names two specs of the set share (on any bus): only these can be refused as already registered
        public readonly HashSet<string> NamesTakenTwice = new(StringComparer.Ordinal);
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DriverSet, SpecIndex> SpecIndexCache = new();

    private void BuildMatchIndex(bool boardBootedBefore)
    {
        for (int i = 0; i < _allDrivers.Count; i++) _allDrivers[i].Index = i;
        _specIndex = SpecIndexCache.GetValue(DriverSet, BuildSpecIndex);
        _driverAt = new Driver?[DriverSet.Drivers.Count];
        foreach (var d in _allDrivers)
        {
            if (_specIndex.Position.TryGetValue(d.Spec, out var pos)) _driverAt[pos] = d;
            else
            {
                _extraDrivers.Add(d);
                if (_specIndex.Names.Contains(d.Name)) (_extraNamesTakenTwice ??= new(StringComparer.Ordinal)).Add(d.Name);
            }
            if (d.Bus == Amba) _ambaDrivers.Add(d);
        }
        if (boardBootedBefore) _driverFacts = Tables.FactsOf(DriverSet, _allDrivers);
    }

    /// <summary>Kernel.Fork: the driver caches of <paramref name="from"/>, each driver replaced by the fork's of the same index.</summary>
    private void CopyMatchIndex(DriverModel from, Driver[] drivers)
    {
        _specIndex = from._specIndex;
        // immutable once built, shared; a forked board is being explored (it boots many times): made here if not yet
        _driverFacts = from._driverFacts ?? Tables.FactsOf(DriverSet, _allDrivers);
        _extraNamesTakenTwice = from._extraNamesTakenTwice;
        _driverAt = new Driver?[from._driverAt.Length];
        for (int i = 0; i < _driverAt.Length; i++)
            if (from._driverAt[i] is { } d) _driverAt[i] = drivers[d.Index];
        foreach (var d in from._extraDrivers) _extraDrivers.Add(drivers[d.Index]);
        foreach (var d in from._ambaDrivers) _ambaDrivers.Add(drivers[d.Index]);
    }

    private static SpecIndex BuildSpecIndex(DriverSet set)
    {
        var index = new SpecIndex();
        var map = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < set.Drivers.Count; i++)
        {
            var spec = set.Drivers[i];
            index.Position.TryAdd(spec, i);
            if (!index.Names.Add(spec.Name)) index.NamesTakenTwice.Add(spec.Name);
            foreach (var c in spec.Compatibles)
            {
                if (!map.TryGetValue(c, out var list)) map[c] = list = new List<int>();
                if (!list.Contains(i)) list.Add(i);
            }
        }
        foreach (var (c, list) in map) index.ByCompat[c] = list.ToArray();
        return index;
    }

    /// <summary>Whether another driver of the list may have this driver's name (only then can the name already be registered).</summary>
    private bool NameMayBeTaken(Driver drv) =>
        _specIndex.NamesTakenTwice.Contains(drv.Name) || _extraNamesTakenTwice?.Contains(drv.Name) == true;

    /// <summary>Adds the drivers (registered or not) whose OF table has this compatible, each once.</summary>
    private void AddDriversForCompatible(string compatible, List<Driver> result)
    {
        foreach (var d in _extraDrivers)
            foreach (var c in d.Spec.Compatibles)
                if (string.Equals(c, compatible, StringComparison.OrdinalIgnoreCase)) { if (!result.Contains(d)) result.Add(d); break; }
        if (_specIndex.ByCompat.TryGetValue(compatible, out var positions))
            foreach (var pos in positions)
                if (_driverAt[pos] is { } d && !result.Contains(d)) result.Add(d);
    }

    private void IndexDevice(Device dev)
    {
        if (dev.Bus == Platform && (dev.MatchName is not null || dev.Node is null)) _platformByName.Add(dev);
        if (dev.Node is null) return;
        foreach (var c in dev.Node.Compatible)
        {
            if (!_devicesByCompat.TryGetValue(c, out var list)) _devicesByCompat[c] = list = new List<Device>();
            list.Add(dev);
        }
    }

    /// <summary>
    /// Drivers that may match the device (registered or not), in registration order. The list changes only when a driver
    /// registers or the device's driver_override changes, so it is kept with the device until then (the deferred work
    /// asks again for every pending device on every pass). Callers only read it.
    /// </summary>
    internal List<Driver> CandidateDrivers(Device dev)
    {
        if (dev.Candidates is { } c && c.Registrations == _registrations && ReferenceEquals(c.Override, dev.DriverOverride))
            return c.Drivers;
        var list = FindCandidateDrivers(dev);
        dev.Candidates = new CandidateDriverList(_registrations, dev.DriverOverride, list);
        return list;
    }

    private List<Driver> FindCandidateDrivers(Device dev)
    {
        if (dev.Bus == Pci)
            return _allDrivers.Where(d => d.Bus == Pci).OrderBy(d => d.Registered ? d.RegOrder : int.MaxValue).ToList();
        if (dev.DriverOverride is not null || dev.Node is null || dev.MatchName is not null || NodeOverrideFor(dev) is not null)
            return _allDrivers.Where(d => d.Bus == (dev.Bus == Amba ? Amba : Platform)).OrderBy(d => d.Registered ? d.RegOrder : int.MaxValue).ToList();
        var result = new List<Driver>();
        foreach (var c in dev.Node.Compatible) AddDriversForCompatible(c, result);
        if (dev.Bus == Amba)
            foreach (var d in _ambaDrivers) if (!result.Contains(d)) result.Add(d);
        // i2c_match_id / spi_match_id: drivers whose id table (or, for SPI, name) is the client's modalias
        if ((dev.Bus == I2c || dev.Bus == Spi) && ClientModalias(dev) is { } alias)
            foreach (var d in _allDrivers)
                if (d.Bus == dev.Bus && (d.Spec.BusIds.Contains(alias, StringComparer.Ordinal) || d.Name == alias) && !result.Contains(d)) result.Add(d);
        result.Sort((a, b) => (a.Registered ? a.RegOrder : int.MaxValue).CompareTo(b.Registered ? b.RegOrder : int.MaxValue));
        return result;
    }

    /// <summary>Devices a newly registered driver may match, in add order. Most drivers of a distribution's set match no
    /// device of a board: they get the shared empty list without allocating.</summary>
    private IReadOnlyList<Device> CandidateDevices(Driver drv)
    {
        List<Device>? result = null;
        void Add(Device d) => (result ??= new List<Device>()).Add(d);
        if (drv.Bus == Amba)
        {
            foreach (var d in Amba.Devices) Add(d);
        }
        else if (drv.Bus == Pci)
        {
            foreach (var d in Pci.Devices) Add(d);
        }
        else
        {
            if (_driverFacts?.BoardCompatible[drv.Index] != false)
                foreach (var c in drv.Spec.Compatibles)
                    if (_devicesByCompat.TryGetValue(c, out var list))
                        foreach (var d in list) if (d.Bus != Amba) Add(d);
            // platform_match: by platform_device_id name, or by driver name
            foreach (var d in _platformByName)
                if ((d.MatchName ?? (d.Node is null ? d.Name : null)) is { } pname && (pname == drv.Name || drv.Bus == Platform && drv.Spec.BusIds.Contains(pname, StringComparer.Ordinal)))
                    Add(d);
            if (drv.Bus == I2c || drv.Bus == Spi)
                foreach (var d in drv.Bus.Devices)
                    if (ClientModalias(d) is { } alias && (drv.Spec.BusIds.Contains(alias, StringComparer.Ordinal) || drv.Name == alias)) Add(d);
        }
        foreach (var d in _overridden) Add(d);
        if (DriverSet.NodeOverrides.Count > 0)
            foreach (var d in _devices) if (NodeOverrideFor(d) is not null) Add(d);
        if (result is null) return Array.Empty<Device>();
        if (result.Count == 1) return result;
        // in add order, each device once (a device found by two compatibles, or by compatible and by override)
        result.Sort((a, b) => a.Id.CompareTo(b.Id));
        int kept = 1;
        for (int i = 1; i < result.Count; i++)
            if (!ReferenceEquals(result[i], result[kept - 1])) result[kept++] = result[i];
        result.RemoveRange(kept, result.Count - kept);
        return result;
    }
}
