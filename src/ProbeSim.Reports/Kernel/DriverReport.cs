using System.Globalization;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Reports.KernelDrivers;

/// <summary>
/// What <c>probesim kernel driver QUERY</c> finds in an import: every driver the query names (by id
/// <c>file:symbol</c>, by name, or by an entry of its match tables), and, for a compatible only early tables declare,
/// those early inits. Nothing found: <see cref="Found"/> is false and <see cref="Suggestions"/> holds close names.
/// </summary>
public sealed record DriverReport(
    string Query,
    ImportManifest Manifest,
    IReadOnlyList<DriverFacts> Drivers,
    IReadOnlyList<ImportedEarlyInit> EarlyOnly,
    IReadOnlyList<string> Suggestions)
{
    public bool Found => Drivers.Count > 0 || EarlyOnly.Count > 0;

    public static DriverReport Find(ImportedKernel kernel, string query)
    {
        var found = new List<DriverFacts>();
        var byId = kernel.Drivers.Where(d => d.Id == query).ToList();
        if (byId.Count > 0)
            found.AddRange(byId.Select(d => DriverFacts.Of(kernel, d, "id")));
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var d in kernel.Drivers.Where(d => d.Name == query).OrderBy(d => d.Id, StringComparer.Ordinal))
                if (seen.Add(d.Id)) found.Add(DriverFacts.Of(kernel, d, "name"));
            var drivers = kernel.Drivers.ToDictionary(d => d.Id, StringComparer.Ordinal);
            foreach (var (m, how) in kernel.Matches.Select(m => (m, How(m, query))).Where(x => x.Item2 is not null)
                         .OrderBy(x => x.m.DriverId, StringComparer.Ordinal).ThenBy(x => x.m.Order))
                if (drivers.TryGetValue(m.DriverId, out var d) && seen.Add(d.Id)) found.Add(DriverFacts.Of(kernel, d, how!));
        }
        var early = found.Count > 0 ? []
            : kernel.EarlyInits.Where(e => string.Equals(e.Compatible, query, StringComparison.OrdinalIgnoreCase)).ToList();
        var suggestions = found.Count > 0 || early.Count > 0 ? [] : CloseNames.Of(query, KnownNames(kernel));
        return new DriverReport(query, kernel.Manifest, found, early, suggestions);
    }

    /// <summary>How <paramref name="m"/> matches the query, as the report says it; null when it does not.</summary>
    internal static string? How(ImportedMatch m, string query)
    {
        switch (m.Kind)
        {
            // of_compat_cmp: strcasecmp
            case MatchKind.Of when string.Equals(m.Value, query, StringComparison.OrdinalIgnoreCase):
                return $"of compatible {Quoted.Of(m.Value)}";
            case MatchKind.I2c or MatchKind.Spi when m.Value == query:
                return $"{KernelWords.Match(m.Kind)} id {Quoted.Of(m.Value)}";
            // of_modalias: a DT client's name is its compatible after the first comma, which i2c_match_id/spi_match_id compare with the id table
            case MatchKind.I2c or MatchKind.Spi when query.IndexOf(',') is int comma and >= 0 && m.Value == query[(comma + 1)..]:
                return $"{KernelWords.Match(m.Kind)} id {Quoted.Of(m.Value)} (the compatible without its vendor prefix)";
            // of_device_is_compatible in an AMBA driver's probe: the part its id table is for
            case MatchKind.ProbeOf when string.Equals(m.Value, query, StringComparison.OrdinalIgnoreCase):
                return $"probe requires compatible {Quoted.Of(m.Value)}";
            case MatchKind.Amba when m.Value == query || AmbaMatches(m.Value, query):
                return $"amba id {m.Value}";
            case MatchKind.Platform or MatchKind.Pci or MatchKind.Acpi when m.Value == query:
                return $"{KernelWords.Match(m.Kind)} id {Quoted.Of(m.Value)}";
            default:
                return null;
        }
    }

    /// <summary>amba_lookup: a periphid matches an entry when (periphid &amp; mask) == id; the query is the periphid in hex (0x optional).</summary>
    internal static bool AmbaMatches(string entry, string query)
    {
        var q = query.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? query[2..] : query;
        var parts = entry.Split('/');
        if (parts.Length != 2 || q.Length is 0 or > 8) return false;
        if (!uint.TryParse(q, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var periphid)) return false;
        if (!uint.TryParse(parts[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id)) return false;
        if (!uint.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var mask)) return false;
        return (periphid & mask) == (id & mask);
    }

    /// <summary>Every name a query could have meant: driver names and ids, match values, early compatibles.</summary>
    private static IEnumerable<string> KnownNames(ImportedKernel kernel) =>
        kernel.Drivers.SelectMany(d => new[] { d.Name, d.Id })
            .Concat(kernel.Matches.Where(m => m.Kind != MatchKind.Amba).Select(m => m.Value))
            .Concat(kernel.EarlyInits.Select(e => e.Compatible));
}
