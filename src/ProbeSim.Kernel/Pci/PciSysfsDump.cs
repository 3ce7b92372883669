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

    /// <summary>A bridge's secondary bus has a higher number than its own: 256 bus numbers allow at most 255 nested bridges.</summary>
    private const int MaxBridgeDepth = 255;

    /// <summary>The two sizes of a config file that root reads whole: <c>PCI_CFG_SPACE_SIZE</c> and <c>PCI_CFG_SPACE_EXP_SIZE</c>.</summary>
    public const int ConfigSize = 256, ExtendedConfigSize = 4096;

    private PciSysfsDump(string root, IReadOnlyList<PciTopology> hosts, IReadOnlyList<string> warnings)
    {
        Root = root;
        Hosts = hosts;
        Warnings = warnings;
    }

    /// <summary>The directory the dump was loaded from (full path).</summary>
    public string Root { get; }

    /// <summary>One topology per host bridge directory (<c>pciDDDD:BB</c>), ordered by domain and root bus.</summary>
    public IReadOnlyList<PciTopology> Hosts { get; }

    /// <summary>
    /// What was read only in part (short config files, loaded with <c>allowPartial</c>), one line each in the form
    /// <c>FILE: warning: ...</c>.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The only host; a <see cref="PciTopologyException"/> naming the hosts when the dump holds several.</summary>
    public PciTopology Single() =>
        Hosts.Count == 1 ? Hosts[0] : throw new PciTopologyException(new PciSourceLocation(Root, 0, 0),
            $"the dump holds {Hosts.Count} PCI host bridges ({string.Join(", ", Hosts.Select(h => h.HostName))}); give the directory of one of them");

    [GeneratedRegex("^pci([0-9a-f]{4}):([0-9a-f]{2})$")]
    private static partial Regex HostDirName();

    [GeneratedRegex("^([0-9a-f]{4}):([0-9a-f]{2}):([0-9a-f]{2})\\.([0-7])$")]
    private static partial Regex FunctionDirName();

    /// <summary>
    /// Loads a dump. <paramref name="dir"/> may be the directory holding <c>sys</c>, <c>sys/devices</c>, a directory
    /// further down, or a <c>pciDDDD:BB</c> directory itself; host directories are looked for below it.
    /// <para>A config file of another size than 256 or 4096 bytes was not read whole (a non-root reader gets the
    /// first 64 bytes only): that is an error naming the file, unless <paramref name="allowPartial"/>, which reads
    /// what is there, takes the rest as absent and lists each such file in <see cref="Warnings"/>.</para>
    /// </summary>
    public static PciSysfsDump Load(string dir, bool allowPartial = false)
    {
        var root = Path.GetFullPath(dir);
        if (!Directory.Exists(root))
            throw new PciTopologyException(new PciSourceLocation(root, 0, 0), "no such directory");
        var hostDirs = new List<string>();
        FindHosts(root, 0, hostDirs);
        if (hostDirs.Count == 0)
            throw new PciTopologyException(new PciSourceLocation(root, 0, 0), "no PCI host bridge directory (pciDDDD:BB) found");

        var read = new DumpReading();
        var hosts = hostDirs
            .Select(h => LoadHost(root, h, read))
            .OrderBy(t => t.Domain).ThenBy(t => t.RootBus)
            .ToList();
        if (!allowPartial && read.Partial.Count > 0)
        {
            var (file, length) = read.Partial[0];
            var others = read.Partial.Count == 1 ? "" : $" ({read.Partial.Count} of the dump's {read.ConfigFiles} config files are partial)";
            throw new PciTopologyException(new PciSourceLocation(file, 0, 0),
                $"config space is {length} bytes, not {ConfigSize} or {ExtendedConfigSize}: {WhyPartial(length)}; "
                + "copy the dump as root (docs/pci-topology.md), or accept the partial data with --pci-allow-partial" + others);
        }
        return new PciSysfsDump(root, hosts, read.Warnings);
    }

    private static string WhyPartial(int length) => length < ConfigSize
        ? "reading sysfs config without root gives only the first 64 bytes (128 for CardBus), so the capabilities that give PCIe port types and ACS are missing"
        : "the file was not copied whole";

    /// <summary>What one load collected: files read only in part, and the warnings about them.</summary>
    private sealed class DumpReading
    {
        public int ConfigFiles;
        public List<(string File, int Length)> Partial { get; } = [];
        public List<string> Warnings { get; } = [];
    }

    /// <summary>A config file's bytes: at most 4096 (a longer file, or a device, is an error).</summary>
    private static byte[] ReadConfig(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var buffer = new byte[ExtendedConfigSize + 1];
        int total = 0, n;
        while (total < buffer.Length && (n = stream.Read(buffer, total, buffer.Length - total)) > 0) total += n;
        if (total > ExtendedConfigSize)
            throw new PciTopologyException(new PciSourceLocation(path, 0, 0, ExtendedConfigSize),
                $"config file is longer than {ExtendedConfigSize} bytes, the largest PCI configuration space");
        return buffer[..total];
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

    private static PciTopology LoadHost(string root, string hostDir, DumpReading read)
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
        ReadBus(hostDir, domain, spec.Devices, read, 0);
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

    private static void ReadBus(string dir, int domain, List<PciFunctionSpec> into, DumpReading read, int depth)
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

            var bytes = ReadConfig(config);
            var cfg = PciConfigSpace.Decode(bytes, config);
            read.ConfigFiles++;
            if (bytes.Length is not (ConfigSize or ExtendedConfigSize))
            {
                read.Partial.Add((config, bytes.Length));
                read.Warnings.Add($"{config}: warning: config space is {bytes.Length} bytes, not {ConfigSize} or {ExtendedConfigSize}: what lies beyond is taken as absent");
            }
            foreach (var note in cfg.Notes) read.Warnings.Add($"{config}: warning: {note}");
            var s = new PciFunctionSpec
            {
                Device = int.Parse(m.Groups[3].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                Function = m.Groups[4].Value[0] - '0',
                ExpectedBus = byte.Parse(m.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                Kind = PciDeviceKinds.FromHardware(cfg.PcieType, cfg.HeaderType, cfg.ClassCode),
                HeaderType = cfg.HeaderType,
                VendorId = cfg.VendorId,
                DeviceId = cfg.DeviceId,
                SubsystemVendorId = cfg.SubsystemVendorId,
                SubsystemDeviceId = cfg.SubsystemDeviceId,
                ClassCode = cfg.ClassCode,
                Multifunction = cfg.MultifunctionBit,
                Acs = cfg.Acs,
                Location = new PciSourceLocation(config, 0, 0),
            };
            s.CapabilityIds.AddRange(cfg.Capabilities.Select(c => c.Id));
            if (cfg.BusNumbers is var (primary, secondary, subordinate))
                (s.PrimaryBus, s.SecondaryBus, s.SubordinateBus) = (primary, secondary, subordinate);
            s.KeyLocations["secondary"] = new PciSourceLocation(config, 0, 0, 0x19);
            var below = Directory.GetDirectories(sub).Any(d => FunctionDirName().IsMatch(Path.GetFileName(d)));
            if (below && depth >= MaxBridgeDepth)
                throw new PciTopologyException(new PciSourceLocation(sub, 0, 0), $"functions nested more than {MaxBridgeDepth} bridges deep (PCI has 256 bus numbers)");
            if (below) ReadBus(sub, domain, s.Below, read, depth + 1);
            if (s.Below.Count > 0 && cfg.HeaderType == PciHeaderType.Normal)
                throw new PciTopologyException(new PciSourceLocation(config, 0, 0, 0x0e),
                    "functions are nested below a function whose header type is not a bridge");
            into.Add(s);
        }
    }
}
