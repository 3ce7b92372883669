using System.Globalization;
using System.Text.RegularExpressions;

namespace ProbeSim.Kernel.Pci;

/// <summary>
/// Reads a copy of the <c>config</c> files below the PCI host bridge directories of a real machine's sysfs
/// (format: <c>docs/pci-topology.md</c>). The directory nesting gives the hierarchy and the names give
/// domain/bus/devfn; each <c>config</c> gives ids, class, header, PCIe type, ACS and bridge bus numbers.
/// </summary>
public sealed partial class PciSysfsDump
{
    private const int MaxSearchDepth = 8;

    private PciSysfsDump(IReadOnlyList<PciTopology> hosts, IReadOnlyList<string> warnings)
    {
        Hosts = hosts;
        Warnings = warnings;
    }

    /// <summary>One topology per host bridge directory (<c>pciDDDD:BB</c>), ordered by domain and root bus.</summary>
    public IReadOnlyList<PciTopology> Hosts { get; }

    /// <summary>Short files and other things that were read only in part.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The only host; throws when the dump holds several or none.</summary>
    public PciTopology Single() =>
        Hosts.Count == 1 ? Hosts[0] : throw new InvalidOperationException($"the dump holds {Hosts.Count} PCI host bridges");

    [GeneratedRegex("^pci([0-9a-f]{4}):([0-9a-f]{2})$")]
    private static partial Regex HostDirName();

    [GeneratedRegex("^([0-9a-f]{4}):([0-9a-f]{2}):([0-9a-f]{2})\\.([0-7])$")]
    private static partial Regex FunctionDirName();

    /// <summary>
    /// Loads a dump. <paramref name="dir"/> may be the directory holding <c>sys</c>, <c>sys/devices</c>, a directory
    /// further down, or a <c>pciDDDD:BB</c> directory itself; host directories are looked for below it.
    /// </summary>
    public static PciSysfsDump Load(string dir)
    {
        var root = Path.GetFullPath(dir);
        if (!Directory.Exists(root))
            throw new PciTopologyException(new PciSourceLocation(root, 0, 0), "no such directory");
        var hostDirs = new List<string>();
        FindHosts(root, 0, hostDirs);
        if (hostDirs.Count == 0)
            throw new PciTopologyException(new PciSourceLocation(root, 0, 0), "no PCI host bridge directory (pciDDDD:BB) found");

        var warnings = new List<string>();
        var hosts = hostDirs
            .Select(h => LoadHost(root, h, warnings))
            .OrderBy(t => t.Domain).ThenBy(t => t.RootBus)
            .ToList();
        return new PciSysfsDump(hosts, warnings);
    }

    private static void FindHosts(string dir, int depth, List<string> found)
    {
        if (HostDirName().IsMatch(Path.GetFileName(dir)))
        {
            found.Add(dir);
            return;
        }
        if (depth >= MaxSearchDepth) return;
        foreach (var sub in Directory.GetDirectories(dir).Order(StringComparer.Ordinal))
        {
            if ((File.GetAttributes(sub) & FileAttributes.ReparsePoint) != 0) continue; // sysfs is full of links; a copy should have none
            FindHosts(sub, depth + 1, found);
        }
    }

    private static PciTopology LoadHost(string root, string hostDir, List<string> warnings)
    {
        var m = HostDirName().Match(Path.GetFileName(hostDir));
        var domain = int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var rootBus = byte.Parse(m.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var spec = new PciTopologySpec
        {
            Domain = domain,
            RootBus = rootBus,
            HostSysfsParent = SysfsParent(root, hostDir),
            ReassignAllBuses = false,
            Strict = false,
            Location = new PciSourceLocation(hostDir, 0, 0),
        };
        ReadBus(hostDir, domain, spec.Devices, warnings);
        return PciTopology.Build(spec);
    }

    /// <summary>Where the host directory sits in the real sysfs: from <c>/sys/devices</c> in its path, else assumed there.</summary>
    private static string SysfsParent(string root, string hostDir)
    {
        var parent = Path.GetDirectoryName(hostDir)!.Replace('\\', '/');
        var i = parent.LastIndexOf("/sys/devices", StringComparison.Ordinal);
        if (i >= 0 && (parent.Length == i + 12 || parent[i + 12] == '/')) return parent[i..];
        var rel = Path.GetRelativePath(root, Path.GetDirectoryName(hostDir)!).Replace('\\', '/');
        if (rel == "." || rel.StartsWith("..", StringComparison.Ordinal)) return "/sys/devices";
        if (rel == "devices" || rel.StartsWith("devices/", StringComparison.Ordinal)) return "/sys/" + rel;
        return "/sys/devices/" + rel;
    }

    private static void ReadBus(string dir, int domain, List<PciFunctionSpec> into, List<string> warnings)
    {
        foreach (var sub in Directory.GetDirectories(dir).Order(StringComparer.Ordinal))
        {
            var m = FunctionDirName().Match(Path.GetFileName(sub));
            if (!m.Success) continue;
            var config = Path.Combine(sub, "config");
            if (!File.Exists(config))
                throw new PciTopologyException(new PciSourceLocation(sub, 0, 0), "function directory without a config file");
            var d = int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (d != domain)
                throw new PciTopologyException(new PciSourceLocation(sub, 0, 0), $"function of domain {d:x4} below host of domain {domain:x4}");

            var cfg = PciConfigSpace.Decode(File.ReadAllBytes(config), config);
            foreach (var note in cfg.Notes) warnings.Add($"{config}: {note}");
            var s = new PciFunctionSpec
            {
                Device = int.Parse(m.Groups[3].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                Function = m.Groups[4].Value[0] - '0',
                ExpectedBus = byte.Parse(m.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                Kind = PciDeviceKinds.FromHardware(cfg.PcieType, cfg.HeaderType, cfg.ClassCode),
                HeaderType = cfg.HeaderType,
                VendorId = cfg.VendorId,
                DeviceId = cfg.DeviceId,
                ClassCode = cfg.ClassCode,
                Multifunction = cfg.MultifunctionBit,
                Acs = cfg.Acs,
                Location = new PciSourceLocation(config, 0, 0),
            };
            s.CapabilityIds.AddRange(cfg.Capabilities.Select(c => c.Id));
            if (cfg.BusNumbers is var (primary, secondary, subordinate))
                (s.PrimaryBus, s.SecondaryBus, s.SubordinateBus) = (primary, secondary, subordinate);
            s.KeyLocations["secondary"] = new PciSourceLocation(config, 0, 0, 0x19);
            ReadBus(sub, domain, s.Below, warnings);
            if (s.Below.Count > 0 && cfg.HeaderType == PciHeaderType.Normal)
                throw new PciTopologyException(new PciSourceLocation(config, 0, 0, 0x0e),
                    "functions are nested below a function whose header type is not a bridge");
            into.Add(s);
        }
    }
}
