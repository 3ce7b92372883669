namespace ProbeSim.Kernel.Drivers;

/// <summary>The bus a driver registers on (bus_type). SunxiRsb (drivers/bus/sunxi-rsb.c) and Spmi (drivers/spmi/spmi.c) match by OF only.</summary>
public enum DriverBus { Platform, Amba, Pci, I2c, Spi, SunxiRsb, Spmi }

/// <summary>How the kernel has the driver: linked in, as a loadable module, or not at all.</summary>
public enum DriverAvailability { BuiltIn, Module, Absent }

/// <summary>Initcall levels in the order do_initcalls runs them (include/linux/init.h).</summary>
public enum InitcallLevel { Early, Core, Postcore, Arch, ArchSync, Subsys, Fs, Device, Late }

/// <summary>An AMBA id table entry: matches when (periphid &amp; Mask) == Id (amba_lookup).</summary>
public sealed record AmbaId(uint Id, uint Mask);

/// <summary>One driver as the simulation sees it: its match table, how and when it gets into the kernel, and what its probe does.</summary>
public sealed record DriverSpec
{
    /// <summary>device_driver.name, the first word of its dev_* log lines.</summary>
    public required string Name { get; init; }
    public DriverBus Bus { get; init; } = DriverBus.Platform;
    /// <summary>of_match_table compatibles, in table order.</summary>
    public IReadOnlyList<string> Compatibles { get; init; } = Array.Empty<string>();
    /// <summary>i2c_device_id / spi_device_id names: an I2C or SPI device also matches by its first compatible with the vendor prefix stripped (i2c_of_match_device_sysfs, spi_match_id); platform_device_id names match a named platform device (an MFD cell), and then the driver name is not tried (platform_match).</summary>
    public IReadOnlyList<string> BusIds { get; init; } = Array.Empty<string>();
    /// <summary>of_device_id.data per compatible, where the import read it as a symbol (the variant a probe switches on); empty = unknown.</summary>
    public IReadOnlyDictionary<string, string> OfMatchData { get; init; } = EmptyMatchData;
    private static readonly IReadOnlyDictionary<string, string> EmptyMatchData = new Dictionary<string, string>();
    /// <summary>amba_driver id_table.</summary>
    public IReadOnlyList<AmbaId> AmbaIds { get; init; } = Array.Empty<AmbaId>();
    public DriverAvailability Availability { get; init; } = DriverAvailability.BuiltIn;
    /// <summary>Module name (modules only).</summary>
    public string? Module { get; init; }
    /// <summary>Seconds after late_initcall at which user space loads the module; null = never loaded.</summary>
    public double? LoadAt { get; init; }
    /// <summary>Initcall level of a built-in driver's registration (module_init = device).</summary>
    public InitcallLevel Level { get; init; } = InitcallLevel.Device;
    /// <summary>probe_type PROBE_PREFER_ASYNCHRONOUS.</summary>
    public bool AsyncProbe { get; init; }
    /// <summary>platform_driver.prevent_deferred_probe.</summary>
    public bool PreventDeferredProbe { get; init; }
    /// <summary>driver_managed_dma (VFIO-style drivers that manage DMA ownership themselves).</summary>
    public bool DriverManagedDma { get; init; }
    /// <summary>What the driver's probe does; null = the generic probe (ask for every resource the node names, then succeed).</summary>
    public ProbeScript? Probe { get; init; }
    /// <summary>
    /// Whether the generic probe reports a missing resource with dev_err_probe (so a deferral records a reason).
    /// Real kernel tables say nothing about it: there it is off, and the reason stays empty unless a driver is known to set one.
    /// </summary>
    public bool RecordsDeferReasons { get; init; } = true;
    /// <summary>Resource properties the driver asks for with an optional getter (devm_clk_get_optional, ...): -ENOENT/-ENODEV mean "none".</summary>
    public IReadOnlyList<string> OptionalProperties { get; init; } = Array.Empty<string>();
    /// <summary>For IOMMU drivers: what the scenario says about the driver (registration, context banks, groups); null = known defaults.</summary>
    public IommuDriverSpec? Iommu { get; init; }
    /// <summary>PCI id table (pci_device_id): vendor:device, vendor:*, or a class.</summary>
    public IReadOnlyList<PciId> PciIds { get; init; } = Array.Empty<PciId>();
    /// <summary>dma_set_mask_and_coherent in probe, in bits; null = the bus default (32 bits).</summary>
    public int? DmaMaskBits { get; init; }
    /// <summary>dmam_alloc_coherent in probe (a devres-managed buffer), in bytes; null = none.</summary>
    public ulong? DmamAllocBytes { get; init; }
    /// <summary>What the driver does with the DMA API after a successful probe.</summary>
    public IReadOnlyList<DmaStep> Dma { get; init; } = Array.Empty<DmaStep>();
    /// <summary>
    /// Whether the probe calls of_platform_populate on the device's own node, so its children with a compatible become
    /// platform devices; null = the profile's list of such drivers (switch of_populating_drivers) decides.
    /// </summary>
    public bool? PopulatesChildren { get; init; }
    /// <summary>
    /// The driver's probe was not read: it is taken to succeed (an x86 kernel's PCI module from its alias table). The
    /// outcome of a device it binds is a guess; <see cref="NameGuessed"/> says whether the driver's name is one too.
    /// </summary>
    public bool ProbeUnread { get; init; }
    /// <summary>The driver's name is the module's, not established from its source (see <see cref="ProbeUnread"/>).</summary>
    public bool NameGuessed { get; init; }
    /// <summary>What the real driver's probe requests and creates, read from its source by <c>probesim kernel import</c>; null = no plan (the generic probe, a guess).</summary>
    public Imported.ProbePlan? Plan { get; init; }
    /// <summary>Where this driver came from (default set, kernel table file, scenario file line), for explanations.</summary>
    public string Origin { get; init; } = "";
}
