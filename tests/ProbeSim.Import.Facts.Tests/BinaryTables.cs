using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Facts.Tests;

/// <summary>
/// The binary package's tables (../shared/kernels/debian-bookworm-arm64, README.md there): built-in OF match tables
/// with their driver symbol, module OF aliases, AMBA ids and the early OF tables, as a build status per driver.
/// </summary>
public sealed class BinaryTables
{
    private readonly List<string[]> _builtinOf;
    private readonly List<string[]> _moduleOf;
    private readonly List<string[]> _amba;
    private readonly List<string[]> _early;

    public BinaryTables(string dir)
    {
        _builtinOf = Rows(Path.Combine(dir, "of-builtin-match-tables.tsv"));
        _moduleOf = Rows(Path.Combine(dir, "of-module-aliases.tsv"));
        _amba = Rows(Path.Combine(dir, "amba-ids.tsv"));
        _early = Rows(Path.Combine(dir, "early-of-tables.tsv"));
        Config = File.ReadAllLines(Path.Combine(dir, "config.txt")).ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlySet<string> Config { get; }

    private static List<string[]> Rows(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('\t')).ToList();

    /// <summary>What the binary says of a driver: status, module and the OF compatibles / AMBA ids the tables hold for it;
    /// null when no table covers the driver (a PCI or I2C driver without an OF table).</summary>
    public BinaryVerdict? Driver(ExpectedDriver d)
    {
        if (d.Bus == ImportedBus.Amba)
        {
            var builtin = _amba.Where(r => r[1] == "builtin" && r[5] == d.Symbol && r[6] == d.File).ToList();
            if (builtin.Count > 0)
                // amba-ids.tsv names no modules.builtin module for built-in rows: the entry's own is taken as is.
                return new(BuildStatus.BuiltIn, d.Module, builtin.Where(r => r[3] != "-").Select(r => $"{r[3]}/{r[4]}").ToHashSet());
            var module = _amba.Where(r => r[1] == "module" && d.Module is not null && r[2] == d.Module).ToList();
            if (module.Count > 0) return new(BuildStatus.Module, d.Module, module.Select(r => $"{r[3]}/{r[4]}").ToHashSet());
            return d.OfCompatibles.Count == 0 && d.BusIds.Count == 0 ? null : new(BuildStatus.NotBuilt, null, new HashSet<string>());
        }
        if (d.OfCompatibles.Count == 0) return null;
        // of-builtin-match-tables.tsv: compatible, table, binding, driver_symbol, driver_name, source_file, builtin_module
        var rows = _builtinOf.Where(r => r[3] == d.Symbol && r[5] == d.File).ToList();
        if (rows.Count > 0)
            return new(BuildStatus.BuiltIn, rows[0][6] == "-" ? null : rows[0][6], rows.Select(r => r[0]).ToHashSet());
        // of-module-aliases.tsv: compatible, module, raw alias, node, type, module path
        var mods = _moduleOf.Where(r => d.OfCompatibles.Contains(r[0])).ToList();
        if (mods.Count > 0)
        {
            var module = d.Module is not null && mods.Any(r => r[1] == d.Module) ? d.Module : mods[0][1];
            // every alias of the module: a module may hold several drivers, so the driver's table is a subset
            return new(BuildStatus.Module, module, _moduleOf.Where(r => r[1] == module).Select(r => r[0]).ToHashSet(), Subset: true);
        }
        return new(BuildStatus.NotBuilt, null, new HashSet<string>());
    }

    /// <summary>The early table rows for a compatible: (table, init_function).</summary>
    public IReadOnlyList<(string Table, string Init)> Early(string compatible) =>
        _early.Where(r => r[1] == compatible).Select(r => (r[0], r[3])).ToList();

    /// <summary>The kernel section an early table entry lands in (include/asm-generic/vmlinux.lds.h).</summary>
    public static string TableSymbol(EarlyTable t) => t switch
    {
        EarlyTable.Clk or EarlyTable.ClkDriver => "__clk_of_table",
        EarlyTable.Irqchip => "__irqchip_of_table",
        EarlyTable.Timer => "__timer_of_table",
        EarlyTable.ReservedMem => "__reservedmem_of_table",
        EarlyTable.Earlycon => "__earlycon_table",
        EarlyTable.Iommu => "__iommu_of_table",
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };
}

/// <summary>A driver's build status as the binary tables show it, with the match values found there
/// (<see cref="Subset"/>: the driver's values must be among them, not all of them).</summary>
public sealed record BinaryVerdict(BuildStatus Status, string? Module, IReadOnlySet<string> Values, bool Subset = false);
