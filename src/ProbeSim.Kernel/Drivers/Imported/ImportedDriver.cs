namespace ProbeSim.Kernel.Drivers.Imported;

/// <summary>
/// The bus a driver registers on (its struct: platform_driver, amba_driver, i2c_driver, spi_driver, pci_driver,
/// sunxi_rsb_driver, spmi_driver). SunxiRsb and Spmi are new in driver-set format 2.
/// </summary>
public enum ImportedBus { Platform, Amba, I2c, Spi, Pci, SunxiRsb, Spmi }

/// <summary>Whether the kernel built the code: linked into the image, as a module, not at all, or not settled by the scanner.</summary>
public enum BuildStatus { BuiltIn, Module, NotBuilt, Unknown }

/// <summary>
/// One driver struct of a kernel source tree as the importer read it. <see cref="Id"/> is <c>source-file:symbol</c>
/// (a symbol alone is not unique: two static <c>rockchip_pcie_driver</c>s). Null fields are facts the scanner could not
/// settle; each has a row in <see cref="ImportedKernel.Unknowns"/> saying why.
/// </summary>
public sealed record ImportedDriver
{
    public required string Id { get; init; }
    /// <summary>device_driver.name.</summary>
    public required string Name { get; init; }
    public required ImportedBus Bus { get; init; }
    public required BuildStatus Status { get; init; }
    /// <summary>KBUILD_MODNAME of a module (or of built-in code, as modules.builtin names it); null for plain obj-y code.</summary>
    public string? Module { get; init; }
    /// <summary>Initcall level the registration runs at (module_init = device); null = not found.</summary>
    public InitcallLevel? Initcall { get; init; }
    /// <summary>The function that registers the driver when that is not the driver's own module_*_driver/initcall
    /// (vc4_drm_register registers vc4's component drivers): file:function; null = its own registration.</summary>
    public string? RegisteredBy { get; init; }
    /// <summary>probe_type = PROBE_PREFER_ASYNCHRONOUS.</summary>
    public bool AsyncProbe { get; init; }
    /// <summary>driver_managed_dma = true.</summary>
    public bool DriverManagedDma { get; init; }
    /// <summary>platform_driver.prevent_deferred_probe = true.</summary>
    public bool PreventDeferredProbe { get; init; }
    /// <summary>The probe function (.probe / .probe_new), null when the struct names none or it was not found.</summary>
    public string? ProbeFunction { get; init; }
    /// <summary>The driver struct's definition.</summary>
    public required SourceLine Source { get; init; }
}

/// <summary>What a match table entry matches on.</summary>
public enum MatchKind
{
    /// <summary>of_device_id.compatible (Value), with optional name/type constraints in <see cref="ImportedMatch.NodeName"/>/<see cref="ImportedMatch.DeviceType"/>.</summary>
    Of,
    /// <summary>platform_device_id.name / a driver name a platform device is created with.</summary>
    Platform,
    /// <summary>i2c_device_id.name (matched against a DT compatible with its vendor prefix stripped).</summary>
    I2c,
    /// <summary>spi_device_id.name (likewise).</summary>
    Spi,
    /// <summary>amba_id: Value is <c>id/mask</c> in hex (<c>00041180/ff0fffff</c>).</summary>
    Amba,
    /// <summary>pci_device_id: Value is <c>vvvv:dddd</c> (<c>*</c> for PCI_ANY_ID) or <c>class=cccccc/mask</c>.</summary>
    Pci,
    /// <summary>acpi_device_id (recorded, unused on DT boards).</summary>
    Acpi,
    /// <summary>
    /// A compatible an AMBA driver's probe insists on (<c>if (!of_device_is_compatible(np, "arm,mhu")) return -ENODEV;</c>):
    /// the part whose peripheral ID the driver's id table holds. Not an OF match (amba_match reads only the periphid);
    /// the boot uses it for a node whose periphid the model cannot read (format 2).
    /// </summary>
    ProbeOf,
}

/// <summary>One match-table entry of a driver (table order kept in <see cref="Order"/>).</summary>
public sealed record ImportedMatch(string DriverId, MatchKind Kind, string Value, int Order, SourceLine Source)
{
    public string? NodeName { get; init; }
    public string? DeviceType { get; init; }
    /// <summary>An OF entry's <c>.data</c> when it is a constant or symbol (<c>(void *)AXP803_ID</c> → <c>AXP803_ID</c>), else null (format 2).</summary>
    public string? Data { get; init; }
}
