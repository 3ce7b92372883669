using System.Collections.ObjectModel;
using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Pci;

namespace ProbeSim.Kernel.Drivers;

/// <summary>
/// A real x86 kernel's PCI drivers, read once from a directory laid out like <c>kernels/debian-6.1-amd64</c>
/// (docs/kernel/x86-drivers.md) and the kernel's <c>config.txt</c> (<c>../shared/kernels/debian-bookworm-amd64/config.txt</c>).
/// Every file of <see cref="RequiredFiles"/> must be there; malformed rows throw <see cref="KernelTableException"/> (file:line:col).
/// <list type="bullet">
/// <item><c>pci-builtin-drivers.tsv</c>: the <c>struct pci_driver</c>s linked into the image, each with the config symbol
/// that must be <c>=y</c> in config.txt and its id table (or '-' when it was not transcribed: such a driver binds only
/// through driver_override). They register at initcall level device in <c>link_rank</c> order.</item>
/// <item><c>pci-module-aliases.tsv</c>: every <c>pci:</c>/<c>vfio_pci:</c> alias of every module, one PCI driver per module.</item>
/// <item><c>pci-modules.tsv</c>: every module with its <c>modules.order</c> position: modules are listed in that order,
/// which is the order modprobe and udev load the modules one modalias resolves to, so of several modules matching one
/// device the first in modules.order registers (and probes) first.</item>
/// <item><c>pci-driver-names.tsv</c>: the driver name (<c>/sys/bus/pci/drivers/NAME</c>) of the common modules, from
/// their source; a module not listed there is named after the module, and its <see cref="DriverSpec.Origin"/> says that
/// the name is a guess. Also async probing and driver_managed_dma where the source sets them.</item>
/// </list>
/// Modules get <see cref="DriverSpec.LoadAt"/> = the autoload time, as in <see cref="KernelDriverTables"/>: udev coldplug
/// loads those whose ids match a present device without a driver. <c>vfio-platform</c> is named absent (amd64 has no
/// CONFIG_VFIO_PLATFORM), so the kernel model does not add it. Instances are immutable; <see cref="Resolve"/> returns the
/// same prebuilt set whatever the board.
/// </summary>
public sealed class PciDriverTables : IDriverSetSource
{
    /// <summary>The files a PCI driver-table directory must have (each may hold no rows, but must exist).</summary>
    public static IReadOnlyList<string> RequiredFiles { get; } =
        ["pci-module-aliases.tsv", "pci-modules.tsv", "pci-builtin-drivers.tsv", "pci-driver-names.tsv"];

    private readonly DriverSet _set;
    private readonly IReadOnlyList<DriverSpec> _pciDrivers;

    /// <summary>
    /// Reads <paramref name="directory"/> and <paramref name="configPath"/>. Throws <see cref="DirectoryNotFoundException"/>
    /// (naming the missing files) or <see cref="FileNotFoundException"/> for the config, <see cref="KernelTableException"/>
    /// on the first malformed row.
    /// </summary>
    /// <param name="directory">The table directory (e.g. <c>kernels/debian-6.1-amd64</c>).</param>
    /// <param name="configPath">The kernel's .config (e.g. <c>../shared/kernels/debian-bookworm-amd64/config.txt</c>).</param>
    /// <param name="moduleAutoloadAt">Seconds after late_initcall at which modules matching present devices are loaded; null = never.</param>
    public PciDriverTables(string directory, string configPath, double? moduleAutoloadAt = KernelDriverTables.DefaultModuleAutoloadAt)
    {
        if (moduleAutoloadAt is { } t && (double.IsNaN(t) || t < 0 || t > ScenarioTime.MaxSeconds)) throw new ArgumentOutOfRangeException(nameof(moduleAutoloadAt));
        if (!System.IO.Directory.Exists(directory)) throw new DirectoryNotFoundException($"{directory}: No such directory");
        var missing = RequiredFiles.Where(f => !File.Exists(System.IO.Path.Combine(directory, f))).ToList();
        if (missing.Count > 0)
            throw new DirectoryNotFoundException($"{directory}: not a PCI driver-table directory (missing {string.Join(", ", missing)})");
        if (!File.Exists(configPath)) throw new FileNotFoundException($"{configPath}: No such file", configPath);

        Directory = directory;
        ConfigPath = configPath;
        Name = System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(directory)));
        ModuleAutoloadAt = moduleAutoloadAt;

        var config = KernelTableParsers.Config(configPath);
        Config = new ReadOnlyDictionary<string, string>(config);
        Modules = !config.TryGetValue("CONFIG_MODULES", out var m) || m == "y";

        string TableFile(string name) => System.IO.Path.Combine(directory, name);
        var aliases = PciTableParsers.ModuleAliases(TableFile("pci-module-aliases.tsv"));
        var kernelModules = PciTableParsers.KernelModules(TableFile("pci-modules.tsv"));
        var builtIns = PciTableParsers.BuiltinDrivers(TableFile("pci-builtin-drivers.tsv"), Config, configPath);
        var names = PciTableParsers.DriverNames(TableFile("pci-driver-names.tsv"));

        // the tables must agree: every alias's module is a module of the package, with as many rows as pci-modules.tsv says
        var moduleByName = kernelModules.ToDictionary(k => k.Module.Module, StringComparer.Ordinal);
        var aliasesByModule = new Dictionary<string, List<PciId>>(StringComparer.Ordinal);
        foreach (var (a, row) in aliases)
        {
            if (!moduleByName.ContainsKey(a.Module))
                throw row.Error(0, $"module {a.Module} has aliases but is not in pci-modules.tsv");
            if (!aliasesByModule.TryGetValue(a.Module, out var list)) aliasesByModule[a.Module] = list = [];
            list.Add(a.Id);
        }
        foreach (var (k, row) in kernelModules)
        {
            var count = aliasesByModule.TryGetValue(k.Module, out var l) ? l.Count : 0;
            if (count != k.AliasRows) throw row.Error(3, $"module {k.Module} has {count} rows in pci-module-aliases.tsv, not {k.AliasRows}");
        }
        foreach (var (fact, row) in names)
            if (fact.InPackage && !moduleByName.ContainsKey(fact.Module))
                throw row.Error(0, $"module {fact.Module} is not in pci-modules.tsv");

        ModuleAliases = aliases.Select(a => a.Alias).ToList().AsReadOnly();
        KernelModules = kernelModules.Select(k => k.Module).OrderBy(k => k.Order).ToList().AsReadOnly();
        BuiltIns = builtIns.OrderBy(b => b.LinkRank).ThenBy(b => b.Name, StringComparer.Ordinal).ToList().AsReadOnly();
        DriverNames = names.Select(n => n.Fact).ToList().AsReadOnly();

        var factByModule = DriverNames.Where(f => f.InPackage).ToDictionary(f => f.Module, StringComparer.Ordinal);
        // where each driver's name was given: the fact's driver_name field, else the module's row in pci-modules.tsv
        var nameAt = names.Where(n => n.Fact.InPackage)
            .ToDictionary(n => n.Fact.Module, n => new SourceLocation(n.Row.File, n.Row.Line, n.Row.Column(1)), StringComparer.Ordinal);
        var moduleAt = kernelModules.ToDictionary(k => k.Module.Module, k => new SourceLocation(k.Row.File, k.Row.Line, k.Row.Column(0)), StringComparer.Ordinal);
        var drivers = new List<DriverSpec>();
        foreach (var b in BuiltIns)
        {
            drivers.Add(KnownDrivers.Apply(new DriverSpec
            {
                Name = b.Name,
                Bus = DriverBus.Pci,
                PciIds = b.Ids.Select(i => i.Id).ToList().AsReadOnly(),
                Availability = DriverAvailability.BuiltIn,
                Level = InitcallLevel.Device,
                DriverManagedDma = b.ManagedDmaAt is not null,
                Probe = new ProbeScript { RequestResources = false },
                RecordsDeferReasons = false,
                Origin = $"built-in {b.Symbol} ({b.Source}, {b.Config}=y; pci-builtin-drivers.tsv)"
                    + (b.IdsRecorded ? "" : "; its id table is not recorded, so it binds only through driver_override"),
            }));
        }
        foreach (var k in KernelModules)
        {
            factByModule.TryGetValue(k.Module, out var fact);
            if (k.AliasRows == 0 && fact is null) continue;
            var ids = aliasesByModule.TryGetValue(k.Module, out var l) ? l.AsReadOnly() : (IReadOnlyList<PciId>)Array.Empty<PciId>();
            var origin = $"module {k.Module} ({k.Path}, modules.order {k.Order}; {ids.Count} pci-module-aliases.tsv rows)"
                + (fact is not null
                    ? $"; driver name from {fact.NameAt}"
                    : $"; driver name '{k.Module}' is the module name, a guess (not established from the source)");
            drivers.Add(KnownDrivers.Apply(new DriverSpec
            {
                Name = fact?.DriverName ?? k.Module,
                Bus = DriverBus.Pci,
                PciIds = ids,
                Availability = DriverAvailability.Module,
                Module = k.Module,
                LoadAt = moduleAutoloadAt,
                AsyncProbe = fact?.AsyncAt is not null,
                DriverManagedDma = fact?.ManagedDmaAt is not null,
                Probe = new ProbeScript { RequestResources = false },
                ProbeUnread = true,
                NameGuessed = fact is null,
                RecordsDeferReasons = false,
                Origin = origin,
            }));
        }
        var seen = new Dictionary<string, DriverSpec>(StringComparer.Ordinal);
        foreach (var d in drivers)
            if (!seen.TryAdd(d.Name, d))
                // a built-in never collides with a built-in (rows group by name), so the later driver is a module
                throw new KernelTableException(nameAt.TryGetValue(d.Module!, out var at) ? at : moduleAt[d.Module!],
                    $"driver name {d.Name} is taken: {seen[d.Name].Origin}");
        _pciDrivers = drivers.AsReadOnly();

        // amd64 has no CONFIG_VFIO_PLATFORM: naming it absent keeps the kernel model from adding it
        var vfioPlatform = new DriverSpec
        {
            Name = "vfio-platform",
            Bus = DriverBus.Platform,
            Availability = DriverAvailability.Absent,
            Origin = $"CONFIG_VFIO_PLATFORM is {(config.TryGetValue("CONFIG_VFIO_PLATFORM", out var vp) ? vp : "absent")} in {configPath}",
        };
        Drivers = (config.TryGetValue("CONFIG_VFIO_PLATFORM", out var vfp) && vfp is "y" or "m"
            ? _pciDrivers : _pciDrivers.Append(vfioPlatform).ToList()).ToList().AsReadOnly();
        _set = new DriverSet
        {
            Name = Name,
            Drivers = Drivers,
            Modules = Modules,
            ModuleAutoloadAt = moduleAutoloadAt,
        };
    }

    /// <summary>The directory name (e.g. <c>debian-bookworm-amd64</c>).</summary>
    public string Name { get; }

    public string Directory { get; }

    public string ConfigPath { get; }

    /// <summary>Built-ins in registration order, then the modules in modules.order order (then an absent vfio-platform).</summary>
    public IReadOnlyList<DriverSpec> Drivers { get; }

    /// <summary>Every row of pci-module-aliases.tsv, in file order.</summary>
    public IReadOnlyList<PciModuleAlias> ModuleAliases { get; }

    /// <summary>Every module of the package, in modules.order order.</summary>
    public IReadOnlyList<PciKernelModule> KernelModules { get; }

    /// <summary>The built-in PCI drivers, in registration order.</summary>
    public IReadOnlyList<PciBuiltinDriver> BuiltIns { get; }

    /// <summary>The established driver names (pci-driver-names.tsv), including drivers absent from the package.</summary>
    public IReadOnlyList<PciDriverNameFact> DriverNames { get; }

    /// <summary>The kernel configuration (<c># CONFIG_X is not set</c> = "n").</summary>
    public IReadOnlyDictionary<string, string> Config { get; }

    /// <summary>CONFIG_MODULES=y.</summary>
    public bool Modules { get; }

    public double? ModuleAutoloadAt { get; }

    /// <summary>The same set whatever the board; nothing is re-read.</summary>
    public DriverSet Resolve(DtTree tree) => _set;

    /// <summary>
    /// The PCI drivers whose id tables match the function without driver_override (pci_match_one_id, override-only
    /// entries skipped), in the order the kernel offers it to them: built-ins in registration order, then modules in
    /// modules.order order. Probe-time checks (<see cref="PciProbeChecks"/>) are not applied.
    /// </summary>
    public IReadOnlyList<DriverSpec> Matching(PciFunction function) =>
        Matching(function.VendorId, function.DeviceId, function.SubsystemVendorId, function.SubsystemDeviceId, function.ClassCode);

    /// <inheritdoc cref="Matching(PciFunction)"/>
    public IReadOnlyList<DriverSpec> Matching(ushort vendor, ushort device, ushort? subvendor, ushort? subdevice, uint classCode) =>
        _pciDrivers.Where(d => d.PciIds.Any(id => id.Matches(vendor, device, subvendor, subdevice, classCode))).ToList();
}
