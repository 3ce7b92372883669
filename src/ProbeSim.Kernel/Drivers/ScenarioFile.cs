namespace ProbeSim.Kernel.Drivers;

/// <summary>
/// A parsed scenario file: YAML that changes a base driver set (docs/scenario-format.md has the full text).
/// <code>
/// profile: v6.6                      # used by the CLI when --profile is not given
/// cmdline: "deferred_probe_timeout=-1"
/// set: { fw_devlink: permissive }    # profile switch overrides (values kept as strings)
/// modules: true                      # CONFIG_MODULES
/// module-autoload-at: 1.0            # seconds after late_initcall, or never
/// drivers:                           # per compatible
///   - compatible: acme,dmac          # or a list: [acme,foo-v2, acme,foo]
///     name: acme-dmac                # default: the compatible with ',' -> '-'
///     bus: platform | amba
///     as: built-in | module | absent
///     module: acme_dmac              # default: name with '-' -> '_' (as: module only)
///     load-at: 3                     # seconds after late_initcall, or never (as: module only)
///     initcall: early|core|postcore|arch|arch_sync|subsys|fs|device|late
///     async: true
///     prevent-deferred-probe: true
///     driver-managed-dma: true
///     amba-id: 0x00041011            # optional amba-mask (default 0xffffffff); replaces the id table
///     probe: succeed | defer | {fail: EIO} | {defer: 2} | [ {defer: 1, reason: "..."}, {fail: -EINVAL}, succeed ]
///     resources: true|false          # whether the generic resource requests run
///     populate: true|false           # whether the probe calls of_platform_populate on its node
///     iommu: register | no-register
/// nodes:                             # per DT path
///   - path: /soc/dma@2000000
///     driver: acme-dmac2 | none      # this driver only (like driver_override), or no driver
///     as: absent | built-in | module # availability of the node's driver for this node
/// order: [acme-smmu, acme-dmac]      # registration order of these drivers within their initcall level
/// actions:
///   - { at: 5, bind: 2000000.dma, driver: acme-dmac }
///   - { at: 6, unbind: 2000000.dma }
///   - { at: 7, driver-override: 2000000.dma, driver: vfio-platform }
///   - { at: 8, load-module: acme_dmac }
/// </code>
/// Every key is optional except <c>compatible</c> (drivers), <c>path</c> (nodes) and <c>at</c> plus one verb (actions).
/// Unknown keys, wrong types and bad values are <see cref="ScenarioException"/>s located at the offending key or value.
/// How the entries change the base set is described on <see cref="ScenarioDriverSetSource"/>.
/// </summary>
public sealed record ScenarioFile
{
    /// <summary>The file name used in messages and origins.</summary>
    public required string File { get; init; }

    /// <summary>Top-level <c>profile</c>.</summary>
    public string? Profile { get; init; }

    /// <summary>Top-level <c>cmdline</c>.</summary>
    public string? Cmdline { get; init; }

    /// <summary>Top-level <c>set</c>: profile switch overrides, values as written.</summary>
    public IReadOnlyDictionary<string, string> Set { get; init; } = new Dictionary<string, string>();

    /// <summary>Top-level <c>modules</c> (CONFIG_MODULES), null when not given.</summary>
    public bool? Modules { get; init; }

    /// <summary>Top-level <c>module-autoload-at</c>, null when not given.</summary>
    public ScenarioTime? ModuleAutoloadAt { get; init; }

    public IReadOnlyList<ScenarioDriverEntry> Drivers { get; init; } = Array.Empty<ScenarioDriverEntry>();

    public IReadOnlyList<ScenarioNodeEntry> Nodes { get; init; } = Array.Empty<ScenarioNodeEntry>();

    public IReadOnlyList<ScenarioName> Order { get; init; } = Array.Empty<ScenarioName>();

    /// <summary>The <c>actions</c>, in file order (Origin = file:line:col of the entry).</summary>
    public IReadOnlyList<UserAction> Actions { get; init; } = Array.Empty<UserAction>();

    /// <summary><c>pci:</c> the PCI hierarchy below the DT host bridge (docs/pci-topology.md).</summary>
    public Pci.PciTopology? Pci { get; init; }

    /// <summary><c>arch: arm | arm64</c>: which DMA-mapping code the board runs (default: guessed from the CPUs).</summary>
    public bool? Arm32 { get; init; }

    /// <summary>Parses scenario text; <paramref name="file"/> names it in messages.</summary>
    public static ScenarioFile Parse(string text, string file) => ScenarioParser.Parse(text, file);

    /// <summary>Reads (at most 16 MiB, see <see cref="YamlGuard"/>) and parses a scenario file.</summary>
    public static ScenarioFile Load(string path) =>
        Parse(YamlGuard.ReadText(path, (at, reason) => new ScenarioException(new(path, (int)at.Line, (int)at.Column), reason)), path);

    /// <summary>This scenario applied on top of <paramref name="baseSource"/>.</summary>
    public ScenarioDriverSetSource Over(IDriverSetSource baseSource) => new(baseSource, this);
}
