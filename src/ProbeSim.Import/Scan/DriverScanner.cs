using ProbeSim.Import.C;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Scan;

/// <summary>
/// Reads one C file's drivers: match tables, driver structs (platform_driver, amba_driver, i2c_driver, spi_driver,
/// pci_driver, sunxi_rsb_driver, spmi_driver), how they are registered (module_*_driver/builtin_* macros, or register calls in functions reached from
/// an initcall of the file), and early OF declares.
/// </summary>
public static class DriverScanner
{
    internal static readonly Dictionary<string, ImportedBus> DriverTypes = new(StringComparer.Ordinal)
    {
        ["platform_driver"] = ImportedBus.Platform, ["amba_driver"] = ImportedBus.Amba, ["i2c_driver"] = ImportedBus.I2c,
        ["spi_driver"] = ImportedBus.Spi, ["pci_driver"] = ImportedBus.Pci,
        // include/linux/sunxi-rsb.h struct sunxi_rsb_driver, include/linux/spmi.h struct spmi_driver: both match by OF
        ["sunxi_rsb_driver"] = ImportedBus.SunxiRsb, ["spmi_driver"] = ImportedBus.Spmi,
    };

    // include/linux/init.h, include/linux/module.h: the initcall macros and their levels
    private static readonly Dictionary<string, InitcallLevel> Initcalls = new(StringComparer.Ordinal)
    {
        ["early_initcall"] = InitcallLevel.Early, ["pure_initcall"] = InitcallLevel.Early,
        ["core_initcall"] = InitcallLevel.Core, ["core_initcall_sync"] = InitcallLevel.Core,
        ["postcore_initcall"] = InitcallLevel.Postcore, ["postcore_initcall_sync"] = InitcallLevel.Postcore,
        ["arch_initcall"] = InitcallLevel.Arch, ["arch_initcall_sync"] = InitcallLevel.ArchSync,
        ["subsys_initcall"] = InitcallLevel.Subsys, ["subsys_initcall_sync"] = InitcallLevel.Subsys,
        ["fs_initcall"] = InitcallLevel.Fs, ["fs_initcall_sync"] = InitcallLevel.Fs, ["rootfs_initcall"] = InitcallLevel.Fs,
        ["device_initcall"] = InitcallLevel.Device, ["device_initcall_sync"] = InitcallLevel.Device, ["module_init"] = InitcallLevel.Device,
        ["late_initcall"] = InitcallLevel.Late, ["late_initcall_sync"] = InitcallLevel.Late,
    };

    // module_driver()/builtin_driver() wrappers (include/linux/platform_device.h, i2c.h, spi.h, amba/bus.h, pci.h): all device_initcall
    private static readonly HashSet<string> RegistrationMacros = new(StringComparer.Ordinal)
    {
        "module_platform_driver", "builtin_platform_driver", "module_platform_driver_probe", "builtin_platform_driver_probe",
        "module_i2c_driver", "builtin_i2c_driver", "module_spi_driver", "module_amba_driver", "builtin_amba_driver",
        "module_pci_driver", "builtin_pci_driver", "module_driver", "builtin_driver",
        // include/linux/sunxi-rsb.h, include/linux/spmi.h: module_driver wrappers
        "module_sunxi_rsb_driver", "module_spmi_driver",
    };

    // the register functions and which argument holds the driver (or the array of drivers)
    private static readonly Dictionary<string, int> RegisterCalls = new(StringComparer.Ordinal)
    {
        ["platform_driver_register"] = 0, ["__platform_driver_register"] = 0, ["platform_driver_probe"] = 0, ["__platform_driver_probe"] = 0,
        ["i2c_add_driver"] = 0, ["i2c_register_driver"] = 1, ["spi_register_driver"] = 0, ["__spi_register_driver"] = 1,
        ["amba_driver_register"] = 0, ["pci_register_driver"] = 0, ["__pci_register_driver"] = 0,
        ["platform_register_drivers"] = 0, ["__platform_register_drivers"] = 0,
        ["sunxi_rsb_driver_register"] = 0, ["spmi_driver_register"] = 0, ["__spmi_driver_register"] = 0,
    };

    // include/linux/of.h _OF_DECLARE users
    private static readonly Dictionary<string, EarlyTable> EarlyMacros = new(StringComparer.Ordinal)
    {
        ["CLK_OF_DECLARE"] = EarlyTable.Clk, ["CLK_OF_DECLARE_DRIVER"] = EarlyTable.ClkDriver, ["IRQCHIP_DECLARE"] = EarlyTable.Irqchip,
        ["TIMER_OF_DECLARE"] = EarlyTable.Timer, ["RESERVEDMEM_OF_DECLARE"] = EarlyTable.ReservedMem,
        ["OF_EARLYCON_DECLARE"] = EarlyTable.Earlycon, ["IOMMU_OF_DECLARE"] = EarlyTable.Iommu,
    };

    public static bool IsEarlyMacro(string name) => EarlyMacros.ContainsKey(name);

    public static FileScan Scan(CFile file, string? modname, IReadOnlyDictionary<string, long>? globalNumbers = null)
    {
        var scan = new FileScan { File = file.Path };
        var values = new CValues(file, modname, globalNumbers);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pointerArrays = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var def in file.Definitions)
        {
            if (!seen.Add(def.StructType + " " + def.Name)) continue;
            if (MatchTableReader.TableTypes.Contains(def.StructType) && def.IsArray && !def.IsPointer)
                scan.Tables.TryAdd(def.Name, MatchTableReader.Read(def, values, file, scan.Unknowns));
            else if (DriverTypes.TryGetValue(def.StructType, out var bus))
            {
                if (def.IsArray && def.IsPointer)
                    pointerArrays[def.Name] = def.Init.Elements.Select(e => values.Symbol(e.Expr)).OfType<string>().ToList();
                else if (!def.IsArray && !def.IsPointer) scan.Drivers.Add(Driver(def, bus, values, file.Path, scan.Unknowns));
            }
        }
        for (int i = 0; i < scan.Drivers.Count; i++)
            if (scan.Drivers[i] is { Bus: ImportedBus.Amba, Probe: { } pf } ad && ProbeGuards.Read(file, pf, values) is { Count: > 0 } guards)
                scan.Drivers[i] = ad with { ProbeCompatibles = guards };
        IrqchipPlatformDrivers(file, values, scan);
        // driver structs of other buses (serdev_device_driver, spmi_driver, ...) that point at an OF table of the file
        foreach (var def in file.Definitions)
            if (!DriverTypes.ContainsKey(def.StructType) && !MatchTableReader.TableTypes.Contains(def.StructType) && !def.IsArray)
                foreach (var (key, e) in def.Init.Fields())
                    if (key.EndsWith("of_match_table", StringComparison.Ordinal) && values.Symbol(e.Expr) is { } t && scan.Tables.ContainsKey(t) && scan.OtherBusTables.TryAdd(t, (def.StructType, def.Name)))
                        scan.Unknowns.Add(new ImportedUnknown($"{file.Path}:{def.Name}", "other-bus", $"{def.Name} is a struct {def.StructType}, a bus the import does not record; its table {t} is not imported", new SourceLine(file.Path, def.Line)) { Cause = UnknownCause.OtherBus });
        // OF tables exported for module autoload (MODULE_DEVICE_TABLE(of, X)) that no driver struct points at
        var referenced = scan.Drivers.SelectMany(d => new[] { d.OfTable, d.IdTable, d.AcpiTable }).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var inv in file.Invocations)
            if (inv.Name == "MODULE_DEVICE_TABLE" && inv.Args.Count == 2 && CValues.Text(inv.Args[0]) == "of" && values.Symbol(inv.Args[1]) is { } t
                && scan.Tables.ContainsKey(t) && !referenced.Contains(t) && !scan.OtherBusTables.ContainsKey(t))
                scan.AliasOnlyTables.Add(t);
        Registrations(file, values, pointerArrays, scan);
        Early(file, values, scan);
        return scan;
    }

    /// <summary>
    /// include/linux/irqchip.h IRQCHIP_PLATFORM_DRIVER_BEGIN(name) IRQCHIP_MATCH(compat, fn)... IRQCHIP_PLATFORM_DRIVER_END(name):
    /// a platform driver name_driver named "name" (probe platform_irqchip_probe) with the table name_irqchip_match_table,
    /// registered with builtin_platform_driver.
    /// </summary>
    private static void IrqchipPlatformDrivers(CFile file, CValues values, FileScan scan)
    {
        string? current = null;
        int line = 0;
        var entries = new List<ScannedEntry>();
        foreach (var inv in file.Invocations)
        {
            switch (inv.Name)
            {
                case "IRQCHIP_PLATFORM_DRIVER_BEGIN" when inv.Args.Count == 1:
                    current = CValues.Text(inv.Args[0]);
                    line = inv.Line;
                    entries.Clear();
                    break;
                case "IRQCHIP_MATCH" when current is not null && inv.Args.Count == 2:
                    if (values.String(inv.Args[0]) is { } c) entries.Add(new ScannedEntry(MatchKind.Of, c, null, null, inv.Line));
                    else scan.Unknowns.Add(new ImportedUnknown($"{file.Path}:{current}_irqchip_match_table", "match-entry", $"IRQCHIP_MATCH({CValues.Text(inv.Args[0])}, ...) is not a constant string", new SourceLine(file.Path, inv.Line)) { Cause = UnknownCause.IrqchipMatchUnread });
                    break;
                case "IRQCHIP_PLATFORM_DRIVER_END" when current is not null:
                    var table = current + "_irqchip_match_table";
                    scan.Tables.TryAdd(table, new ScannedTable(table, "of_device_id", entries.ToList(), false, line));
                    scan.Drivers.Add(new ScannedDriver { Symbol = current + "_driver", Bus = ImportedBus.Platform, Name = current, OfTable = table, Probe = "platform_irqchip_probe", IsStatic = true, Line = line });
                    scan.Registrations.Add(new ScannedRegistration([current + "_driver"], null, true, InitcallLevel.Device, null, inv.Line));
                    current = null;
                    break;
            }
        }
    }

    private static ScannedDriver Driver(CDefinition def, ImportedBus bus, CValues values, string path, List<ImportedUnknown> unknowns)
    {
        var f = def.Init.Fields();
        string Key(string k) => bus == ImportedBus.Amba && k.StartsWith("driver.", StringComparison.Ordinal) ? "drv." + k[7..] : k;
        CInitElement? Get(string k) => f.TryGetValue(Key(k), out var e) ? e : null;
        var nameE = bus == ImportedBus.Pci ? Get("name") ?? Get("driver.name") : Get("driver.name");
        string? name = nameE is null ? null : values.String(nameE.Expr);
        if (nameE is not null && name is null)
            unknowns.Add(new ImportedUnknown($"{path}:{def.Name}", "name", $"driver name '{CValues.Text(nameE.Expr)}' is not a constant string", new SourceLine(path, nameE.Line)) { Cause = UnknownCause.NameNotConstant });
        string? Sym(string k) => Get(k) is { } e ? values.Symbol(e.Expr) : null;
        var probe = Sym("probe") ?? Sym("probe_new");
        var async = Get("driver.probe_type") is { } pt && CValues.Strip(pt.Expr) is { Count: 1 } p && p[0].Is("PROBE_PREFER_ASYNCHRONOUS");
        return new ScannedDriver
        {
            Symbol = def.Name,
            Bus = bus,
            Name = name,
            NameExpression = nameE is null ? null : CValues.Text(nameE.Expr),
            OfTable = Sym("driver.of_match_table"),
            AcpiTable = Sym("driver.acpi_match_table"),
            IdTable = Sym("id_table"),
            Probe = probe,
            AsyncProbe = async,
            DriverManagedDma = Get("driver_managed_dma") is { } dm && values.IsTrue(dm.Expr),
            PreventDeferredProbe = Get("prevent_deferred_probe") is { } pd && values.IsTrue(pd.Expr),
            IsStatic = def.IsStatic,
            Line = def.Line,
        };
    }

    private static void Registrations(CFile file, CValues values, Dictionary<string, List<string>> arrays, FileScan scan)
    {
        var initcallOf = new Dictionary<string, InitcallLevel>(StringComparer.Ordinal);
        foreach (var inv in file.Invocations)
        {
            if (Initcalls.TryGetValue(inv.Name, out var level) && inv.Args.Count == 1 && values.Symbol(inv.Args[0]) is { } fn)
            {
                if (!initcallOf.TryGetValue(fn, out var old) || level < old) initcallOf[fn] = level;
            }
            else if (RegistrationMacros.Contains(inv.Name) && inv.Args.Count >= 1 && values.Symbol(inv.Args[0]) is { } drv)
            {
                var probe = inv.Name.EndsWith("_probe", StringComparison.Ordinal) && inv.Args.Count >= 2 ? values.Symbol(inv.Args[1]) : null;
                scan.Registrations.Add(new ScannedRegistration([drv], null, true, InitcallLevel.Device, probe, inv.Line));
            }
        }
        // the initcall level that reaches each function of the file (initcall → static helpers it calls)
        var reached = new Dictionary<string, InitcallLevel>(StringComparer.Ordinal);
        foreach (var (fn, level) in initcallOf.OrderBy(k => k.Value))
        {
            var stack = new Stack<string>([fn]);
            while (stack.Count > 0)
            {
                var f = stack.Pop();
                if (reached.ContainsKey(f) || !file.Functions.TryGetValue(f, out var body)) continue;
                reached[f] = level;
                foreach (var c in body.Calls)
                    if (file.Functions.ContainsKey(c.Name)) stack.Push(c.Name);
                    else scan.ExternalCalls.TryAdd(c.Name, level);
            }
        }
        foreach (var fn in file.Functions.Values)
            foreach (var call in fn.Calls)
            {
                if (!RegisterCalls.TryGetValue(call.Name, out var argIndex) || call.Args.Count <= argIndex) continue;
                var sym = values.Symbol(call.Args[argIndex]);
                if (sym is null)
                {
                    scan.Unknowns.Add(new ImportedUnknown($"{file.Path}:{fn.Name}", "registration", $"{call.Name}({CValues.Text(call.Args[argIndex])}) registers a driver the scanner cannot name", new SourceLine(file.Path, call.Line)) { Cause = UnknownCause.RegistrationUnread });
                    continue;
                }
                var drivers = call.Name.Contains("register_drivers", StringComparison.Ordinal)
                    ? (arrays.TryGetValue(sym, out var list) ? list : null)
                    : [sym];
                if (drivers is null)
                {
                    scan.Unknowns.Add(new ImportedUnknown($"{file.Path}:{fn.Name}", "registration", $"{call.Name} registers the array {sym}, not defined in the file", new SourceLine(file.Path, call.Line)) { Cause = UnknownCause.RegisteredArrayMissing });
                    continue;
                }
                var probe = call.Name.Contains("driver_probe", StringComparison.Ordinal) && call.Args.Count > 1 ? values.Symbol(call.Args[1]) : null;
                InitcallLevel? lvl = reached.TryGetValue(fn.Name, out var l) ? l : null;
                scan.Registrations.Add(new ScannedRegistration(drivers, fn.Name, initcallOf.ContainsKey(fn.Name), lvl, probe, call.Line));
            }
    }

    private static void Early(CFile file, CValues values, FileScan scan)
    {
        foreach (var inv in file.Invocations)
        {
            if (!EarlyMacros.TryGetValue(inv.Name, out var table)) continue;
            if (inv.Args.Count < 3)
            {
                scan.Unknowns.Add(new ImportedUnknown($"{file.Path}:{inv.Name}", "early-declare", $"{inv.Name} with {inv.Args.Count} arguments", new SourceLine(file.Path, inv.Line)) { Cause = UnknownCause.EarlyDeclareArity });
                continue;
            }
            var entry = CValues.Text(inv.Args[0]);
            var compatible = values.String(inv.Args[1]);
            var init = values.Symbol(inv.Args[2]);
            if (compatible is null || init is null)
            {
                scan.Unknowns.Add(new ImportedUnknown($"{file.Path}:{entry}", "early-declare", $"{inv.Name}({entry}, {CValues.Text(inv.Args[1])}, ...): compatible or init function is not a constant", new SourceLine(file.Path, inv.Line)) { Cause = UnknownCause.EarlyDeclareUnread });
                continue;
            }
            scan.Early.Add(new ScannedEarly(table, entry, compatible, init, inv.Line));
        }
        // function-like macros that wrap an early declare: each use declares an entry the scanner cannot read
        foreach (var (name, (line, body)) in file.MacroDefines)
            foreach (var macro in EarlyMacros.Keys)
                if (body.Contains(macro + "(", StringComparison.Ordinal) && !EarlyMacros.ContainsKey(name))
                {
                    int uses = file.Invocations.Count(i => i.Name == name);
                    scan.Unknowns.Add(new ImportedUnknown($"{file.Path}:{name}", "early-declare", $"macro {name} wraps {macro}; its {uses} use(s) in the file declare entries the scanner does not expand", new SourceLine(file.Path, line)) { Cause = UnknownCause.EarlyDeclareWrapped });
                    break;
                }
    }
}
