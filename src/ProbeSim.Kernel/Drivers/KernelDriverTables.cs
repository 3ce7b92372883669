using System.Collections.ObjectModel;
using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Kernel.Drivers;

/// <summary>
/// A real kernel's drivers, read once from a directory laid out like <c>/work/shared/kernels/debian-bookworm-arm64</c>
/// (see that folder's README). Every table must be there (<see cref="KernelTableDirectory.RequiredFiles"/>); a table
/// may hold no rows.
/// <list type="bullet">
/// <item><c>of-builtin-match-tables.tsv</c>: rows with binding <c>platform_driver</c>, grouped by (source file, driver
/// symbol) — the symbol alone is not unique (two static <c>rockchip_pcie_driver</c>s, two <c>arm_smmu_driver</c>s) —
/// become built-in platform drivers named <c>driver_name</c>, with the table's compatibles (the file is sorted, so the
/// table's own entry order is lost). <c>i2c_driver</c>/<c>spi_driver</c> rows become <see cref="SecondaryBusDrivers"/>;
/// <c>none</c> rows (tables used by code) are no drivers.</item>
/// <item><c>of-module-aliases.tsv</c>: one platform driver per module, named after the module, compatibles from the
/// <c>C&lt;compat&gt;</c> aliases; the per-alias node name/device type are in <see cref="ModuleAliases"/>.</item>
/// <item><c>amba-ids.tsv</c>: built-in AMBA drivers grouped by (source, symbol), AMBA module drivers grouped by module;
/// an id of <c>-</c> is an empty id table (binds only through driver_override).</item>
/// <item><c>early-of-tables.tsv</c>: <see cref="EarlyEntry"/>s (CLK_OF_DECLARE_DRIVER when the init function ends in
/// <c>_of_clk_init_driver</c>); rows with an empty compatible (name-only earlycons) are skipped.</item>
/// <item><c>config.txt</c>: <see cref="Modules"/> = <c>CONFIG_MODULES=y</c>.</item>
/// </list>
/// Registration order: built-ins (platform and AMBA together) sorted by source file path, then driver symbol (ordinal) —
/// a stand-in for link order, which the tables do not record; all at initcall level device. Then the modules, sorted by
/// module name (platform before AMBA). Every module's <see cref="DriverSpec.LoadAt"/> is the autoload time (udev
/// coldplug); the kernel model decides which modules really get loaded by matching present devices.
/// A directory with a <c>manifest.json</c> is an imported set (<c>probesim kernel import</c>): its drivers and early
/// entries come from drivers.tsv/matches.tsv/plans.tsv/early-inits.tsv instead (<see cref="ImportedSpecs"/>);
/// the five tables above must still be there and are still checked.
/// Instances are immutable: load once, share across boots; <see cref="Resolve"/> returns the same prebuilt set.
/// </summary>
public sealed class KernelDriverTables : IDriverSetSource
{
    /// <summary>Default coldplug time: 1 s after late_initcall.</summary>
    public const double DefaultModuleAutoloadAt = 1.0;

    private readonly DriverSet _set;

    /// <summary>
    /// Reads the directory. Throws <see cref="DirectoryNotFoundException"/> when it is not a driver set (naming what is
    /// missing, <see cref="KernelTableDirectory.Check"/>), <see cref="KernelTableException"/> (file:line:col) on the first malformed row.
    /// </summary>
    /// <param name="directory">The table directory.</param>
    /// <param name="moduleAutoloadAt">Seconds after late_initcall at which modules matching present devices are loaded; null = never.</param>
    public KernelDriverTables(string directory, double? moduleAutoloadAt = DefaultModuleAutoloadAt)
    {
        if (moduleAutoloadAt is { } t && (double.IsNaN(t) || t < 0 || t > ScenarioTime.MaxSeconds)) throw new ArgumentOutOfRangeException(nameof(moduleAutoloadAt));
        KernelTableDirectory.Check(directory);
        Directory = directory;
        Name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
        ModuleAutoloadAt = moduleAutoloadAt;

        ImportedSet = DriverSetFiles.TryRead(directory);
        var (platform, secondary) = KernelTableParsers.BuiltinMatchTables(Path.Combine(directory, "of-builtin-match-tables.tsv"));
        var (ofModules, aliases) = KernelTableParsers.ModuleAliases(Path.Combine(directory, "of-module-aliases.tsv"));
        var (ambaBuiltIns, ambaModules) = KernelTableParsers.AmbaIds(Path.Combine(directory, "amba-ids.tsv"));
        var early = KernelTableParsers.EarlyTables(Path.Combine(directory, "early-of-tables.tsv"));
        var config = KernelTableParsers.Config(Path.Combine(directory, "config.txt"));

        var builtIns = platform.Concat(ambaBuiltIns)
            .OrderBy(b => LinkOrder.Key(b.SourceFile), StringComparer.Ordinal)
            .ThenBy(b => b.Symbol, StringComparer.Ordinal)
            .Select(b => KnownDrivers.Apply(b.Driver with { RecordsDeferReasons = false }));
        var modules = ofModules.Concat(ambaModules)
            .OrderBy(m => m.Module, StringComparer.Ordinal)
            .ThenBy(m => m.Bus)
            .Select(m => KnownDrivers.Apply(m with { LoadAt = moduleAutoloadAt, RecordsDeferReasons = false }));

        // an imported set (manifest.json): its own drivers.tsv/early-inits.tsv, with every bus, initcall level and plan
        Drivers = ImportedSet is { } imported ? ImportedSpecs.Drivers(imported, moduleAutoloadAt) : builtIns.Concat(modules).ToList().AsReadOnly();
        EarlyTables = ImportedSet is { } importedEarly ? ImportedSpecs.Early(importedEarly) : early.AsReadOnly();
        SecondaryBusDrivers = secondary.AsReadOnly();
        ModuleAliases = aliases.AsReadOnly();
        Config = new ReadOnlyDictionary<string, string>(config);
        Modules = !config.TryGetValue("CONFIG_MODULES", out var m) || m == "y";
        _set = new DriverSet
        {
            Name = Name,
            Drivers = Drivers,
            EarlyTables = EarlyTables,
            Modules = Modules,
            ModuleAutoloadAt = moduleAutoloadAt,
        };
    }

    /// <summary>The imported driver set when the directory has a manifest.json (<see cref="DriverSetFiles"/>); null for binary-derived tables.</summary>
    public ImportedKernel? ImportedSet { get; }

    /// <summary>The directory name (e.g. <c>debian-bookworm-arm64</c>).</summary>
    public string Name { get; }

    public string Directory { get; }

    /// <summary>Built-ins in registration order, then modules.</summary>
    public IReadOnlyList<DriverSpec> Drivers { get; }

    public IReadOnlyList<EarlyEntry> EarlyTables { get; }

    /// <summary>Built-in I2C/SPI drivers with OF tables (no platform driver; for reports).</summary>
    public IReadOnlyList<SecondaryBusDriver> SecondaryBusDrivers { get; }

    /// <summary>Every module OF alias (plain and <c>C*</c> forms folded), with node name / device type constraints.</summary>
    public IReadOnlyList<ModuleOfAlias> ModuleAliases { get; }

    /// <summary>The kernel configuration (<c># CONFIG_X is not set</c> = "n").</summary>
    public IReadOnlyDictionary<string, string> Config { get; }

    /// <summary>CONFIG_MODULES=y.</summary>
    public bool Modules { get; }

    public double? ModuleAutoloadAt { get; }

    /// <summary>The same set whatever the board (the tables do not depend on it); nothing is re-read.</summary>
    public DriverSet Resolve(DtTree tree) => _set;
}
