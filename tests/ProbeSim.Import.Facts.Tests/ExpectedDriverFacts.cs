using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Drivers.Imported;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ProbeSim.Import.Facts.Tests;

/// <summary>
/// Reads Data/expected-drivers.yaml into typed <see cref="ExpectedDriver"/> records. Enum values are lower-case kebab
/// (<c>optional-defer-propagates</c>, <c>clk-driver</c>, <c>not-built</c>); citations are <c>path:line</c> relative to
/// the kernel tree. A bad value throws <see cref="FormatException"/> naming the driver and the field.
/// </summary>
public static class ExpectedDriverFacts
{
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Data", "expected-drivers.yaml");

    public static IReadOnlyList<ExpectedDriver> LoadDefault() => Load(File.ReadAllText(DefaultPath));

    public static IReadOnlyList<ExpectedDriver> Load(string yaml)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .Build();
        List<RawDriver>? raw;
        try { raw = deserializer.Deserialize<List<RawDriver>>(yaml); }
        catch (YamlException e) { throw new FormatException($"expected-drivers.yaml:{e.Start.Line}:{e.Start.Column}: {e.InnerException?.Message ?? e.Message}", e); }
        return (raw ?? new List<RawDriver>()).Select(Convert).ToList();
    }

    private static ExpectedDriver Convert(RawDriver r)
    {
        var id = r.Id ?? throw new FormatException($"driver {r.Driver ?? "?"}: id missing");
        string Where(string field) => $"{id}: {field}";
        return new ExpectedDriver
        {
            Id = id,
            Driver = r.Driver,
            StructAt = Cite(r.StructAt, Where("struct_at")),
            GeneratedBy = r.GeneratedBy,
            Bus = r.Bus is null ? null : Enum<ImportedBus>(r.Bus, Where("bus")),
            Status = Enum<BuildStatus>(r.Status ?? throw new FormatException(Where("status missing")), Where("status")),
            StatusBecause = r.StatusBecause ?? throw new FormatException(Where("status_because missing")),
            MakefileAt = Cite(r.MakefileAt, Where("makefile_at")),
            Config = r.Config ?? new List<string>(),
            Module = r.Module,
            Initcall = r.Initcall is null ? null : Enum<InitcallLevel>(r.Initcall, Where("initcall")),
            InitcallAt = Cite(r.InitcallAt, Where("initcall_at")),
            RegisteredBy = r.RegisteredBy,
            AsyncProbe = r.AsyncProbe,
            DriverManagedDma = r.DriverManagedDma,
            PreventDeferredProbe = r.PreventDeferredProbe,
            OfCompatibles = r.OfCompatibles ?? new List<string>(),
            BusIds = r.BusIds ?? new List<string>(),
            Probe = r.Probe,
            ProbeAt = Cite(r.ProbeAt, Where("probe_at")),
            Requests = (r.Requests ?? new()).Select((q, i) => new ExpectedRequest(
                Enum<PlanResource>(q.Kind ?? "", Where($"requests[{i}].kind")),
                Enum<PlanLookup>(q.Lookup ?? "", Where($"requests[{i}].lookup")),
                Enum<PlanPolicy>(q.Policy ?? "", Where($"requests[{i}].policy")),
                Cite(q.At, Where($"requests[{i}].at")) ?? throw new FormatException(Where($"requests[{i}].at missing")))
            {
                Name = q.Name, Index = q.Index, Message = q.Message, NameAt = Cite(q.NameAt, Where($"requests[{i}].name_at")),
                Call = q.Call ?? throw new FormatException(Where($"requests[{i}].call missing")),
            }).ToList(),
            Children = (r.Children ?? new()).Select((c, i) => new ExpectedChild(
                Enum<ChildKind>(c.Kind ?? "", Where($"children[{i}].kind")),
                Cite(c.At, Where($"children[{i}].at")) ?? throw new FormatException(Where($"children[{i}].at missing")))
            { Name = c.Name, Compatible = c.Compatible, NodeName = c.NodeName, Call = c.Call }).ToList(),
            ChildrenWhen = r.ChildrenWhen,
            Defers = (r.Defers ?? new()).Select((d, i) => new ExpectedDefer(d.Text,
                Cite(d.At, Where($"defers[{i}].at")) ?? throw new FormatException(Where($"defers[{i}].at missing")))).ToList(),
            Early = (r.Early ?? new()).Select((x, i) => new ExpectedEarly(
                Enum<EarlyTable>(x.Table ?? "", Where($"early[{i}].table")),
                x.Compatible ?? throw new FormatException(Where($"early[{i}].compatible missing")),
                x.Init ?? throw new FormatException(Where($"early[{i}].init missing")),
                Cite(x.At, Where($"early[{i}].at")) ?? throw new FormatException(Where($"early[{i}].at missing")))
            {
                Declare = x.Declare,
                Provides = (x.Provides ?? new()).Select(p => Enum<EarlyProvides>(p, Where($"early[{i}].provides"))).ToList(),
                LeavesNode = x.LeavesNode,
                ProvidesAt = (x.ProvidesAt ?? new()).Select(p => Cite(p, Where($"early[{i}].provides_at"))!.Value).ToList(),
            }).ToList(),
            BinaryDisagrees = r.BinaryDisagrees,
            Notes = r.Notes,
        };
    }

    /// <summary>Parses a lower-case kebab enum value (<c>optional-defer-propagates</c> = OptionalDeferPropagates).</summary>
    public static T Enum<T>(string value, string where) where T : struct, System.Enum
    {
        var folded = value.Replace("-", "", StringComparison.Ordinal);
        if (folded.Length > 0 && char.IsLower(value[0]) && System.Enum.TryParse<T>(folded, ignoreCase: true, out var v)
            && System.Enum.IsDefined(v))
            return v;
        var allowed = string.Join(", ", System.Enum.GetNames<T>().Select(Kebab));
        throw new FormatException($"{where}: '{value}' is not one of {allowed}");
    }

    /// <summary>OptionalDeferPropagates -> optional-defer-propagates.</summary>
    public static string Kebab(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    /// <summary>Parses <c>path:line</c>.</summary>
    public static SourceLine? Cite(string? text, string where)
    {
        if (text is null) return null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), out var line) || line <= 0)
            throw new FormatException($"{where}: '{text}' is not path:line");
        return new SourceLine(text[..colon], line);
    }

    // YamlDotNet targets (snake_case keys in the file).
    private sealed class RawDriver
    {
        public string? Driver { get; set; }
        public string? Id { get; set; }
        public string? StructAt { get; set; }
        public string? GeneratedBy { get; set; }
        public string? Bus { get; set; }
        public string? Status { get; set; }
        public string? StatusBecause { get; set; }
        public string? MakefileAt { get; set; }
        public List<string>? Config { get; set; }
        public string? Module { get; set; }
        public string? Initcall { get; set; }
        public string? InitcallAt { get; set; }
        public string? RegisteredBy { get; set; }
        public bool AsyncProbe { get; set; }
        public bool DriverManagedDma { get; set; }
        public bool PreventDeferredProbe { get; set; }
        public List<string>? OfCompatibles { get; set; }
        public List<string>? BusIds { get; set; }
        public string? Probe { get; set; }
        public string? ProbeAt { get; set; }
        public List<RawRequest>? Requests { get; set; }
        public List<RawChild>? Children { get; set; }
        public string? ChildrenWhen { get; set; }
        public List<RawDefer>? Defers { get; set; }
        public List<RawEarly>? Early { get; set; }
        public string? BinaryDisagrees { get; set; }
        public string? Notes { get; set; }
    }

    private sealed class RawRequest
    {
        public string? Kind { get; set; }
        public string? Lookup { get; set; }
        public string? Name { get; set; }
        public int? Index { get; set; }
        public string? Policy { get; set; }
        public string? Call { get; set; }
        public string? Message { get; set; }
        public string? NameAt { get; set; }
        public string? At { get; set; }
    }

    private sealed class RawChild
    {
        public string? Kind { get; set; }
        public string? Name { get; set; }
        public string? Compatible { get; set; }
        public string? NodeName { get; set; }
        public string? Call { get; set; }
        public string? At { get; set; }
    }

    private sealed class RawDefer
    {
        public string? Text { get; set; }
        public string? At { get; set; }
    }

    private sealed class RawEarly
    {
        public string? Table { get; set; }
        public string? Declare { get; set; }
        public string? Compatible { get; set; }
        public string? Init { get; set; }
        public List<string>? Provides { get; set; }
        public List<string>? ProvidesAt { get; set; }
        public bool LeavesNode { get; set; }
        public string? At { get; set; }
    }
}
