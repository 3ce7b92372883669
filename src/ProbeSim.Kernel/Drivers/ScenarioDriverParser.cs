using System.Collections.Frozen;
using ProbeSim.DeviceTree.Model;
using YamlDotNet.RepresentationModel;

namespace ProbeSim.Kernel.Drivers;

/// <summary>Parses one <c>drivers:</c> entry of a scenario file (keys documented on <see cref="ScenarioFile"/>).</summary>
internal static class ScenarioDriverParser
{
    private static readonly string[] Keys =
    {
        "compatible", "name", "bus", "as", "module", "load-at", "initcall", "async", "prevent-deferred-probe",
        "driver-managed-dma", "amba-id", "amba-mask", "probe", "resources", "populate", "iommu", "pci-ids", "dma-mask", "dmam-alloc", "dma",
    };

    internal static readonly FrozenDictionary<string, DriverAvailability> AvailabilityWords = new Dictionary<string, DriverAvailability>
    {
        ["built-in"] = DriverAvailability.BuiltIn,
        ["module"] = DriverAvailability.Module,
        ["absent"] = DriverAvailability.Absent,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, DriverBus> BusWords = new Dictionary<string, DriverBus>
    {
        ["platform"] = DriverBus.Platform,
        ["amba"] = DriverBus.Amba,
        ["pci"] = DriverBus.Pci,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, InitcallLevel> LevelWords = new Dictionary<string, InitcallLevel>
    {
        ["early"] = InitcallLevel.Early,
        ["core"] = InitcallLevel.Core,
        ["postcore"] = InitcallLevel.Postcore,
        ["arch"] = InitcallLevel.Arch,
        ["arch_sync"] = InitcallLevel.ArchSync,
        ["subsys"] = InitcallLevel.Subsys,
        ["fs"] = InitcallLevel.Fs,
        ["device"] = InitcallLevel.Device,
        ["late"] = InitcallLevel.Late,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static ScenarioDriverEntry Parse(ScenarioYaml yaml, YamlNode node)
    {
        var map = yaml.Mapping(node, "a drivers entry");
        IReadOnlyList<string>? compatibles = null;
        string? name = null, module = null;
        DriverBus? bus = null;
        DriverAvailability? availability = null;
        ScenarioTime? loadAt = null;
        InitcallLevel? level = null;
        bool? async = null, prevent = null, managedDma = null, resources = null, populate = null;
        IommuDriverSpec? iommu = null;
        IReadOnlyList<PciId>? pciIds = null;
        int? dmaMask = null;
        ulong? dmam = null;
        IReadOnlyList<DmaStep>? dma = null;
        uint? ambaId = null, ambaMask = null;
        YamlNode? ambaMaskKey = null;
        IReadOnlyList<ProbeStep>? probe = null;
        SourceLocation? moduleAt = null, loadAtAt = null, ambaIdAt = null;

        foreach (var (key, keyNode, value) in yaml.Entries(map, "drivers entry", Keys))
        {
            switch (key)
            {
                case "compatible": compatibles = yaml.StringOrList(value, "compatible"); break;
                case "name": name = yaml.NonEmpty(value, "name"); break;
                case "bus": bus = yaml.Choice(value, "bus", BusWords); break;
                case "as": availability = yaml.Choice(value, "as", AvailabilityWords); break;
                case "module": module = yaml.NonEmpty(value, "module"); moduleAt = yaml.At(keyNode); break;
                case "load-at": loadAt = new ScenarioTime(yaml.Seconds(value, "load-at", allowNever: true)); loadAtAt = yaml.At(keyNode); break;
                case "initcall": level = yaml.Choice(value, "initcall level", LevelWords); break;
                case "async": async = yaml.Bool(value, "async"); break;
                case "prevent-deferred-probe": prevent = yaml.Bool(value, "prevent-deferred-probe"); break;
                case "driver-managed-dma": managedDma = yaml.Bool(value, "driver-managed-dma"); break;
                case "amba-id": ambaId = yaml.UInt32(value, "amba-id"); ambaIdAt = yaml.At(keyNode); break;
                case "amba-mask": ambaMask = yaml.UInt32(value, "amba-mask"); ambaMaskKey = keyNode; break;
                case "probe": probe = ScenarioProbeParser.Parse(yaml, value); break;
                case "resources": resources = yaml.Bool(value, "resources"); break;
                case "populate": populate = yaml.Bool(value, "populate"); break;
                case "iommu": iommu = ScenarioIommuParser.Parse(yaml, value); break;
                case "pci-ids": pciIds = yaml.StringOrList(value, "pci-ids").Select(t => PciId.Parse(t) ?? throw yaml.Error(value, $"bad PCI id '{t}' (vvvv:dddd, vvvv:*, or class:cccccc)")).ToList(); break;
                case "dma-mask": dmaMask = yaml.Int(value, "dma-mask (a number of bits)", 1, 64); break;
                case "dmam-alloc": dmam = ScenarioDmaParser.Size(yaml, value); break;
                case "dma": dma = ScenarioDmaParser.Parse(yaml, value); break;
            }
        }

        if (compatibles is null) throw yaml.Error(node, "a drivers entry needs compatible");
        if (ambaMaskKey is not null && ambaId is null) throw yaml.Error(ambaMaskKey, "amba-mask needs amba-id");
        if (ambaId is not null && bus == DriverBus.Platform) throw new ScenarioException(ambaIdAt!.Value, "amba-id on a platform driver (bus: platform)");
        if (availability is { } a && a != DriverAvailability.Module)
        {
            if (moduleAt is { } m) throw new ScenarioException(m, "module is only for as: module");
            if (loadAtAt is { } l) throw new ScenarioException(l, "load-at is only for as: module");
        }
        return new ScenarioDriverEntry
        {
            Compatibles = compatibles,
            Name = name,
            Bus = bus,
            Availability = availability,
            Module = module,
            LoadAt = loadAt,
            Level = level,
            AsyncProbe = async,
            PreventDeferredProbe = prevent,
            DriverManagedDma = managedDma,
            AmbaId = ambaId is { } id ? new AmbaId(id, ambaMask ?? 0xffffffff) : null,
            Probe = probe,
            RequestResources = resources,
            PopulatesChildren = populate,
            Iommu = iommu,
            PciIds = pciIds,
            DmaMaskBits = dmaMask,
            DmamAllocBytes = dmam,
            Dma = dma,
            Location = yaml.At(node),
            ModuleLocation = moduleAt,
            LoadAtLocation = loadAtAt,
            AmbaIdLocation = ambaIdAt,
        };
    }
}
