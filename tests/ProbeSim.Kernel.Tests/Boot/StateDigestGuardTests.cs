using System.Collections;
using System.Reflection;
using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Source;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Dma;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Iommu;
using ProbeSim.Kernel.Of;
using ProbeSim.Kernel.Pci;
using ProbeSim.Kernel.Providers;

namespace ProbeSim.Kernel.Tests.Boot;

/// <summary>
/// The state digest has one definition: each state-owning type digests its own fields and lists the ones it leaves out,
/// with why (<see cref="DigestFields"/>). These tests keep that true: a field in neither list, a mutable type reached
/// through a digested field without a list of its own, or a field listed as digested whose change the digest does not
/// see, fails here.
/// </summary>
public class StateDigestGuardTests
{
    private static readonly Assembly KernelAssembly = StateFields.KernelAssembly;

    private static string Declared(FieldInfo f) => StateFields.Declared(f);

    private static IEnumerable<FieldInfo> InstanceFields(Type t) => StateFields.InstanceFields(t);

    private static Dictionary<Type, HashSet<string>> DigestedByType() => StateFields.DigestedByType();

    [Fact]
    public void Every_field_of_a_state_owning_type_is_digested_or_exempt_with_a_reason()
    {
        var problems = new List<string>();
        foreach (var g in ProbeSim.Kernel.Boot.Kernel.DigestParts.GroupBy(p => p.Type))
        {
            var fields = InstanceFields(g.Key).Select(Declared).ToHashSet();
            var listed = new Dictionary<string, int>();
            foreach (var part in g)
            {
                foreach (var n in part.Digested) listed[n] = listed.GetValueOrDefault(n) + 1;
                foreach (var (n, why) in part.Exempt)
                {
                    listed[n] = listed.GetValueOrDefault(n) + 1;
                    if (string.IsNullOrWhiteSpace(why)) problems.Add($"{g.Key.Name}.{n}: exempt without a reason");
                }
            }
            foreach (var f in fields.Order(StringComparer.Ordinal))
                if (!listed.ContainsKey(f))
                    problems.Add($"{g.Key.Name}.{f}: neither digested nor exempt (digest it in the type's Digest method and list it, or exempt it with the reason)");
            foreach (var (n, count) in listed)
            {
                if (!fields.Contains(n)) problems.Add($"{g.Key.Name}.{n}: listed, but the type has no such field");
                if (count > 1) problems.Add($"{g.Key.Name}.{n}: listed {count} times");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_mutable_type_a_digested_field_reaches_has_its_own_list()
    {
        var digested = DigestedByType();
        var problems = new List<string>();
        var seen = new HashSet<Type>();
        var queue = new Queue<(Type Type, string Path)>();
        queue.Enqueue((typeof(ProbeSim.Kernel.Boot.Kernel), "Kernel"));
        while (queue.TryDequeue(out var item))
        {
            if (!seen.Add(item.Type)) continue;
            foreach (var f in InstanceFields(item.Type))
            {
                // an exempt field is left out of the digest, and so is whatever it reaches
                if (!digested[item.Type].Contains(Declared(f))) continue;
                foreach (var t in KernelTypesIn(f.FieldType))
                {
                    if (digested.ContainsKey(t)) queue.Enqueue((t, $"{item.Path}.{Declared(f)}"));
                    else if (MutableField(t, new HashSet<Type>()) is { } why)
                        problems.Add($"{item.Path}.{Declared(f)}: {t.Name} can change ({why}) but lists no fields of its own (give it a DigestFields in Kernel.DigestParts)");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // every classified type is reached from the kernel
        Assert.Empty(digested.Keys.Where(t => !seen.Contains(t)).Select(t => t.Name));
    }

    // the model's own types in a field's type, with the concrete types of an abstract one
    private static IEnumerable<Type> KernelTypesIn(Type t)
    {
        if (t.IsArray) { foreach (var x in KernelTypesIn(t.GetElementType()!)) yield return x; yield break; }
        if (t.IsGenericType)
            foreach (var a in t.GetGenericArguments())
                foreach (var x in KernelTypesIn(a)) yield return x;
        if (t.Assembly != KernelAssembly || t.IsEnum || t.IsGenericParameter) yield break;
        yield return t;
        if (t.IsAbstract)
            foreach (var sub in KernelAssembly.GetTypes().Where(s => !s.IsAbstract && t.IsAssignableFrom(s)))
                yield return sub;
    }

    // a field of the type (or of a type it holds) that can be set after it is made, or null when it is a value
    private static string? MutableField(Type t, HashSet<Type> visiting)
    {
        if (!visiting.Add(t)) return null;
        foreach (var f in InstanceFields(t))
        {
            // a struct is copied into its owner: only what it holds matters
            if (!t.IsValueType && !f.IsInitOnly) return $"{t.Name}.{Declared(f)} is settable";
            foreach (var inner in KernelTypesIn(f.FieldType))
                if (MutableField(inner, visiting) is { } why) return why;
            if (f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition() is var def &&
                (def == typeof(List<>) || def == typeof(Dictionary<,>) || def == typeof(HashSet<>)))
                return $"{t.Name}.{Declared(f)} is a mutable collection";
        }
        return null;
    }

    // --- a digested field's change shows in the digest

    /// <summary>A fresh object of each state-owning type, its fields' changes one at a time.</summary>
    [Fact]
    public void Changing_any_digested_field_of_a_fresh_object_changes_its_digest()
    {
        var k = Rich().NewKernel();
        k.Boot();
        var problems = new List<string>();
        int checkedFields = 0;
        foreach (var (type, names) in DigestedByType())
        {
            if (SubsystemTypes.Any(s => s.Type == type)) continue;
            // one object per attempt, made alike (the same samples in the same order), digested once
            object Fresh() => new Samples(k, 0).Of(type)!;
            ulong baseline = DigestOf(Fresh());
            Assert.Equal(baseline, DigestOf(Fresh()));
            foreach (var f in InstanceFields(type).Where(f => names.Contains(Declared(f))))
            {
                checkedFields++;
                if (!Changes(f, () => (Fresh(), k), (o, _) => DigestOf(o), baseline))
                    problems.Add($"{type.Name}.{Declared(f)}: listed as digested, but no change of it changes {type.Name}'s digest");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(checkedFields > 100, $"{checkedFields} fields checked");
    }

    /// <summary>The kernel and its subsystem objects: their fields are checked on a booted kernel, not on a fresh object.</summary>
    private static readonly (Type Type, Func<ProbeSim.Kernel.Boot.Kernel, object> Owner)[] SubsystemTypes =
    [
        (typeof(ProbeSim.Kernel.Boot.Kernel), k => k),
        (typeof(DriverModel), k => k.DriverCore),
        (typeof(OfPlatform), k => k.OfPlatform),
        (typeof(ProviderCore), k => k.Providers),
        (typeof(PciCore), k => k.PciCore),
        (typeof(DmaMapping), k => k.DmaMapping),
        (typeof(IommuCore), k => k.IommuCore),
    ];

    /// <summary>The kernel's own fields and its subsystems', on a booted kernel of a board with most of them in use.</summary>
    [Fact]
    public void Changing_any_digested_field_of_a_booted_kernel_changes_its_digest()
    {
        var boot = Rich();
        var problems = new List<string>();
        ulong baseline = Booted(boot).StateHash();
        Assert.Equal(baseline, Booted(boot).StateHash());
        foreach (var (type, owner) in SubsystemTypes)
        {
            var names = DigestedByType()[type];
            foreach (var f in InstanceFields(type).Where(f => names.Contains(Declared(f))))
            {
                (object, ProbeSim.Kernel.Boot.Kernel) Fresh()
                {
                    var k = Booted(boot);
                    return (owner(k), k);
                }
                if (!Changes(f, Fresh, (_, k) => k.StateHash(), baseline))
                    problems.Add($"{type.Name}.{Declared(f)}: listed as digested, but no change of it changes Kernel.StateHash");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void A_quiet_kernel_ends_with_the_digest_of_a_loud_one()
    {
        var boot = Rich();
        var loud = boot.NewKernel();
        loud.Boot();
        var quiet = boot.NewKernel(quiet: true);
        quiet.Boot();
        Assert.Equal(loud.StateHash(), quiet.StateHash());
    }

    private static ProbeSim.Kernel.Boot.Kernel Booted(PreparedBoot boot)
    {
        var k = boot.NewKernel(quiet: true);
        k.Boot();
        return k;
    }

    // whether some change of the field (in a fresh owner each time) gives another digest than the baseline
    private static bool Changes(FieldInfo f, Func<(object Owner, ProbeSim.Kernel.Boot.Kernel Kernel)> fresh,
        Func<object, ProbeSim.Kernel.Boot.Kernel, ulong> digest, ulong baseline)
    {
        for (int attempt = 0; ; attempt++)
        {
            var (owner, k) = fresh();
            if (!Mutate(owner, f, attempt, new Samples(k, 9000 + 100 * attempt))) return false;
            try
            {
                if (digest(owner, k) != baseline) return true;
            }
            catch (TargetInvocationException e) when (e.InnerException is NullReferenceException) { }
            catch (NullReferenceException) { }
        }
    }

    private static ulong DigestOf(object o)
    {
        var t = o.GetType();
        var args = new object?[] { new StateDigest(), null };
        var instance = t.GetMethod("Digest", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, [typeof(StateDigest).MakeByRefType()]);
        if (instance is not null)
        {
            var a = new object?[] { new StateDigest() };
            instance.Invoke(o, a);
            return ((StateDigest)a[0]!).Value;
        }
        var stat = t.GetMethod("Digest", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public, [typeof(StateDigest).MakeByRefType(), t])
            ?? throw new InvalidOperationException($"{t.Name} has no Digest(ref StateDigest) or static Digest(ref StateDigest, {t.Name})");
        args[1] = o;
        stat.Invoke(null, args);
        return ((StateDigest)args[0]!).Value;
    }

    /// <summary>
    /// The attempt-th change of a field: a scalar to another value; a collection cleared or given one more element; a
    /// reference to another object, to null, or (for an object of a listed type) one of its own digested fields changed.
    /// False when there is no such attempt.
    /// </summary>
    private static bool Mutate(object owner, FieldInfo f, int attempt, Samples s)
    {
        var t = f.FieldType;
        var current = f.GetValue(owner);
        var changes = new List<Action>();
        var under = Nullable.GetUnderlyingType(t);
        if (t == typeof(bool)) changes.Add(() => f.SetValue(owner, !(bool)current!));
        else if ((under ?? t).IsPrimitive || (under ?? t).IsEnum || t == typeof(string))
        {
            if (current is not null) changes.Add(() => f.SetValue(owner, s.Other(under ?? t, current)));
            if (current is not null && (under is not null || !t.IsValueType)) changes.Add(() => f.SetValue(owner, null));
            if (current is null) changes.Add(() => f.SetValue(owner, s.Of(under ?? t)));
        }
        else if (t == typeof(StateDigest)) changes.Add(() => f.SetValue(owner, s.Of(t)));
        else if (current is Array array)
        {
            var longer = Array.CreateInstance(array.GetType().GetElementType()!, array.Length + 1);
            Array.Copy(array, longer, array.Length);
            longer.SetValue(s.Of(array.GetType().GetElementType()!), array.Length);
            changes.Add(() => f.SetValue(owner, longer));
            if (array is bool[] { Length: > 0 } bits) changes.Add(() => bits[0] = !bits[0]);
        }
        else if (current is not null && IsCollection(current.GetType()))
        {
            changes.Add(() => AddSample(current, s));
            if (Count(current) > 0) changes.Add(() => current.GetType().GetMethod("Clear")!.Invoke(current, null));
        }
        else
        {
            // a reference: another object, none, or a change inside it
            changes.Add(() => f.SetValue(owner, s.Of(current?.GetType() ?? t)));
            if (current is not null) changes.Add(() => f.SetValue(owner, null));
            if (current is not null && DigestedByType().TryGetValue(current.GetType(), out var inner))
                foreach (var g in InstanceFields(current.GetType()).Where(g => inner.Contains(Declared(g))))
                    for (int i = 0; i < 4; i++)
                    {
                        int n = i;
                        changes.Add(() => Mutate(current, g, n, s));
                    }
        }
        if (attempt >= changes.Count) return false;
        // a change that cannot be made (no sample of that type) changes nothing
        try { changes[attempt](); }
        catch (Exception e) when (e is TargetInvocationException or ArgumentException or InvalidOperationException or NullReferenceException or MissingMethodException) { }
        return true;
    }

    private static bool IsCollection(Type t) => t.IsGenericType && t.GetGenericTypeDefinition() is var d &&
        (d == typeof(List<>) || d == typeof(LinkedList<>) || d == typeof(HashSet<>) || d == typeof(Dictionary<,>) || d == typeof(PriorityQueue<,>));

    private static int Count(object c) => (int)c.GetType().GetProperty("Count")!.GetValue(c)!;

    private static void AddSample(object c, Samples s)
    {
        var t = c.GetType();
        var args = t.GetGenericArguments();
        var d = t.GetGenericTypeDefinition();
        if (d == typeof(Dictionary<,>)) t.GetMethod("Add")!.Invoke(c, [s.Of(args[0]), s.Of(args[1])]);
        else if (d == typeof(PriorityQueue<,>)) t.GetMethod("Enqueue")!.Invoke(c, [s.Of(args[0]), s.Of(args[1])]);
        else if (d == typeof(LinkedList<>)) t.GetMethod("AddLast", [args[0]])!.Invoke(c, [s.Of(args[0])]);
        else t.GetMethod("Add")!.Invoke(c, [s.Of(args[0])]);
    }

    /// <summary>Values of any type the digested fields hold, made alike from the same start.</summary>
    private sealed class Samples(ProbeSim.Kernel.Boot.Kernel k, int start)
    {
        private int _n = start;
        private readonly List<DtNode> _nodes = k.Tree.AllNodes.ToList();

        public object Other(Type t, object current)
        {
            if (t == typeof(string)) return (string)current + "x";
            if (t.IsEnum)
            {
                var values = Enum.GetValues(t).Cast<object>().Where(v => !v.Equals(current)).ToList();
                return values.Count > 0 ? values[0] : Enum.ToObject(t, Convert.ToInt64(current) + 1);
            }
            return Convert.ChangeType(Convert.ToDecimal(current) + 1, t);
        }

        private int _depth;

        public object? Of(Type t)
        {
            // a sample's references go three deep (a device's parent's parent has none)
            if (_depth > 3 && !t.IsValueType && t != typeof(string)) return null;
            _depth++;
            try { return Make(t); }
            finally { _depth--; }
        }

        private object? Make(Type t)
        {
            int n = ++_n;
            if (Nullable.GetUnderlyingType(t) is { } u) return Of(u);
            if (t == typeof(bool)) return true;
            if (t.IsEnum)
            {
                var values = Enum.GetValues(t);
                return values.GetValue(values.Length - 1 - n % Math.Max(1, values.Length - 1));
            }
            if (t.IsPrimitive) return Convert.ChangeType(n % 200 + 1, t);
            if (t == typeof(string)) return $"sample{n}";
            if (t == typeof(object)) return new object();
            if (t == typeof(Action)) return new Action(() => { });
            if (t == typeof(DtNode)) return _nodes[n % _nodes.Count];
            if (t == typeof(StateDigest)) { var d = new StateDigest(); d.Add(n); return d; }
            if (t == typeof(DriverSpec)) return new DriverSpec { Name = $"sample{n}" };
            if (t == typeof(Driver)) return new Driver((DriverSpec)Of(typeof(DriverSpec))!, k.Platform) { Index = n };
            if (t == typeof(IommuDriverTraits)) return new IommuDriverTraits();
            if (t == typeof(FwNode)) return new FwNode((DtNode)Of(typeof(DtNode))!) { LinksAdded = true };
            if (t.IsArray) { var a = Array.CreateInstance(t.GetElementType()!, 1); a.SetValue(Of(t.GetElementType()!), 0); return a; }
            if (t.IsGenericType && IsCollection(t)) { var c = Activator.CreateInstance(t)!; AddSample(c, this); return c; }
            if (t.IsInterface && t.IsGenericType) return Of(typeof(List<>).MakeGenericType(t.GetGenericArguments()));
            if (t.IsAbstract) t = KernelAssembly.GetTypes().Where(s => !s.IsAbstract && t.IsAssignableFrom(s)).OrderBy(s => s.Name, StringComparer.Ordinal).First();
            // the first constructor, with samples for its parameters (records, tuples and the model's classes alike)
            var ctor = t.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
            if (ctor is null) return Activator.CreateInstance(t);
            return ctor.Invoke(ctor.GetParameters().Select(p => Of(p.ParameterType)).ToArray());
        }
    }

    // --- a board that puts most of the kernel's state to use: PCI behind an SMMUv3, async probes, deferrals, DMA,
    // device links, modules, user actions

    private static PreparedBoot Rich()
    {
        const string dts = """
            /dts-v1/;
            / { #address-cells = <2>; #size-cells = <2>;
              smmu: iommu@9050000 { compatible = "arm,smmu-v3"; reg = <0x0 0x9050000 0x0 0x20000>; #iommu-cells = <1>; };
              cru: clock-controller@1000 { compatible = "acme,cru"; reg = <0x0 0x1000 0x0 0x100>; #clock-cells = <1>; };
              uart: serial@2000 { compatible = "acme,uart"; reg = <0x0 0x2000 0x0 0x100>; clocks = <&cru 0>; };
              dma: dma@3000 { compatible = "acme,dmac"; reg = <0x0 0x3000 0x0 0x100>; iommus = <&smmu 3>; clocks = <&cru 1>; };
              pcie@10000000 { compatible = "pci-host-ecam-generic"; device_type = "pci"; reg = <0x40 0x10000000 0x0 0x10000000>;
                #address-cells = <3>; #size-cells = <2>; bus-range = <0x0 0xff>; iommu-map = <0x0 &smmu 0x0 0x10000>; };
            };
            """;
        const string scenario = """
            drivers:
              - { compatible: acme,cru, as: module, load-at: 1 }
              - { compatible: acme,uart, probe: [ {defer: 1}, succeed ] }
              - { compatible: acme,dmac, async: true, dma: [ { map: 8K }, { access: last } ] }
              - { compatible: pci8086,10d3, name: e1000e, bus: pci, pci-ids: ["8086:10d3"], async: true,
                  dma: [ { alloc-coherent: 16K }, { access: all } ] }
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
              - { at: 5, iommu-attach-group: 3000.dma, domain: drm }
            """;
        var tree = DtsCompiler.Compile(dts, "rich.dts", new DtsCompileOptions()).Tree;
        return new BootOptions { Profile = "v6.6", Cmdline = "deferred_probe_timeout=30" }
            .WithScenario(ScenarioFile.Parse(scenario, "rich.yaml"), profileGiven: true).Prepare(tree, "rich.dts");
    }
}
