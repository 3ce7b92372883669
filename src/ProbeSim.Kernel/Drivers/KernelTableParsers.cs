using System.Globalization;
using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Drivers;

/// <summary>A built-in driver with the key it is ordered by (a stand-in for link order).</summary>
internal sealed record OrderedBuiltIn(string SourceFile, string Symbol, DriverSpec Driver);

/// <summary>Parsers for the files of a kernel table directory (see <see cref="KernelDriverTables"/> for the layout).</summary>
internal static class KernelTableParsers
{
    /// <summary>of-builtin-match-tables.tsv: compatible, table_symbol, binding, driver_symbol, driver_name, source_file, builtin_module, section, node_name, device_type.</summary>
    public static (List<OrderedBuiltIn> Platform, List<SecondaryBusDriver> Secondary) BuiltinMatchTables(string path)
    {
        var groups = new Dictionary<(string Source, string Symbol), (string Binding, string Name, List<string> Compatibles)>();
        var order = new List<(string Source, string Symbol)>();
        foreach (var row in TsvReader.Read(path, 10))
        {
            var compatible = row.Required(0, "compatible");
            row.Required(1, "table symbol");
            var binding = row[2];
            if (binding is not ("platform_driver" or "i2c_driver" or "spi_driver" or "none"))
                throw row.Error(2, $"unknown binding '{binding}' (expected platform_driver, i2c_driver, spi_driver or none)");
            var source = row.Required(5, "source file");
            row.Required(6, "builtin module");
            row.Required(7, "section");
            row.Wildcard(8, "node name");
            row.Wildcard(9, "device type");
            if (binding == "none") continue;
            var symbol = row.Required(3, "driver symbol");
            var name = row.Required(4, "driver name");
            if (symbol == "-") throw row.Error(3, $"a {binding} row needs a driver symbol");
            if (name == "-") throw row.Error(4, $"a {binding} row needs a driver name");
            var key = (source, symbol);
            if (!groups.TryGetValue(key, out var g))
            {
                g = (binding, name, new List<string>());
                groups[key] = g;
                order.Add(key);
            }
            else if (g.Binding != binding || g.Name != name)
                throw row.Error(g.Binding != binding ? 2 : 4, $"driver {symbol} in {source} was listed earlier as {g.Binding} '{g.Name}'");
            if (!g.Compatibles.Contains(compatible)) g.Compatibles.Add(compatible);
        }

        var platform = new List<OrderedBuiltIn>();
        var secondary = new List<SecondaryBusDriver>();
        foreach (var key in order)
        {
            var g = groups[key];
            var compatibles = g.Compatibles.AsReadOnly();
            if (g.Binding == "platform_driver")
                platform.Add(new OrderedBuiltIn(key.Source, key.Symbol, new DriverSpec
                {
                    Name = g.Name,
                    Bus = DriverBus.Platform,
                    Compatibles = compatibles,
                    Availability = DriverAvailability.BuiltIn,
                    Origin = $"built-in {key.Symbol} ({key.Source})",
                }));
            else
                secondary.Add(new SecondaryBusDriver(g.Binding, key.Symbol, g.Name, key.Source, compatibles));
        }
        return (platform, secondary);
    }

    /// <summary>of-module-aliases.tsv: compatible, module, raw_alias, node_name, device_type, module_path. One driver per module, sorted by module name.</summary>
    public static (List<DriverSpec> Modules, List<ModuleOfAlias> Aliases) ModuleAliases(string path)
    {
        var byModule = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var aliases = new List<ModuleOfAlias>();
        var seen = new HashSet<(string, string, string?, string?)>();
        foreach (var row in TsvReader.Read(path, 6))
        {
            var compatible = row.Required(0, "compatible");
            var module = row.Required(1, "module");
            if (!row.Required(2, "alias").StartsWith("of:", StringComparison.Ordinal))
                throw row.Error(2, "an OF alias must start with 'of:'");
            var nodeName = row.Wildcard(3, "node name");
            var deviceType = row.Wildcard(4, "device type");
            var modulePath = row.Required(5, "module path");
            if (seen.Add((compatible, module, nodeName, deviceType)))
                aliases.Add(new ModuleOfAlias(compatible, module, nodeName, deviceType, modulePath));
            if (!byModule.TryGetValue(module, out var list)) byModule[module] = list = new List<string>();
            if (!list.Contains(compatible)) list.Add(compatible);
        }
        var modules = byModule.Select(kv => new DriverSpec
        {
            Name = kv.Key,
            Bus = DriverBus.Platform,
            Compatibles = kv.Value.AsReadOnly(),
            Availability = DriverAvailability.Module,
            Module = kv.Key,
            Origin = $"module {kv.Key} (of: aliases)",
        }).ToList();
        return (modules, aliases);
    }

    /// <summary>early-of-tables.tsv: table, compatible, entry_symbol, init_function, of_name, of_type. Rows with an empty compatible are skipped.</summary>
    public static List<EarlyEntry> EarlyTables(string path)
    {
        var entries = new List<EarlyEntry>();
        foreach (var row in TsvReader.Read(path, 6))
        {
            var tableName = row.Required(0, "table name");
            var initFunction = row[3];
            EarlyTable table = tableName switch
            {
                "__clk_of_table" => initFunction.EndsWith("_of_clk_init_driver", StringComparison.Ordinal) ? EarlyTable.ClkDriver : EarlyTable.Clk,
                "__irqchip_of_table" => EarlyTable.Irqchip,
                "__timer_of_table" => EarlyTable.Timer,
                "__reservedmem_of_table" => EarlyTable.ReservedMem,
                "__earlycon_table" => EarlyTable.Earlycon,
                "__iommu_of_table" => EarlyTable.Iommu,
                _ => throw row.Error(0, $"unknown early table '{tableName}'"),
            };
            row.Required(2, "entry symbol");
            if (row[1].Length == 0) continue;
            entries.Add(new EarlyEntry(table, row[1], initFunction.Length == 0 ? null : initFunction));
        }
        return entries;
    }

    /// <summary>amba-ids.tsv: alias_pattern, where, driver_or_module, id, mask, driver_symbol, source_file_or_module_path.</summary>
    public static (List<OrderedBuiltIn> BuiltIns, List<DriverSpec> Modules) AmbaIds(string path)
    {
        var builtIns = new Dictionary<(string Source, string Symbol), (string Name, List<AmbaId> Ids)>();
        var builtInOrder = new List<(string Source, string Symbol)>();
        var modules = new SortedDictionary<string, List<AmbaId>>(StringComparer.Ordinal);
        foreach (var row in TsvReader.Read(path, 7))
        {
            row.Required(0, "alias pattern");
            var where = row[1];
            if (where is not ("builtin" or "module")) throw row.Error(1, $"unknown location '{where}' (expected builtin or module)");
            var name = row.Required(2, where == "builtin" ? "driver name" : "module");
            var id = ParseId(row);
            var symbol = row.Required(5, "driver symbol");
            var source = row.Required(6, "source file");
            List<AmbaId> ids;
            if (where == "builtin")
            {
                if (symbol == "-") throw row.Error(5, "a built-in AMBA row needs a driver symbol");
                var key = (source, symbol);
                if (!builtIns.TryGetValue(key, out var g))
                {
                    builtIns[key] = g = (name, new List<AmbaId>());
                    builtInOrder.Add(key);
                }
                else if (g.Name != name) throw row.Error(2, $"driver {symbol} in {source} was listed earlier as '{g.Name}'");
                ids = g.Ids;
            }
            else if (modules.TryGetValue(name, out var moduleIds)) ids = moduleIds;
            else modules[name] = ids = new List<AmbaId>();
            if (id is not null && !ids.Contains(id)) ids.Add(id);
        }
        var builtInDrivers = builtInOrder.Select(k => new OrderedBuiltIn(k.Source, k.Symbol, new DriverSpec
        {
            Name = builtIns[k].Name,
            Bus = DriverBus.Amba,
            AmbaIds = builtIns[k].Ids.AsReadOnly(),
            Availability = DriverAvailability.BuiltIn,
            Origin = $"built-in amba {k.Symbol} ({k.Source})",
        })).ToList();
        var moduleDrivers = modules.Select(kv => new DriverSpec
        {
            Name = kv.Key,
            Bus = DriverBus.Amba,
            AmbaIds = kv.Value.AsReadOnly(),
            Availability = DriverAvailability.Module,
            Module = kv.Key,
            Origin = $"module {kv.Key} (amba: aliases)",
        }).ToList();
        return (builtInDrivers, moduleDrivers);
    }

    private static AmbaId? ParseId(TsvRow row)
    {
        var idText = row[3];
        var maskText = row[4];
        if (idText == "-" || maskText == "-")
        {
            if (idText != maskText) throw row.Error(idText == "-" ? 4 : 3, "id and mask must both be '-' (empty id table) or both be hex numbers");
            return null;
        }
        return new AmbaId(ParseHex(row, 3, "id"), ParseHex(row, 4, "mask"));
    }

    private static uint ParseHex(TsvRow row, int field, string what)
    {
        var s = row[field];
        if (s.Length is 0 or > 8 || !uint.TryParse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v))
            throw row.Error(field, $"bad {what} '{s}' (expected up to 8 hex digits)");
        return v;
    }

    /// <summary>config.txt: <c>CONFIG_X=value</c> lines and <c># CONFIG_X is not set</c> (recorded as "n"); other comments and empty lines are skipped.</summary>
    public static Dictionary<string, string> Config(string path)
    {
        var config = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNo = 0;
        foreach (var raw in KernelTableDirectory.ReadLines(path))
        {
            lineNo++;
            var line = raw.EndsWith('\r') ? raw[..^1] : raw;
            if (line.Length == 0) continue;
            if (line[0] == '#')
            {
                const string notSet = " is not set";
                if (line.StartsWith("# CONFIG_", StringComparison.Ordinal) && line.EndsWith(notSet, StringComparison.Ordinal))
                    config[line[2..^notSet.Length]] = "n";
                continue;
            }
            var eq = line.IndexOf('=');
            if (!line.StartsWith("CONFIG_", StringComparison.Ordinal) || eq < 0)
                throw new KernelTableException(new SourceLocation(path, lineNo, 1), "expected CONFIG_NAME=value");
            config[line[..eq]] = line[(eq + 1)..];
        }
        return config;
    }
}
