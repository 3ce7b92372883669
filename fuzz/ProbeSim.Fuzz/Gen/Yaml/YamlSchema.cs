using ProbeSim.Fuzz.Core;
using ProbeSim.Fuzz.Seeds;

namespace ProbeSim.Fuzz.Gen.Yaml;

/// <summary>
/// The keys of scenario files (docs/scenario-format.md) and PCI topologies (docs/pci-topology.md) by context, and a
/// generator of values for each key: valid ones mostly (names taken from the board, so the checks behind the parser run),
/// with edges and wrong types mixed in.
/// </summary>
public sealed class YamlSchema
{
    public static readonly IReadOnlyDictionary<string, string[]> Contexts = new Dictionary<string, string[]>
    {
        ["scenario"] = ["profile", "cmdline", "set", "modules", "module-autoload-at", "drivers", "nodes", "order", "arch", "pci", "actions"],
        ["driver"] = ["compatible", "name", "bus", "as", "module", "load-at", "initcall", "async", "prevent-deferred-probe", "driver-managed-dma", "amba-id", "amba-mask", "probe", "resources", "populate", "iommu", "pci-ids", "dma-mask", "dma"],
        ["iommu"] = ["register", "context-banks", "group", "of-xlate", "of-declare", "identity", "identity-clients", "shared-arm-mapping"],
        ["dma"] = ["map", "map-sg", "dir", "alloc-coherent", "access", "unmap", "wait"],
        ["node"] = ["path", "driver", "as"],
        ["action"] = ["at", "bind", "unbind", "driver-override", "driver", "load-module", "vfio-set-container", "vfio-open-device", "vfio-unset-container", "iommufd-bind", "iommufd-unbind", "iommu-group-type", "type", "iommu-attach-group", "iommu-attach-device", "iommu-detach-group", "domain"],
        ["probe-step"] = ["fail", "defer", "reason"],
        ["pci"] = ["host", "domain", "root-bus", "last-bus", "reassign-buses", "sysfs-parent", "untrusted-rule", "acs-quirks", "devices"],
        ["pci-device"] = ["slot", "type", "id", "class", "multifunction", "acs", "acs-cap", "acs-ctrl", "external-facing", "quirks", "alias-of", "secondary", "subordinate", "below"],
        ["acs-quirk"] = ["id", "provides"],
    };

    public static readonly IReadOnlyList<string> AllKeys = Contexts.Values.SelectMany(k => k).Distinct().ToList();

    private static readonly string[] Profiles = ["v4.2", "v4.4", "v4.11", "v4.12-rc1", "v4.12", "v4.14", "v4.19", "v5.4", "v5.10", "v5.19", "v6.1", "debian-6.1", "v6.6", "v6.12", "v6.18", "latest", "!v9.9", "!V6.6", "!"];
    private static readonly string[] Switches = ["fw_devlink", "device_links", "deferred_probe_timeout", "check_state", "probe_return", "fw_devlink_bindings", "match_defer", "!nonsense"];
    private static readonly string[] SwitchValues = ["on", "off", "permissive", "rpm", "none", "true", "false", "-1", "0", "10", "v5.10", "zero", "errno", "+clocks", "-iommus", "+nope", "stop", "bogus"];
    private static readonly string[] Cmdlines = ["", "deferred_probe_timeout=-1", "!deferred_probe_timeout=99999999999", "fw_devlink=on", "!fw_devlink=bogus", "fw_devlink.strict=1", "iommu.passthrough=1", "iommu.strict=0", "driver_async_probe=*", "driver_async_probe=probesim-demo-sdhci", "!a=b=c", "!="];
    private static readonly (string, string)[] ValidSets =
    [
        ("fw_devlink", "permissive"), ("fw_devlink", "on"), ("device_links", "true"), ("deferred_probe_timeout", "10"), ("check_state", "v5.10"),
        ("probe_return", "zero"), ("match_defer", "stop"), ("fw_devlink_bindings", "-iommus"), ("late_second_pass", "false"),
    ];
    private static readonly string[] Times = ["0", "0.5", "1", "2.5", "5", "10", "!1e13", "!1e308", "!-1", "!.nan", "!.inf", "never", "1e-9", "3600"];
    private static readonly string[] Initcalls = ["early", "core", "postcore", "arch", "arch_sync", "subsys", "fs", "device", "late", "!pure", "!rootfs"];
    private static readonly string[] Errnos = ["EIO", "-EIO", "5", "-5", "ENOMEM", "-EINVAL", "EPROBE_DEFER", "ENOTSUPP", "ENODEV", "!EFOO", "!0", "4095", "!4096", "!-4096", "517"];
    private static readonly string[] Sizes = ["8K", "4K", "64K", "1M", "1G", "!0", "1", "4096", "16T", "!-4K", "!999999999999999K", "!8Q"];
    private static readonly string[] PciTypes = ["host-bridge", "root-port", "upstream-port", "downstream-port", "endpoint", "legacy-endpoint", "rciep", "pcie-to-pci-bridge", "pci-to-pcie-bridge", "pci-bridge", "pci", "rc-event-collector", "cardbus-bridge", "!switch"];
    private static readonly string[] Slots = ["00.0", "!00.1", "01.0", "!01.1", "02.0", "!1f.7", "3", "3.0", "04.0", "!20.0", "!00.8", "!x", "!0.0.0", "!-1.0", "!ff.f"];
    private static readonly string[] AcsFlags = ["SV", "TB", "RR", "CR", "UF", "EC", "DT", "!XX"];
    private static readonly string[] Hosts = ["/soc/pcie@40000000", "/soc/pcie@40000000", "!/pcie@10000000", "!/", "!/soc", "!/no/such", "!", "!pcie", "!/soc/pcie@40000000/"];

    private readonly BoardFacts _board;
    private readonly bool _gentle;

    /// <param name="gentle">Only values meant to be accepted (a value list's entries marked '!' are the invalid ones), no edges or wrong types.</param>
    public YamlSchema(BoardFacts board, bool gentle = false)
    {
        _board = board;
        _gentle = gentle;
    }

    /// <summary>The context whose keys a map has most of.</summary>
    public static string ContextOf(YMap m, string fallback)
    {
        var keys = m.Entries.Select(e => e.KeyText).ToHashSet();
        var best = Contexts.MaxBy(c => c.Value.Count(keys.Contains));
        return best.Value.Any(keys.Contains) ? best.Key : fallback;
    }

    private static YScalar S(string v, YStyle style = YStyle.Plain) => new(v, style);

    private static YSeq FlowSeq(IEnumerable<YNode> items) => new(items, flow: true);

    /// <summary>One of <paramref name="values"/> (entries marked '!' are invalid: left out when gentle), or now and then an edge value.</summary>
    public YNode Scalar(Rng rng, IReadOnlyList<string> values)
    {
        if (_gentle) return S(rng.Pick(values.Where(v => !v.StartsWith('!')).ToList()));
        if (rng.OneIn(8)) return S(rng.Pick(Interesting.YamlScalars), rng.OneIn(3) ? YStyle.Double : YStyle.Plain);
        return S(rng.Pick(values).TrimStart('!'));
    }

    /// <summary>A value for <paramref name="key"/>; <paramref name="depth"/> bounds nested devices and lists.</summary>
    public YNode Value(Rng rng, string key, int depth = 0)
    {
        bool deep = depth > 3;
        switch (key)
        {
            case "profile": return Scalar(rng, Profiles);
            case "cmdline": return S(string.Join(' ', Enumerable.Range(0, rng.Range(1, 3)).Select(_ => ((YScalar)Scalar(rng, Cmdlines)).Value)), YStyle.Double);
            case "set":
                var set = new YMap(flow: rng.OneIn(2));
                for (int i = rng.Range(0, 3); i > 0; i--)
                {
                    if (_gentle)
                    {
                        var (name, value) = rng.Pick(ValidSets);
                        if (set.Get(name) is null) set.Add(name, S(value));
                    }
                    else set.Add(((YScalar)Scalar(rng, Switches)).Value, S(rng.Pick(SwitchValues)));
                }
                return set;
            case "modules": case "async": case "prevent-deferred-probe": case "driver-managed-dma": case "resources": case "populate":
            case "register": case "of-xlate": case "of-declare": case "identity": case "shared-arm-mapping": case "multifunction":
            case "external-facing": case "reassign-buses":
                return Scalar(rng, ["true", "false", "True", "FALSE"]);
            case "module-autoload-at": case "load-at": case "at": case "wait":
                return key switch
                {
                    "wait" => Scalar(rng, ["10ms", "1s", "5us", "!0", "!-1ms", "!1e13s", "!never"]),
                    "at" => Scalar(rng, Times.Select(t => t == "never" ? "!never" : t).ToList()),
                    _ => Scalar(rng, Times),
                };
            case "drivers": return deep ? new YSeq() : new YSeq(Enumerable.Range(0, rng.Range(1, 3)).Select(_ => Map(rng, "driver", depth + 1)), rng.OneIn(4));
            case "compatible":
                return rng.OneIn(3) ? FlowSeq(Enumerable.Range(0, rng.Range(1, 3)).Select(_ => (YNode)S(rng.Pick(_board.Compatibles)))) : Scalar(rng, [.. _board.Compatibles, "acme,new-device", "arm,pl011", "arm,sp805"]);
            case "name": case "driver": return Scalar(rng, _board.Drivers);
            case "bus": return Scalar(rng, ["platform", "amba", "pci", "!i2c"]);
            case "as": return Scalar(rng, ["built-in", "module", "absent", "!builtin"]);
            case "module": case "load-module": return Scalar(rng, _board.Modules);
            case "initcall": return Scalar(rng, Initcalls);
            case "amba-id": case "amba-mask": return Scalar(rng, ["0x00041011", "0x000fffff", "0xffffffff", "!0x100000000", "41011", "!0x", "!-1"]);
            case "probe": return Probe(rng, depth);
            case "fail": return Scalar(rng, Errnos);
            case "defer": return Scalar(rng, ["1", "2", "!0", "!-1", "1000000", "!2147483648"]);
            case "reason": return S(!_gentle && rng.OneIn(6) ? Interesting.Huge(rng, 'r') : "failed to get clock", YStyle.Double);
            case "iommu":
                return rng.OneIn(2) ? Scalar(rng, ["register", "no-register"]) : Map(rng, "iommu", depth + 1);
            case "context-banks": return Scalar(rng, ["0", "1", "8", "128", "!-1", "!2147483648"]);
            case "group": return Scalar(rng, ["per-device", "per-instance", "stream-id"]);
            case "identity-clients": return FlowSeq(Enumerable.Range(0, rng.Range(0, 2)).Select(_ => (YNode)S(rng.Pick(_board.Compatibles))));
            case "pci-ids": return FlowSeq(Enumerable.Range(0, rng.Range(1, 3)).Select(_ => Scalar(rng, ["8086:10d3", "1af4:*", "class:060400", "!class:0604", "!zzzz:0000", "!8086", "!*:*", "!class:"])));
            case "dma-mask": return Scalar(rng, ["32", "64", "!0", "!65", "!-1", "24"]);
            case "dma": return deep ? new YSeq() : new YSeq(Enumerable.Range(0, rng.Range(1, 4)).Select(_ => DmaStep(rng)), rng.OneIn(2));
            case "map": case "alloc-coherent": return Scalar(rng, Sizes);
            case "map-sg": return FlowSeq(Enumerable.Range(0, rng.Range(0, 3)).Select(_ => Scalar(rng, Sizes)));
            case "dir": return Scalar(rng, ["to-device", "from-device", "bidirectional", "!none"]);
            case "access": case "unmap": return Scalar(rng, ["last", "all", "!first"]);
            case "nodes": return deep ? new YSeq() : new YSeq(Enumerable.Range(0, rng.Range(1, 2)).Select(_ => Map(rng, "node", depth + 1)));
            case "path": return Scalar(rng, [.. _board.Paths, "!/no/such", "!relative", "!"]);
            case "order": return FlowSeq(Enumerable.Range(0, rng.Range(1, 3)).Select(_ => Scalar(rng, _board.Drivers)));
            case "arch": return Scalar(rng, ["arm", "arm64", "!riscv"]);
            case "pci": return Map(rng, "pci", depth + 1);
            case "actions": return deep ? new YSeq() : new YSeq(Enumerable.Range(0, rng.Range(1, 3)).Select(_ => Action(rng)));
            case "bind": case "unbind": case "driver-override": case "vfio-set-container": case "vfio-open-device": case "vfio-unset-container":
            case "iommufd-bind": case "iommufd-unbind": case "iommu-group-type": case "iommu-attach-group": case "iommu-attach-device": case "iommu-detach-group":
                return Scalar(rng, _board.DeviceRefs);
            case "type": return Scalar(rng, [.. PciTypes, "!identity", "!DMA", "!DMA-FQ", "!auto"]);
            case "domain": return Scalar(rng, ["drm", "0", "0xffff", "!0x10000", "!-1"]);
            case "host": return Scalar(rng, Hosts);
            case "root-bus": case "last-bus": case "secondary": case "subordinate":
                return Scalar(rng, ["0", "1", "2", "0x10", "0xff", "!0x100", "!-1", "255", "!256"]);
            case "sysfs-parent": return Scalar(rng, ["/sys/devices", "/sys/devices/platform/40000000.pcie", "!relative", "!/"]);
            case "untrusted-rule": return Scalar(rng, ["external-facing-parent", "arch-removable", "!never"]);
            case "acs-quirks": return FlowSeq(Enumerable.Range(0, rng.Range(0, 2)).Select(_ => Map(rng, "acs-quirk", depth + 1)));
            case "devices": case "below":
                if (deep) return new YSeq();
                var functions = Enumerable.Range(0, rng.Range(0, 3)).Select(_ => Map(rng, "pci-device", depth + 1)).ToList();
                // one function per slot when gentle (a slot given twice is an error)
                if (_gentle) functions = functions.GroupBy(f => (f.Get("slot") as YScalar)?.Value ?? "").Select(g => g.First()).ToList();
                return new YSeq(functions, rng.OneIn(3));
            case "slot": return Scalar(rng, Slots);
            case "id": return Scalar(rng, ["8086:10d3", "1b36:0008", "1af4:1041", "ffff:ffff", "0000:0000", "!8086:*", "!8086", "!zz:zz"]) is YScalar s ? S(s.Value, YStyle.Double) : S("");
            case "class": return Scalar(rng, ["0x060000", "0x060400", "060400", "0x020000", "0x010802", "0x080700", "0x060700", "!0x1000000", "!zz"]);
            case "acs": case "acs-cap": case "acs-ctrl": case "provides":
                return rng.OneIn(5) ? Scalar(rng, [key == "acs" ? "none" : "!none", key == "acs" ? "!0x1f" : "0x1f", "!0xffff"]) : FlowSeq(Enumerable.Range(0, rng.Range(0, 4)).Select(_ => Scalar(rng, AcsFlags)));
            case "quirks": return FlowSeq(Enumerable.Range(0, rng.Range(0, 2)).Select(_ => Scalar(rng, ["pcie-bridge-alias", "bridge-xlate-root", "!nope"])));
            case "alias-of": return FlowSeq(Enumerable.Range(0, rng.Range(0, 2)).Select(_ => Scalar(rng, Slots)));
            default: return _gentle ? S("1") : S(rng.Pick(Interesting.YamlScalars));
        }
    }

    /// <summary>One item of the list that <paramref name="key"/> holds (a driver of drivers, an action of actions, ...); for a key that holds no list, its value.</summary>
    public YNode Item(Rng rng, string key)
    {
        for (int i = 0; i < 4; i++)
            if (Value(rng, key) is var v && (v is not YSeq q || q.Items.Count > 0)) return v is YSeq s ? s.Items[0] : v;
        return S("1");
    }

    /// <summary>A map of <paramref name="context"/> with a few of its keys (the required ones mostly present).</summary>
    public YMap Map(Rng rng, string context, int depth)
    {
        var m = new YMap(flow: rng.OneIn(3));
        var keys = Contexts[context];
        string[] required = context switch
        {
            "driver" => ["compatible"],
            "node" => ["path", rng.OneIn(2) ? "driver" : "as"],
            "pci-device" => ["slot"],
            "acs-quirk" => ["id", "provides"],
            _ => [],
        };
        foreach (var k in required) if (_gentle || !rng.OneIn(10)) m.Add(k, Value(rng, k, depth));
        for (int i = rng.Range(0, 3); i > 0; i--)
        {
            var k = rng.Pick(keys);
            if (m.Get(k) is null) m.Add(k, Value(rng, k, depth));
        }
        if (m.Flow && m.Entries.Any(e => e.Value is YMap { Flow: false } or YSeq { Flow: false })) m.Flow = false;
        return m;
    }

    private YNode Probe(Rng rng, int depth)
    {
        YNode Step() => rng.Next(4) switch
        {
            0 => S("succeed"),
            1 => S("defer"),
            2 => new YMap(flow: true).Add("fail", Value(rng, "fail")),
            _ => new YMap(flow: true).Add("defer", Value(rng, "defer")).Add("reason", Value(rng, "reason")),
        };
        return rng.OneIn(3) && depth < 4 ? new YSeq(Enumerable.Range(0, rng.Range(0, 4)).Select(_ => Step()), flow: true) : Step();
    }

    private YNode DmaStep(Rng rng)
    {
        var key = rng.Pick(Contexts["dma"]);
        var m = new YMap(flow: true).Add(key, Value(rng, key));
        if (key is "map" && rng.OneIn(2)) m.Add("dir", Value(rng, "dir"));
        return m;
    }

    private YNode Action(Rng rng)
    {
        var verbs = Contexts["action"].Where(k => k is not ("at" or "driver" or "type" or "domain")).ToList();
        var verb = rng.Pick(verbs);
        var m = new YMap(flow: !rng.OneIn(4)).Add("at", Value(rng, "at")).Add(verb, Value(rng, verb));
        if (verb is "bind" or "driver-override" || rng.OneIn(6)) m.Add("driver", Value(rng, "driver"));
        if (verb == "iommu-group-type") m.Add("type", Scalar(rng, ["identity", "DMA", "DMA-FQ", "auto", "!blocked"]));
        if (verb.StartsWith("iommu-", StringComparison.Ordinal) && verb != "iommu-group-type") m.Add("domain", Value(rng, "domain"));
        return m;
    }
}
