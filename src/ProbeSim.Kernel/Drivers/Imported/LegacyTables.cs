using static ProbeSim.Kernel.Drivers.Imported.DriverSetFiles;

namespace ProbeSim.Kernel.Drivers.Imported;

/// <summary>
/// Writes the five tables of the binary-derived layout (../shared/kernels/README.md) from an import, so that a reader of
/// that layout sees the same drivers: columns only a binary has are filled from the source where it says them
/// (<c>section</c>: <c>-</c>; <c>module_path</c>: <c>-</c>; early <c>entry_symbol</c>: <c>__of_table_</c> + the init
/// function; a CLK_OF_DECLARE_DRIVER's init function gets the <c>_of_clk_init_driver</c> suffix its wrapper has).
/// </summary>
internal static class LegacyTables
{
    public static void Write(ImportedKernel kernel, string dir, string? configText)
    {
        var drivers = kernel.Drivers.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var source = $"imported from source by {kernel.Manifest.Generator} (kernel {kernel.Manifest.KernelVersion})";
        static string Symbol(string id) => id[(id.LastIndexOf(':') + 1)..];
        static string Star(string? s) => string.IsNullOrEmpty(s) ? "*" : s;

        var builtin = new List<string>();
        var modules = new List<string>();
        var amba = new List<string>();
        foreach (var m in kernel.Matches)
        {
            // entries matching only a node name or device_type have no compatible: the binary layout has no row for them
            if (!drivers.TryGetValue(m.DriverId, out var d) || (m.Kind == MatchKind.Of && m.Value.Length == 0)) continue;
            if (m.Kind == MatchKind.Of && d.Status == BuildStatus.BuiltIn && d.Bus is ImportedBus.Platform or ImportedBus.I2c or ImportedBus.Spi)
                builtin.Add(Row(m.Value, "-", d.Bus switch { ImportedBus.I2c => "i2c_driver", ImportedBus.Spi => "spi_driver", _ => "platform_driver" },
                    Symbol(d.Id), d.Name, d.Source.File, d.Module ?? "-", "-", Star(m.NodeName), Star(m.DeviceType)));
            else if (m.Kind == MatchKind.Of && d.Status == BuildStatus.Module && d.Module is { } module)
            {
                var alias = $"of:N{Star(m.NodeName)}T{Star(m.DeviceType)}{(m.DeviceType is null ? "" : "*")}C{m.Value}";
                modules.Add(Row(m.Value, module, alias, Star(m.NodeName), Star(m.DeviceType), "-"));
                modules.Add(Row(m.Value, module, alias + "C*", Star(m.NodeName), Star(m.DeviceType), "-"));
            }
            else if (m.Kind == MatchKind.Amba && d.Bus == ImportedBus.Amba && d.Status is BuildStatus.BuiltIn or BuildStatus.Module && m.Value.Split('/') is [var id, var mask])
            {
                var pattern = AmbaPattern(id, mask);
                amba.Add(d.Status == BuildStatus.BuiltIn
                    ? Row(pattern, "builtin", d.Name, id, mask, Symbol(d.Id), d.Source.File)
                    : Row(pattern, "module", d.Module ?? d.Name, id, mask, "-", "-"));
            }
        }
        Save(dir, "of-builtin-match-tables.tsv", Legacy("of-builtin-match-tables.tsv", source,
            "compatible\ttable_symbol\tbinding\tdriver_symbol\tdriver_name\tsource_file\tbuiltin_module\tsection\tnode_name\tdevice_type", builtin));
        Save(dir, "of-module-aliases.tsv", Legacy("of-module-aliases.tsv", source,
            "compatible\tmodule\traw_alias\tnode_name\tdevice_type\tmodule_path", modules));
        Save(dir, "amba-ids.tsv", Legacy("amba-ids.tsv", source,
            "alias_pattern\twhere\tdriver_or_module\tid\tmask\tdriver_symbol\tsource_file_or_module_path", amba));
        var early = kernel.EarlyInits.Where(e => e.Status == BuildStatus.BuiltIn).Select(e => Row(
            TableName(e.Table), e.Compatible, "__of_table_" + e.InitFunction,
            e.Table == EarlyTable.ClkDriver ? e.InitFunction + "_of_clk_init_driver" : e.InitFunction, "", ""));
        Save(dir, "early-of-tables.tsv", Legacy("early-of-tables.tsv", source,
            "table\tcompatible\tentry_symbol\tinit_function\tof_name\tof_type", early));
        Save(dir, "config.txt", $"# config.txt: the kernel .config the import read ({source})\n" + (configText ?? "").Replace("\r\n", "\n"));
    }

    private static string Legacy(string file, string source, string columns, IEnumerable<string> rows)
    {
        var sorted = rows.Distinct().Order(StringComparer.Ordinal);
        return $"# {file}: {source}; sorted (C locale); columns: {columns}\n" + string.Concat(sorted.Select(r => r + "\n"));
    }

    /// <summary>file2alias do_amba_entry: 8 hex digits of the id, '?' where the mask nibble is 0.</summary>
    private static string AmbaPattern(string id, string mask)
    {
        var chars = new char[8];
        for (int i = 0; i < 8; i++) chars[i] = mask[i] == '0' ? '?' : id[i];
        return "amba:d" + new string(chars);
    }

    private static string TableName(EarlyTable t) => t switch
    {
        EarlyTable.Clk or EarlyTable.ClkDriver => "__clk_of_table",
        EarlyTable.Irqchip => "__irqchip_of_table",
        EarlyTable.Timer => "__timer_of_table",
        EarlyTable.ReservedMem => "__reservedmem_of_table",
        EarlyTable.Earlycon => "__earlycon_table",
        _ => "__iommu_of_table",
    };
}
