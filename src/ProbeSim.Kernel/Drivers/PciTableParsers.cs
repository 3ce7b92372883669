using System.Globalization;
using System.Text.RegularExpressions;

namespace ProbeSim.Kernel.Drivers;

/// <summary>Parsers for the files of a PCI driver-table directory (see <see cref="PciDriverTables"/> for the layout). Every error is file:line:col.</summary>
internal static partial class PciTableParsers
{
    // scripts/mod/file2alias.c do_pci_entry: prefix, v/d/sv/sd as %08X or '*', bc/sc/i as %02X or '*', then add_wildcard
    [GeneratedRegex(@"^(?<prefix>pci|vfio_pci):v(?<v>[0-9A-F]{8}|\*)d(?<d>[0-9A-F]{8}|\*)sv(?<sv>[0-9A-F]{8}|\*)sd(?<sd>[0-9A-F]{8}|\*)bc(?<bc>[0-9A-F]{2}|\*)sc(?<sc>[0-9A-F]{2}|\*)i(?:(?<i>[0-9A-F]{2})\*|\*)$")]
    private static partial Regex AliasPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_.+/-]+\.[chS]:[1-9][0-9]*(-[1-9][0-9]*)?$")]
    private static partial Regex SourceLinePattern();

    /// <summary>pci-module-aliases.tsv: module, vendor, device, subvendor, subdevice, class, class_mask, raw_alias. The decoded columns must agree with the alias.</summary>
    public static List<(PciModuleAlias Alias, TsvRow Row)> ModuleAliases(string path)
    {
        var aliases = new List<(PciModuleAlias, TsvRow)>();
        foreach (var row in TsvReader.Read(path, 8))
        {
            var module = row.Required(0, "module");
            var id = Ids(row, 1, allowUnrecorded: false)!;
            var raw = row.Required(7, "alias");
            var m = AliasPattern().Match(raw);
            if (!m.Success)
                throw row.Error(7, $"'{raw}' is not a pci: or vfio_pci: alias as file2alias writes it (pci:v…d…sv…sd…bc…sc…i…)");
            // the decoded columns are what the alias says, field by field
            CheckAliasField(row, 1, id.Vendor, m.Groups["v"].Value, "vendor");
            CheckAliasField(row, 2, id.Device, m.Groups["d"].Value, "device");
            CheckAliasField(row, 3, id.Subvendor, m.Groups["sv"].Value, "subvendor");
            CheckAliasField(row, 4, id.Subdevice, m.Groups["sd"].Value, "subdevice");
            uint cls = 0, mask = 0;
            foreach (var (group, shift) in new[] { ("bc", 16), ("sc", 8), ("i", 0) })
            {
                var g = m.Groups[group];
                if (!g.Success || g.Value == "*") continue;
                cls |= uint.Parse(g.Value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture) << shift;
                mask |= 0xffu << shift;
            }
            if (mask != (id.Class is null ? 0 : id.ClassMask) || cls != (id.Class ?? 0))
                throw row.Error(5, $"class {row[5]}/{row[6]} is not what the alias gives ({cls:x6}/{mask:x6})");
            aliases.Add((new PciModuleAlias(module, id with { OverrideOnly = m.Groups["prefix"].Value == "vfio_pci" }, raw), row));
        }
        return aliases;
    }

    private static void CheckAliasField(TsvRow row, int field, ushort? value, string alias, string what)
    {
        uint? fromAlias = alias == "*" ? null : uint.Parse(alias, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        if (fromAlias != value)
            throw row.Error(field, $"{what} {row[field]} is not what the alias gives ({(fromAlias is { } v ? v.ToString("x4", CultureInfo.InvariantCulture) : "*")})");
    }

    /// <summary>
    /// Columns first..first+5 as vendor, device, subvendor, subdevice ('*' or 4 hex digits), class, class_mask (6 hex
    /// digits; a zero mask is no class). All '-' (only when <paramref name="allowUnrecorded"/>): null.
    /// </summary>
    private static PciId? Ids(TsvRow row, int first, bool allowUnrecorded)
    {
        if (allowUnrecorded && Enumerable.Range(first, 6).All(i => row[i] == "-")) return null;
        var ids = new ushort?[4];
        for (var i = 0; i < 4; i++)
        {
            var s = row[first + i];
            if (s == "*") continue;
            if (s.Length != 4 || !ushort.TryParse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v))
                throw row.Error(first + i, $"bad {IdNames[i]} '{s}' (expected 4 hex digits or *{(allowUnrecorded ? ", or - in every id column" : "")})");
            ids[i] = v;
        }
        var cls = Hex24(row, first + 4, "class");
        var mask = Hex24(row, first + 5, "class mask");
        if ((cls & ~mask) != 0)
            throw row.Error(first + 4, $"class {row[first + 4]} has bits outside its mask {row[first + 5]}");
        return new PciId(ids[0], ids[1], mask == 0 ? null : cls, mask == 0 ? 0xffffff : mask) { Subvendor = ids[2], Subdevice = ids[3] };
    }

    private static readonly string[] IdNames = ["vendor", "device", "subvendor", "subdevice"];

    private static uint Hex24(TsvRow row, int field, string what)
    {
        var s = row[field];
        if (s.Length != 6 || !uint.TryParse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v))
            throw row.Error(field, $"bad {what} '{s}' (expected 6 hex digits)");
        return v;
    }

    /// <summary>pci-modules.tsv: module, order, module_path, pci_alias_rows.</summary>
    public static List<(PciKernelModule Module, TsvRow Row)> KernelModules(string path)
    {
        var modules = new List<(PciKernelModule, TsvRow)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var orders = new HashSet<int>();
        foreach (var row in TsvReader.Read(path, 4))
        {
            var module = row.Required(0, "module");
            if (!names.Add(module)) throw row.Error(0, $"module {module} is listed twice");
            var order = PositiveInt(row, 1, "order", allowZero: false);
            if (!orders.Add(order)) throw row.Error(1, $"order {order} is given to two modules");
            var modulePath = row.Required(2, "module path");
            if (!modulePath.EndsWith(".ko", StringComparison.Ordinal)) throw row.Error(2, $"module path '{modulePath}' does not end in .ko");
            modules.Add((new PciKernelModule(module, order, modulePath, PositiveInt(row, 3, "alias row count", allowZero: true)), row));
        }
        return modules;
    }

    private static int PositiveInt(TsvRow row, int field, string what, bool allowZero)
    {
        var s = row[field];
        if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || (v == 0 && !allowZero))
            throw row.Error(field, $"bad {what} '{s}' (expected a {(allowZero ? "" : "positive ")}decimal number)");
        return v;
    }

    /// <summary>pci-driver-names.tsv: module, driver_name, where, name_at, flags, note.</summary>
    public static List<(PciDriverNameFact Fact, TsvRow Row)> DriverNames(string path)
    {
        var facts = new List<(PciDriverNameFact, TsvRow)>();
        var modules = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in TsvReader.Read(path, 6))
        {
            var module = row.Required(0, "module");
            if (!modules.Add(module)) throw row.Error(0, $"module {module} is listed twice");
            var name = row.Required(1, "driver name");
            var where = row[2];
            if (where is not ("module" or "absent")) throw row.Error(2, $"unknown location '{where}' (expected module or absent)");
            var nameAt = row.Required(3, "name source");
            if (where == "module") SourceLine(row, 3);
            else if (nameAt != "-") throw row.Error(3, "a driver absent from the package has no source line ('-')");
            var (asyncAt, dmaAt) = Flags(row, 4);
            facts.Add((new PciDriverNameFact(module, name, where == "module", where == "module" ? nameAt : null, asyncAt, dmaAt, row[5]), row));
        }
        return facts;
    }

    private static string SourceLine(TsvRow row, int field, string? text = null, int offset = 0)
    {
        var s = text ?? row[field];
        if (!SourceLinePattern().IsMatch(s))
            throw new KernelTableException(new(row.File, row.Line, row.Column(field) + offset), $"'{s}' is not FILE:LINE (a .c/.h/.S path in the kernel tree and a line number)");
        return s;
    }

    /// <summary>'-' or a comma list of async@FILE:LINE and managed-dma@FILE:LINE.</summary>
    private static (string? Async, string? ManagedDma) Flags(TsvRow row, int field)
    {
        var s = row.Required(field, "flags");
        if (s == "-") return (null, null);
        string? asyncAt = null, dmaAt = null;
        var offset = 0;
        foreach (var item in s.Split(','))
        {
            var at = item.IndexOf('@');
            var flag = at < 0 ? item : item[..at];
            if (flag is not ("async" or "managed-dma") || at < 0)
                throw new KernelTableException(new(row.File, row.Line, row.Column(field) + offset),
                    $"unknown flag '{item}' (expected async@FILE:LINE or managed-dma@FILE:LINE)");
            var where = SourceLine(row, field, item[(at + 1)..], offset + at + 1);
            if ((flag == "async" ? asyncAt : dmaAt) is not null)
                throw new KernelTableException(new(row.File, row.Line, row.Column(field) + offset), $"flag {flag} is given twice");
            if (flag == "async") asyncAt = where; else dmaAt = where;
            offset += item.Length + 1;
        }
        return (asyncAt, dmaAt);
    }

    /// <summary>
    /// pci-builtin-drivers.tsv: driver, driver_symbol, config, link_rank, source, vendor, device, subvendor, subdevice,
    /// class, class_mask, override_only, flags, note. Rows of one driver must agree on symbol, config, rank and flags;
    /// the config symbol must be =y in <paramref name="config"/>.
    /// </summary>
    public static List<PciBuiltinDriver> BuiltinDrivers(string path, IReadOnlyDictionary<string, string> config, string configPath)
    {
        var drivers = new List<PciBuiltinDriver>();
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in TsvReader.Read(path, 14))
        {
            var name = row.Required(0, "driver name");
            var symbol = row.Required(1, "driver symbol");
            var symbolConfig = row.Required(2, "config symbol");
            if (!symbolConfig.StartsWith("CONFIG_", StringComparison.Ordinal)) throw row.Error(2, $"'{symbolConfig}' is not a CONFIG_ symbol");
            var value = config.TryGetValue(symbolConfig, out var v) ? v : "absent";
            if (value != "y") throw row.Error(2, $"{symbolConfig} is {value} in {configPath}, so the driver is not built in");
            var rank = PositiveInt(row, 3, "link rank", allowZero: false);
            var source = SourceLine(row, 4);
            var id = Ids(row, 5, allowUnrecorded: true);
            var overrideOnly = row[11] switch
            {
                "0" => false,
                "1" => true,
                "-" when id is null => false,
                var s => throw row.Error(11, $"bad override_only '{s}' (expected 0 or 1{(id is null ? ", or -" : "")})"),
            };
            if (id is null && row[11] != "-") throw row.Error(11, "a driver whose table is not recorded has '-' here too");
            var (asyncAt, dmaAt) = Flags(row, 12);
            if (asyncAt is not null) throw row.Error(12, "built-in PCI drivers here probe synchronously; async is for modules");
            if (!byName.TryGetValue(name, out var index))
            {
                byName[name] = drivers.Count;
                drivers.Add(new PciBuiltinDriver(name, symbol, symbolConfig, rank, id is not null,
                    id is null ? [] : [new PciBuiltinId(id with { OverrideOnly = overrideOnly }, source)], source, dmaAt, row[13]));
                continue;
            }
            var d = drivers[index];
            if (d.Symbol != symbol || d.Config != symbolConfig || d.LinkRank != rank || d.ManagedDmaAt != dmaAt)
                throw row.Error(d.Symbol != symbol ? 1 : d.Config != symbolConfig ? 2 : d.LinkRank != rank ? 3 : 12,
                    $"driver {name} was listed earlier with symbol {d.Symbol}, {d.Config}, rank {d.LinkRank}, flags {d.ManagedDmaAt ?? "-"}");
            if (!d.IdsRecorded || id is null)
                throw row.Error(5, $"driver {name} has one row when its table is not recorded ('-'), else one row per entry");
            drivers[index] = d with { Ids = [.. d.Ids, new PciBuiltinId(id with { OverrideOnly = overrideOnly }, source)] };
        }
        return drivers;
    }
}
