using ProbeSim.DeviceTree.Model;
using YamlDotNet.RepresentationModel;

namespace ProbeSim.Kernel.Drivers;

/// <summary>Turns scenario YAML text into a <see cref="ScenarioFile"/> (format on <see cref="ScenarioFile"/>).</summary>
internal static class ScenarioParser
{
    private static readonly string[] TopKeys =
        { "profile", "cmdline", "set", "modules", "module-autoload-at", "drivers", "nodes", "order", "actions", "pci", "arch" };

    private static readonly string[] NodeKeys = { "path", "driver", "as" };

    // the pci: mapping is a PCI topology description (docs/pci-topology.md); its errors keep their file:line:col
    private static Pci.PciTopology PciOf(ScenarioYaml yaml, YamlNode value)
    {
        var map = yaml.Mapping(value, "pci");
        try
        {
            return Pci.PciTopologyYaml.Parse(map, yaml.File);
        }
        catch (Pci.PciTopologyException e)
        {
            throw new ScenarioException(new SourceLocation(e.File, e.Line, e.Column), e.Reason, e);
        }
    }

    public static ScenarioFile Parse(string text, string file)
    {
        var yaml = new ScenarioYaml(file, text);
        var root = LoadRoot(text, yaml);
        var scenario = new ScenarioFile { File = file };
        if (root is null || ScenarioYaml.IsNull(root)) return scenario;

        var map = yaml.Mapping(root, "a scenario file");
        foreach (var (key, _, value) in yaml.Entries(map, "scenario file", TopKeys))
        {
            scenario = key switch
            {
                "profile" => scenario with { Profile = yaml.NonEmpty(value, "profile") },
                "cmdline" => scenario with { Cmdline = yaml.Scalar(value, "cmdline") },
                "set" => scenario with { Set = Set(yaml, value) },
                "modules" => scenario with { Modules = yaml.Bool(value, "modules") },
                "module-autoload-at" => scenario with { ModuleAutoloadAt = new ScenarioTime(yaml.Seconds(value, "module-autoload-at", allowNever: true)) },
                "drivers" => scenario with { Drivers = List(yaml, value, "drivers", ScenarioDriverParser.Parse) },
                "nodes" => scenario with { Nodes = List(yaml, value, "nodes", Node) },
                "order" => scenario with { Order = Order(yaml, value) },
                "pci" => scenario with { Pci = PciOf(yaml, value) },
                "arch" => scenario with { Arm32 = yaml.Scalar(value, "arch") switch { "arm" => true, "arm64" => false, var a => throw yaml.Error(value, $"unknown arch '{a}' (expected arm or arm64)") } },
                _ => scenario with { Actions = List(yaml, value, "actions", ScenarioActionParser.Parse) },
            };
        }
        return scenario;
    }

    private static YamlNode? LoadRoot(string text, ScenarioYaml yaml)
    {
        var stream = YamlGuard.Load(text, (at, reason) => new ScenarioException(yaml.At(at), reason));
        if (stream.Documents.Count > 1)
            throw yaml.Error(stream.Documents[1].RootNode, "a scenario file holds one YAML document");
        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    /// <summary>
    /// Entries of one list (drivers, nodes, actions) at the most: far above any real scenario, and it bounds the work of
    /// applying them (each driver entry is applied to the driver list in turn; docs/scenario-format.md, "Bounds").
    /// </summary>
    public const int MaxListEntries = 4096;

    private static IReadOnlyList<T> List<T>(ScenarioYaml yaml, YamlNode node, string what, Func<ScenarioYaml, YamlNode, T> item)
    {
        if (ScenarioYaml.IsNull(node)) return Array.Empty<T>();
        var seq = yaml.Sequence(node, what);
        if (seq.Children.Count > MaxListEntries)
            throw yaml.Error(seq.Children[MaxListEntries], $"{what} has {seq.Children.Count} entries; a scenario holds at most {MaxListEntries} per list");
        return seq.Children.Select(c => item(yaml, c)).ToArray();
    }

    private static IReadOnlyDictionary<string, string> Set(ScenarioYaml yaml, YamlNode node)
    {
        var set = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ScenarioYaml.IsNull(node)) return set;
        foreach (var (key, keyNode, value) in yaml.Entries(yaml.Mapping(node, "set"), "set", null))
        {
            if (key.Length == 0) throw yaml.Error(keyNode, "a set key must not be empty");
            set[key] = yaml.Scalar(value, $"set value of {key}");
        }
        return set;
    }

    private static IReadOnlyList<ScenarioName> Order(ScenarioYaml yaml, YamlNode node)
    {
        var names = List(yaml, node, "order", (y, n) => new ScenarioName(y.NonEmpty(n, "a driver name"), y.At(n)));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in names)
            if (!seen.Add(n.Name)) throw new ScenarioException(n.Location, $"driver '{n.Name}' is listed twice in order");
        return names;
    }

    private static ScenarioNodeEntry Node(ScenarioYaml yaml, YamlNode node)
    {
        var map = yaml.Mapping(node, "a nodes entry");
        string? path = null, driver = null;
        SourceLocation? pathAt = null, driverAt = null;
        DriverAvailability? availability = null;
        YamlNode? asKey = null;
        foreach (var (key, keyNode, value) in yaml.Entries(map, "nodes entry", NodeKeys))
        {
            switch (key)
            {
                case "path":
                    path = yaml.NonEmpty(value, "path");
                    if (!path.StartsWith('/')) throw yaml.Error(value, $"path must be a full DT path starting with '/', not '{path}'");
                    pathAt = yaml.At(value);
                    break;
                case "driver":
                    driver = yaml.NonEmpty(value, "driver");
                    driverAt = yaml.At(value);
                    break;
                default:
                    availability = yaml.Choice(value, "as", ScenarioDriverParser.AvailabilityWords);
                    asKey = keyNode;
                    break;
            }
        }
        if (path is null) throw yaml.Error(node, "a nodes entry needs path");
        if (driver is null && availability is null) throw yaml.Error(node, "a nodes entry needs driver or as");
        var noDriver = driver == "none" || availability == DriverAvailability.Absent;
        if (noDriver && driver is not null and not "none")
            throw yaml.Error(asKey!, $"as: absent contradicts driver: {driver}");
        if (driver == "none" && availability is not (null or DriverAvailability.Absent))
            throw yaml.Error(asKey!, "driver: none contradicts as: built-in/module");
        return new ScenarioNodeEntry(path, driver == "none" ? null : driver, noDriver,
            noDriver ? DriverAvailability.Absent : availability, pathAt!.Value, driverAt);
    }
}
