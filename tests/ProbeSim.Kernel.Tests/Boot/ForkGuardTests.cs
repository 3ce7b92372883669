using System.Collections;
using System.Reflection;
using ProbeSim.DeviceTree.Source;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Iommu;

namespace ProbeSim.Kernel.Tests.Boot;

/// <summary>
/// <see cref="ProbeSim.Kernel.Boot.Kernel.Fork"/> copies every field the state digest lists as digested
/// (<see cref="DigestFields"/> is the checklist): at every registration boundary of random schedules on a board with
/// most of the state in use, the fork's digest is the original's; walked field by field, every digested field of every
/// state object of the fork holds the original's value or its own copy of the original's object (never the original's
/// object itself); a scalar changed in the original before forking shows in the fork; and the fork, resumed, ends
/// where the original ends.
/// </summary>
public class ForkGuardTests
{
    private static readonly Dictionary<Type, HashSet<string>> Digested = StateFields.DigestedByType();

    private static IEnumerable<FieldInfo> DigestedFields(Type t) =>
        StateFields.InstanceFields(t).Where(f => Digested.TryGetValue(t, out var names) && names.Contains(StateFields.Declared(f)));

    /// <summary>A schedule picking at random, calling back at each registration boundary.</summary>
    private sealed class RandomSchedule(int seed, Action<ProbeSim.Kernel.Boot.Kernel, int>? atBoundary = null) : IBootSchedule
    {
        private readonly Random _rng = new(seed);
        private int _boundaries;
        public List<int> Picks { get; } = new();
        public int Choose(ProbeSim.Kernel.Boot.Kernel kernel, ChoiceKind kind, int count, Func<int, string> label, Func<int, int, bool>? commute = null, Func<int, string>? actor = null)
        {
            int p = Picks.Count < Replay.Count ? Math.Min(Replay[Picks.Count], count - 1) : _rng.Next(count);
            Picks.Add(p);
            return p;
        }
        public IReadOnlyList<int> Replay { get; init; } = Array.Empty<int>();
        public int Fault(ProbeSim.Kernel.Boot.Kernel kernel, FaultSite site, Device dev, int attempt) => 0;
        public int? ContextBankLimit(ProbeSim.Kernel.Boot.Kernel kernel, Device iommu) => iommu.Name.Contains("4000") ? 2 : null;
        public bool Active => true;
        public bool LimitsContextBanks => true;
        public void AtBoundary(ProbeSim.Kernel.Boot.Kernel kernel) => atBoundary?.Invoke(kernel, _boundaries++);
    }

    [Fact]
    public void At_every_boundary_the_fork_has_the_original_s_digest_and_every_digested_field()
    {
        var boot = Board();
        int forks = 0;
        for (int seed = 1; seed <= 12; seed++)
        {
            var schedule = new RandomSchedule(seed, (k, n) =>
            {
                var fork = k.Fork(new RandomSchedule(0));
                Assert.NotNull(fork);
                Assert.Equal(k.StateHash(), fork!.StateHash());
                var problems = new List<string>();
                new Walk(problems).Compare(k, fork, "Kernel");
                Assert.True(problems.Count == 0, $"seed {seed}, boundary {n}:\n" + string.Join("\n", problems.Take(30)));
                forks++;
            });
            boot.NewKernel(schedule, quiet: true).Boot();
        }
        Assert.True(forks > 50, $"{forks} boundaries");
    }

    [Fact]
    public void A_fork_resumed_ends_as_the_original_and_leaves_it_alone()
    {
        var boot = Board();
        for (int seed = 1; seed <= 12; seed++)
        {
            // the original's picks, then a fork at a boundary replaying them
            var original = new RandomSchedule(seed);
            var k0 = boot.NewKernel(original);
            k0.Boot();
            int at = seed % 7;
            ProbeSim.Kernel.Boot.Kernel? snapshot = null;
            var replay = new RandomSchedule(0, (k, n) => { if (n == at) snapshot = k.Fork(new RandomSchedule(0)); }) { Replay = original.Picks };
            var k1 = boot.NewKernel(replay);
            k1.Boot();
            Assert.Equal(k0.StateHash(), k1.StateHash());
            if (snapshot is null) continue;
            ulong before = snapshot.StateHash();
            int consumed = replay.Picks.Count;
            // the fork replays the picks made after the boundary
            var fork = snapshot.Fork(new RandomSchedule(0) { Replay = original.Picks });
            Assert.NotNull(fork);
            Assert.Equal(before, snapshot.StateHash());
            _ = consumed;
            var cont = new RandomSchedule(0) { Replay = PicksAfter(original.Picks, boot, at) };
            var k2 = snapshot.Fork(cont)!;
            k2.Resume();
            Assert.Equal(k0.StateHash(), k2.StateHash());
            Assert.Equal(before, snapshot.StateHash());
            Assert.Equal(k0.Log.Select(l => $"{l.TimeUs} {l.Text}"), k2.Log.Select(l => $"{l.TimeUs} {l.Text}"));
            Assert.Equal(k0.Notifiers, k2.Notifiers);
        }
    }

    // the picks a schedule makes from boundary `at` on (those before it were consumed before the boundary)
    private static List<int> PicksAfter(List<int> picks, PreparedBoot boot, int at)
    {
        int before = -1;
        var probe = new RandomSchedule(0, (k, n) => { if (n == at) before = ((RandomSchedule)k.Schedule).Picks.Count; }) { Replay = picks };
        boot.NewKernel(probe, quiet: true).Boot();
        return picks.Skip(before).ToList();
    }

    [Fact]
    public void A_scalar_changed_before_forking_shows_in_the_fork()
    {
        var boot = Board();
        var problems = new List<string>();
        int checkedFields = 0;
        // the kernel, the driver core, the IOMMU core and one object of each state type the board has at a late boundary
        foreach (var (what, pick) in Owners())
        {
            object? probe = null;
            RunToLateBoundary(boot, k => probe = pick(k));
            if (probe is null) { problems.Add($"{what}: no such object at the boundary"); continue; }
            foreach (var f in DigestedFields(probe.GetType()))
            {
                var t = Nullable.GetUnderlyingType(f.FieldType) ?? f.FieldType;
                if (!(t.IsPrimitive || t.IsEnum || t == typeof(string))) continue;
                // the identities the fork maps objects by (a device's id is its place in the device list, a driver's index its place in the driver list)
                if (probe is Device && StateFields.Declared(f) == nameof(Device.Id) || probe is Driver && StateFields.Declared(f) == "Index") continue;
                checkedFields++;
                RunToLateBoundary(boot, k =>
                {
                    var owner = pick(k)!;
                    var v = f.GetValue(owner);
                    f.SetValue(owner, Changed(t, v));
                    var fork = k.Fork(new RandomSchedule(0))!;
                    if (fork.StateHash() != k.StateHash()) problems.Add($"{what}.{StateFields.Declared(f)}: changed in the original, the fork has the old value");
                    f.SetValue(owner, v);
                });
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(checkedFields > 60, $"{checkedFields} fields checked");
    }

    private static object Changed(Type t, object? v)
    {
        if (t == typeof(bool)) return !(bool)v!;
        if (t == typeof(string)) return (v as string ?? "") + "x";
        if (t.IsEnum)
        {
            var values = Enum.GetValues(t).Cast<object>().Where(x => !x.Equals(v)).ToList();
            return values.Count > 0 ? values[0] : Enum.ToObject(t, Convert.ToInt64(v) + 1);
        }
        return Convert.ChangeType((v is null ? 0m : Convert.ToDecimal(v)) + 1, t);
    }

    private static IEnumerable<(string, Func<ProbeSim.Kernel.Boot.Kernel, object?>)> Owners() =>
    [
        ("Kernel", k => k),
        ("DriverModel", k => k.DriverCore),
        ("IommuCore", k => k.IommuCore),
        ("Device", k => k.Devices.FirstOrDefault(d => d.Iommu.Group is not null)),
        ("DeviceDma", k => k.Devices.FirstOrDefault(d => d.Iommu.Group is not null)?.Dma),
        ("DeviceIommu", k => k.Devices.FirstOrDefault(d => d.Iommu.Group is not null)?.Iommu),
        ("IommuFwspec", k => k.Devices.FirstOrDefault(d => d.Iommu.Fwspec is not null)?.Iommu.Fwspec),
        ("Driver", k => k.Devices.FirstOrDefault(d => d.Bound)?.Driver),
        ("BusType", k => k.Platform),
        ("DeviceLink", k => k.DeviceLinks.FirstOrDefault()),
        ("IommuGroup", k => k.IommuGroups.FirstOrDefault()),
        ("IommuDomain", k => k.IommuGroups.FirstOrDefault(g => g.Domain is not null)?.Domain),
        ("IommuInstance", k => k.Iommus.FirstOrDefault()),
    ];

    // a boot of a fixed schedule to its last registration boundary (the late level, after every earlier level ran)
    private static void RunToLateBoundary(PreparedBoot boot, Action<ProbeSim.Kernel.Boot.Kernel> at)
    {
        int count = 0;
        boot.NewKernel(new RandomSchedule(3, (_, _) => count++), quiet: true).Boot();
        try
        {
            boot.NewKernel(new RandomSchedule(3, (k, n) => { if (n == count - 1) { at(k); throw new Stop(); } }), quiet: true).Boot();
        }
        catch (Stop) { }
    }

    private sealed class Stop : Exception;

    /// <summary>The original's state objects and the fork's, field by field (digested fields only).</summary>
    private sealed class Walk(List<string> problems)
    {
        private readonly HashSet<object> _seen = new(ReferenceEqualityComparer.Instance);

        public void Compare(object a, object b, string path)
        {
            if (!_seen.Add(a)) return;
            if (ReferenceEquals(a, b)) { problems.Add($"{path}: the fork shares the original's {a.GetType().Name}"); return; }
            foreach (var f in DigestedFields(a.GetType()))
                Value(f.GetValue(a), f.GetValue(b), $"{path}.{StateFields.Declared(f)}");
        }

        private void Value(object? x, object? y, string path)
        {
            if (x is null || y is null)
            {
                if (x is not null || y is not null) problems.Add($"{path}: {(x is null ? "null" : "set")} in the original, {(y is null ? "null" : "set")} in the fork");
                return;
            }
            var t = x.GetType();
            if (Digested.ContainsKey(t)) { Compare(x, y, path); return; }
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(PriorityQueue<,>))
            {
                int cx = (int)t.GetProperty("Count")!.GetValue(x)!, cy = (int)t.GetProperty("Count")!.GetValue(y)!;
                if (cx != cy) problems.Add($"{path}: {cx} queued in the original, {cy} in the fork");
                return;
            }
            if (x is IEnumerable ex && x is not string)
            {
                var lx = ex.Cast<object?>().ToList();
                var ly = ((IEnumerable)y).Cast<object?>().ToList();
                if (lx.Count != ly.Count) { problems.Add($"{path}: {lx.Count} elements in the original, {ly.Count} in the fork"); return; }
                // sets and maps of state objects: the same insertion order, so the same enumeration order
                for (int i = 0; i < lx.Count; i++) Value(lx[i], ly[i], $"{path}[{i}]");
                return;
            }
            if (t.IsGenericType && t.FullName!.StartsWith("System.ValueTuple", StringComparison.Ordinal) || t.IsGenericType && t.GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
            {
                foreach (var f in t.GetFields(BindingFlags.Instance | BindingFlags.Public)) Value(f.GetValue(x), f.GetValue(y), $"{path}.{f.Name}");
                foreach (var p in t.GetProperties(BindingFlags.Instance | BindingFlags.Public).Where(p => p.GetIndexParameters().Length == 0 && t.GetGenericTypeDefinition() == typeof(KeyValuePair<,>)))
                    Value(p.GetValue(x), p.GetValue(y), $"{path}.{p.Name}");
                return;
            }
            // values, records and inputs: equal (the same input object, or an equal value)
            if (!Equals(x, y)) problems.Add($"{path}: {x} in the original, {y} in the fork");
        }
    }

    // most of the state in use before the late level's registrations: PCI behind an SMMUv3, platform masters of an
    // arm-smmu with two context banks competing, async probes, deferrals waiting for a module, device links, user actions
    private static PreparedBoot Board()
    {
        const string dts = """
            /dts-v1/;
            / { #address-cells = <2>; #size-cells = <2>;
              smmu: iommu@9050000 { compatible = "arm,smmu-v3"; reg = <0x0 0x9050000 0x0 0x20000>; #iommu-cells = <1>; };
              mmu: iommu@4000 { compatible = "arm,mmu-500"; reg = <0x0 0x4000 0x0 0x100>; #iommu-cells = <1>; };
              cru: clock-controller@1000 { compatible = "acme,cru"; reg = <0x0 0x1000 0x0 0x100>; #clock-cells = <1>; };
              uart: serial@2000 { compatible = "acme,uart"; reg = <0x0 0x2000 0x0 0x100>; clocks = <&cru 0>; };
              m0: dma@5000 { compatible = "acme,m0"; reg = <0x0 0x5000 0x0 0x100>; iommus = <&mmu 1>; };
              m1: dma@6000 { compatible = "acme,m1"; reg = <0x0 0x6000 0x0 0x100>; iommus = <&mmu 2>; };
              m2: dma@7000 { compatible = "acme,m2"; reg = <0x0 0x7000 0x0 0x100>; iommus = <&mmu 2>; clocks = <&cru 1>; };
              m3: dma@8000 { compatible = "acme,m3"; reg = <0x0 0x8000 0x0 0x100>; iommus = <&mmu 3>; };
              m4: dma@9000 { compatible = "acme,m4"; reg = <0x0 0x9000 0x0 0x100>; iommus = <&mmu 4>; };
              pcie@10000000 { compatible = "pci-host-ecam-generic"; device_type = "pci"; reg = <0x40 0x10000000 0x0 0x10000000>;
                #address-cells = <3>; #size-cells = <2>; bus-range = <0x0 0xff>; iommu-map = <0x0 &smmu 0x0 0x10000>; };
            };
            """;
        const string scenario = """
            drivers:
              - { compatible: acme,cru, as: module, load-at: 1 }
              - { compatible: acme,uart, probe: [ {defer: 1}, succeed ] }
              - { compatible: acme,m0, async: true }
              - { compatible: acme,m1 }
              - { compatible: acme,m2, async: true }
              - { compatible: acme,m3, initcall: late }
              - { compatible: acme,m4, initcall: late, probe: [ {defer: 1}, succeed ] }
              - { compatible: pci8086,10d3, name: e1000e, bus: pci, pci-ids: ["8086:10d3"], async: true }
            pci:
              host: /pcie@10000000
              devices:
                - { slot: 00.0, id: "1b36:0008", class: 0x060000 }
                - slot: 01.0
                  type: root-port
                  acs: none
                  below:
                    - { slot: 00.0, id: "8086:10d3", class: 0x020000 }
                    - { slot: 00.1, id: "8086:10d3", class: 0x020000 }
            actions:
              - { at: 2, driver-override: 0000:01:00.1, driver: vfio-pci }
              - { at: 3, unbind: 0000:01:00.1 }
              - { at: 4, bind: 0000:01:00.1, driver: vfio-pci }
            """;
        var tree = DtsCompiler.Compile(dts, "fork.dts", new DtsCompileOptions()).Tree;
        return new BootOptions { Profile = "v6.6", Cmdline = "deferred_probe_timeout=30 driver_async_probe=acme-m1" }
            .WithScenario(ScenarioFile.Parse(scenario, "fork.yaml"), profileGiven: true).Prepare(tree, "fork.dts");
    }
}
