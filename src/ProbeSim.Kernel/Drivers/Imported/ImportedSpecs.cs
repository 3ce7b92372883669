using System.Globalization;

namespace ProbeSim.Kernel.Drivers.Imported;

/// <summary>
/// Turns an imported kernel into what the boot uses: one <see cref="DriverSpec"/> per built driver (built-ins in
/// registration order: initcall level, then link order of the source file (<see cref="LinkOrder"/>), then the driver
/// symbol; then modules by module name), and the built-in early declares as <see cref="EarlyEntry"/>s.
/// </summary>
public static class ImportedSpecs
{
    public static IReadOnlyList<DriverSpec> Drivers(ImportedKernel kernel, double? moduleAutoloadAt)
    {
        var matches = kernel.Matches.GroupBy(m => m.DriverId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(m => m.Order).ToList(), StringComparer.Ordinal);
        var plans = new Dictionary<string, ProbePlan>(StringComparer.Ordinal);
        foreach (var p in kernel.Plans) plans.TryAdd(p.DriverId, p);
        var built = kernel.Drivers.Where(d => d.Status is BuildStatus.BuiltIn or BuildStatus.Module).ToList();
        var builtIns = built.Where(d => d.Status == BuildStatus.BuiltIn)
            .OrderBy(d => d.Initcall ?? InitcallLevel.Device)
            .ThenBy(d => LinkOrder.Key(d.Source.File), StringComparer.Ordinal)
            .ThenBy(d => Symbol(d.Id), StringComparer.Ordinal)
            .ThenBy(d => d.Id, StringComparer.Ordinal);
        var modules = built.Where(d => d.Status == BuildStatus.Module)
            .OrderBy(d => d.Module ?? "", StringComparer.Ordinal)
            .ThenBy(d => d.Id, StringComparer.Ordinal);
        return builtIns.Concat(modules)
            .Select(d => Spec(d, matches.GetValueOrDefault(d.Id) ?? [], plans.GetValueOrDefault(d.Id), moduleAutoloadAt))
            .Select(KnownDrivers.Apply)
            .ToList().AsReadOnly();
    }

    private static string Symbol(string id) => id[(id.LastIndexOf(':') + 1)..];

    private static DriverSpec Spec(ImportedDriver d, List<ImportedMatch> matches, ProbePlan? plan, double? moduleAutoloadAt)
    {
        var bus = d.Bus switch
        {
            ImportedBus.Amba => DriverBus.Amba, ImportedBus.I2c => DriverBus.I2c, ImportedBus.Spi => DriverBus.Spi,
            ImportedBus.Pci => DriverBus.Pci, ImportedBus.SunxiRsb => DriverBus.SunxiRsb, ImportedBus.Spmi => DriverBus.Spmi,
            _ => DriverBus.Platform,
        };
        var busKind = d.Bus switch { ImportedBus.I2c => MatchKind.I2c, ImportedBus.Spi => MatchKind.Spi, ImportedBus.Platform => MatchKind.Platform, _ => (MatchKind?)null };
        bool module = d.Status == BuildStatus.Module;
        return new DriverSpec
        {
            Name = d.Name,
            Bus = bus,
            // an AMBA driver's probe-of guards stand for its part where the model cannot read the periphid (BusMatch's AMBA fallback)
            Compatibles = matches.Where(m => (m.Kind == MatchKind.Of || m.Kind == MatchKind.ProbeOf && d.Bus == ImportedBus.Amba) && m.Value.Length > 0)
                .Select(m => m.Value).Distinct(StringComparer.Ordinal).ToList().AsReadOnly(),
            BusIds = busKind is { } k ? matches.Where(m => m.Kind == k).Select(m => m.Value).Distinct(StringComparer.Ordinal).ToList().AsReadOnly() : Array.Empty<string>(),
            OfMatchData = MatchData(matches),
            AmbaIds = matches.Where(m => m.Kind == MatchKind.Amba).Select(Amba).OfType<AmbaId>().ToList().AsReadOnly(),
            PciIds = matches.Where(m => m.Kind == MatchKind.Pci).Select(Pci).OfType<PciId>().ToList().AsReadOnly(),
            Availability = module ? DriverAvailability.Module : DriverAvailability.BuiltIn,
            Module = module ? d.Module : null,
            LoadAt = module ? moduleAutoloadAt : null,
            Level = d.Initcall ?? InitcallLevel.Device,
            AsyncProbe = d.AsyncProbe,
            DriverManagedDma = d.DriverManagedDma,
            PreventDeferredProbe = d.PreventDeferredProbe,
            Plan = plan,
            RecordsDeferReasons = false,
            Origin = $"{(module ? $"module {d.Module}" : "built-in")} {Symbol(d.Id)} ({d.Source})",
        };
    }

    // of_match_device returns the first entry for a compatible (strcasecmp): its data
    private static Dictionary<string, string> MatchData(List<ImportedMatch> matches)
    {
        var data = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var m in matches)
            if (m.Kind == MatchKind.Of && m.Value.Length > 0 && m.Data is { } d) data.TryAdd(m.Value, d);
        return data;
    }

    private static AmbaId? Amba(ImportedMatch m) =>
        m.Value.Split('/') is [var id, var mask]
        && uint.TryParse(id, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var i)
        && uint.TryParse(mask, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var k) ? new AmbaId(i, k) : null;

    private static PciId? Pci(ImportedMatch m)
    {
        var v = m.Value;
        if (v.StartsWith("class=", StringComparison.Ordinal) && v[6..].Split('/') is [var c, var mask]
            && uint.TryParse(c, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var cls)
            && uint.TryParse(mask, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var msk))
            return new PciId(null, null, cls, msk);
        if (v.Split(':') is not [var vendor, var device]) return null;
        ushort? Hex(string s) => s == "*" ? null : ushort.TryParse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var x) ? x : null;
        var ven = Hex(vendor);
        if (ven is null && vendor != "*") return null;
        return new PciId(ven, Hex(device));
    }

    /// <summary>The built-in early declares, each with what its init registers and whether it leaves the node to a driver.</summary>
    public static IReadOnlyList<EarlyEntry> Early(ImportedKernel kernel) => kernel.EarlyInits
        .Where(e => e.Status == BuildStatus.BuiltIn && e.Compatible.Length > 0)
        .OrderBy(e => e.Table).ThenBy(e => e.Compatible, StringComparer.Ordinal).ThenBy(e => e.InitFunction, StringComparer.Ordinal)
        .Select(e => new EarlyEntry(e.Table, e.Compatible, e.InitFunction) { Provides = e.Provides, LeavesNodeToDriver = e.LeavesNodeToDriver })
        .ToList().AsReadOnly();
}
