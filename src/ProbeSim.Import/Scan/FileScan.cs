using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Scan;

/// <summary>A driver struct as read from one file (names still symbolic).</summary>
public sealed record ScannedDriver
{
    public required string Symbol { get; init; }
    public required ImportedBus Bus { get; init; }
    public string? Name { get; init; }
    public string? NameExpression { get; init; }
    public string? OfTable { get; init; }
    public string? IdTable { get; init; }
    public string? AcpiTable { get; init; }
    public string? Probe { get; init; }
    public bool AsyncProbe { get; init; }
    public bool DriverManagedDma { get; init; }
    public bool PreventDeferredProbe { get; init; }
    public bool IsStatic { get; init; }
    public required int Line { get; init; }
    /// <summary>An AMBA driver's probe-time compatible guards (<c>if (!of_device_is_compatible(np, "c")) return -ENODEV;</c>), with their lines.</summary>
    public IReadOnlyList<ScannedEntry> ProbeCompatibles { get; init; } = [];
}

/// <summary>One match-table entry read from a table definition; <see cref="Data"/>: an OF entry's <c>.data</c> as a symbol or number.</summary>
public sealed record ScannedEntry(MatchKind Kind, string Value, string? NodeName, string? DeviceType, int Line)
{
    public string? Data { get; init; }
}

/// <summary>A match table: its struct type and entries in order.</summary>
public sealed record ScannedTable(string Symbol, string StructType, IReadOnlyList<ScannedEntry> Entries, bool InitSection, int Line)
{
    /// <summary>The file that defines the table when it is not the scanned C file: a header beside it that the file
    /// includes with quotes (onboard_usb_dev.h's onboard_dev_match in v6.12).</summary>
    public string? File { get; init; }
}

/// <summary>
/// A registration: the driver symbols it registers, from which function (null = a module_*_driver/builtin_* macro), at
/// which initcall level (null = the function is not reached from an initcall of its file), and a probe function given
/// with the registration (platform_driver_probe).
/// </summary>
public sealed record ScannedRegistration(IReadOnlyList<string> Drivers, string? Function, bool FunctionIsInitcall, InitcallLevel? Level, string? Probe, int Line);

/// <summary>An early OF declare: table, entry name, compatible, init function.</summary>
public sealed record ScannedEarly(EarlyTable Table, string EntryName, string Compatible, string InitFunction, int Line);

/// <summary>Everything read from one C file.</summary>
public sealed record FileScan
{
    public required string File { get; init; }
    public List<ScannedDriver> Drivers { get; } = new();
    public Dictionary<string, ScannedTable> Tables { get; } = new(StringComparer.Ordinal);
    public List<ScannedRegistration> Registrations { get; } = new();
    public List<ScannedEarly> Early { get; } = new();
    public List<ImportedUnknown> Unknowns { get; } = new();
    /// <summary>OF tables that a driver struct of a bus the import does not record points at (serdev, spmi, rpmsg, mdio, ...): table → (struct type, symbol).</summary>
    public Dictionary<string, (string StructType, string Symbol)> OtherBusTables { get; } = new(StringComparer.Ordinal);
    /// <summary>OF tables exported with MODULE_DEVICE_TABLE(of, ...) (module aliases) that no driver struct points at: an I2C/SPI driver then matches by its id table.</summary>
    public List<string> AliasOnlyTables { get; } = new();
    /// <summary>Functions of other files that an initcall of this file calls (hci_uart's init calls bcm_init in hci_bcm.c), with the level.</summary>
    public Dictionary<string, InitcallLevel> ExternalCalls { get; } = new(StringComparer.Ordinal);
}
