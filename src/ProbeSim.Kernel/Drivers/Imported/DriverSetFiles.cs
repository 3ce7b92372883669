using System.Text;
using System.Text.Json;
using ProbeSim.DeviceTree.Model;
using static ProbeSim.Kernel.Drivers.Imported.DriverSetText;

namespace ProbeSim.Kernel.Drivers.Imported;

/// <summary>
/// Reads and writes an imported driver-set directory (docs/kernel/driver-set-format.md, format version 2; version 1
/// directories are still read, as a version 1 reader read them):
/// <c>manifest.json</c>, <c>drivers.tsv</c>, <c>matches.tsv</c>, <c>plans.tsv</c>, <c>early-inits.tsv</c>,
/// <c>unknowns.tsv</c>, and the five tables of the binary-derived layout (<see cref="LegacyTables"/>) so that readers of
/// that layout keep working. Output is deterministic: sorted rows, <c>\n</c>, no timestamps.
/// </summary>
public static class DriverSetFiles
{
    public const int FormatVersion = 2;

    /// <summary>The oldest format this reader accepts. Version 2 added the buses <c>sunxi-rsb</c> and <c>spmi</c> and the match kind <c>probe-of</c>.</summary>
    public const int OldestReadableVersion = 1;

    public const string ManifestFile = "manifest.json";

    public static readonly IReadOnlyList<string> Files = [ManifestFile, "drivers.tsv", "matches.tsv", "plans.tsv", "early-inits.tsv", "unknowns.tsv"];

    private const string DriverColumns = "id\tname\tbus\tstatus\tmodule\tinitcall\tregistered_by\tasync_probe\tdriver_managed_dma\tprevent_deferred_probe\tprobe_function\tsource";
    // format 2: matches.tsv gained data; plans.tsv message_kind (before message) and when; unknowns.tsv cause
    private const string MatchColumns = "driver_id\torder\tkind\tvalue\tnode_name\tdevice_type\tsource\tdata";
    private const string PlanColumns = "driver_id\tcomplete\tstep\tkind\tresource\tlookup\tname\tindex\tpolicy\tmessage_kind\tmessage\tchild\tcompatible\tnode_name\tfunction\tsource\twhen";
    private const string EarlyColumns = "table\tcompatible\tinit_function\tstatus\tprovides\tleaves_node_to_driver\tsource";
    private const string UnknownColumns = "subject\tfact\tcause\treason\tsource";

    /// <summary>
    /// Writes every file of the set into <paramref name="dir"/> (created when missing), in the current format (a set read
    /// from format 1 is written as format 2). <paramref name="configText"/> is the kernel .config copied to config.txt.
    /// </summary>
    public static void Write(ImportedKernel kernel, string dir, string? configText = null)
    {
        // always the current format, whatever format the set was read from
        kernel = kernel with { Manifest = kernel.Manifest with { FormatVersion = FormatVersion } };
        Directory.CreateDirectory(dir);
        Save(dir, ManifestFile, ManifestJson(kernel.Manifest));
        Save(dir, "drivers.tsv", Table("drivers.tsv", "one row per driver struct", DriverColumns,
            kernel.Drivers.OrderBy(d => d.Id, StringComparer.Ordinal).Select(d => Row(
                Field(d.Id), Field(d.Name), Enum(d.Bus), Enum(d.Status), Field(d.Module), d.Initcall is { } l ? Enum(l) : "-",
                Field(d.RegisteredBy), Bool(d.AsyncProbe), Bool(d.DriverManagedDma), Bool(d.PreventDeferredProbe), Field(d.ProbeFunction), Source(d.Source)))));
        Save(dir, "matches.tsv", Table("matches.tsv", "one row per match-table entry, in table order per driver", MatchColumns,
            kernel.Matches.OrderBy(m => m.DriverId, StringComparer.Ordinal).ThenBy(m => m.Order).Select(m => Row(
                Field(m.DriverId), Int(m.Order), Enum(m.Kind), Field(m.Value), Field(m.NodeName), Field(m.DeviceType), Source(m.Source), Field(m.Data)))));
        Save(dir, "plans.tsv", Table("plans.tsv", "one row per probe-plan step (step 0 with kind none: a plan without steps)", PlanColumns,
            kernel.Plans.OrderBy(p => p.DriverId, StringComparer.Ordinal).SelectMany(PlanRows)));
        Save(dir, "early-inits.tsv", Table("early-inits.tsv", "one row per early OF declare", EarlyColumns,
            kernel.EarlyInits.Select(e => Row(
                Enum(e.Table), Field(e.Compatible), Field(e.InitFunction), Enum(e.Status),
                e.Provides.Count == 0 ? "-" : string.Join(',', e.Provides.Select(p => Enum(p))), Bool(e.LeavesNodeToDriver), Source(e.Source)))
                .Order(StringComparer.Ordinal)));
        Save(dir, "unknowns.tsv", Table("unknowns.tsv", "one row per fact the importer could not settle", UnknownColumns,
            kernel.Unknowns.Select(u => Row(Field(u.Subject), Field(u.Fact), Enum(u.Cause), Field(u.Reason), Source(u.Source))).Distinct().Order(StringComparer.Ordinal)));
        LegacyTables.Write(kernel, dir, configText);
    }

    private static IEnumerable<string> PlanRows(ProbePlan p)
    {
        if (p.Steps.Count == 0)
        {
            yield return Row(Field(p.DriverId), Bool(p.Complete), "0", "none", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-");
            yield break;
        }
        for (int i = 0; i < p.Steps.Count; i++)
        {
            var s = p.Steps[i];
            yield return Row(Field(p.DriverId), Bool(p.Complete), Int(i + 1), Enum(s.Kind),
                s.Resource is { } r ? Enum(r) : "-", s.Lookup is { } l ? Enum(l) : "-", Field(s.Name), Int(s.Index),
                s.Policy is { } po ? Enum(po) : "-", s.Message is { } mk ? Enum(mk.Kind) : "-", Field(s.Message?.Text), s.Child is { } c ? Enum(c) : "-",
                Field(s.Compatible), Field(s.NodeName), Field(s.Function), Source(s.Source), Field(s.When));
        }
    }

    internal static string Row(params string[] fields) => string.Join('\t', fields);

    internal static string Table(string file, string what, string columns, IEnumerable<string> rows, int version = FormatVersion)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(file).Append(": ").Append(what).Append(" (driver-set format ").Append(version)
          .Append(", docs/kernel/driver-set-format.md); columns: ").Append(columns).Append('\n');
        foreach (var r in rows) sb.Append(r).Append('\n');
        return sb.ToString();
    }

    internal static void Save(string dir, string file, string text) =>
        File.WriteAllText(Path.Combine(dir, file), text, new UTF8Encoding(false));

    private static string ManifestJson(ImportManifest m)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("formatVersion", m.FormatVersion);
            w.WriteString("kernelVersion", m.KernelVersion);
            w.WriteString("release", m.Release);
            w.WriteString("arch", m.Arch);
            w.WriteStartArray("inputs");
            foreach (var i in m.Inputs)
            {
                w.WriteStartObject();
                w.WriteString("role", i.Role);
                w.WriteString("name", i.Name);
                w.WriteString("version", i.Version);
                w.WriteString("sha256", i.Sha256);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("command", m.Command);
            w.WriteString("generator", m.Generator);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
    }

    /// <summary>
    /// Reads an imported driver set; null when <paramref name="dir"/> has no manifest.json (a binary-derived table
    /// directory). Throws <see cref="KernelTableException"/> (file:line:col) on a malformed manifest or row, or a missing file.
    /// </summary>
    public static ImportedKernel? TryRead(string dir)
    {
        var manifestPath = Path.Combine(dir, ManifestFile);
        if (!File.Exists(manifestPath)) return null;
        foreach (var f in Files)
            if (!File.Exists(Path.Combine(dir, f)))
                throw new KernelTableException(new SourceLocation(Path.Combine(dir, f), 1, 1), "missing: an imported driver set has " + string.Join(", ", Files));
        var manifest = ReadManifest(manifestPath);
        var drivers = new List<ImportedDriver>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in TsvReader.Read(Path.Combine(dir, "drivers.tsv"), 12))
        {
            var id = Required(row, 0, "driver id");
            if (!ids.Add(id)) throw row.Error(0, $"driver {id} is listed twice");
            var bus = ParseEnum<ImportedBus>(row, 2, "bus");
            if (manifest.FormatVersion < 2 && bus is ImportedBus.SunxiRsb or ImportedBus.Spmi)
                throw row.Error(2, $"bus '{row[2]}' needs driver-set format 2 (the manifest says {manifest.FormatVersion})");
            drivers.Add(new ImportedDriver
            {
                Id = id,
                Name = Required(row, 1, "driver name"),
                Bus = bus,
                Status = ParseEnum<BuildStatus>(row, 3, "build status"),
                Module = Unfield(row, 4),
                Initcall = ParseOptionalEnum<InitcallLevel>(row, 5, "initcall level"),
                RegisteredBy = Unfield(row, 6),
                AsyncProbe = ParseBool(row, 7, "async_probe"),
                DriverManagedDma = ParseBool(row, 8, "driver_managed_dma"),
                PreventDeferredProbe = ParseBool(row, 9, "prevent_deferred_probe"),
                ProbeFunction = Unfield(row, 10),
                Source = RequiredSource(row, 11),
            });
        }
        string KnownDriver(TsvRow row)
        {
            var id = Required(row, 0, "driver id");
            return ids.Contains(id) ? id : throw row.Error(0, $"driver {id} is not in drivers.tsv");
        }
        var matches = new List<ImportedMatch>();
        bool v2 = manifest.FormatVersion >= 2;
        foreach (var row in TsvReader.Read(Path.Combine(dir, "matches.tsv"), v2 ? 8 : 7))
        {
            var kind = ParseEnum<MatchKind>(row, 2, "match kind");
            if (manifest.FormatVersion < 2 && kind == MatchKind.ProbeOf)
                throw row.Error(2, $"match kind 'probe-of' needs driver-set format 2 (the manifest says {manifest.FormatVersion})");
            matches.Add(new ImportedMatch(KnownDriver(row), kind, Unfield(row, 3) ?? throw row.Error(3, "a match needs a value"),
                ParseInt(row, 1, "order", optional: false)!.Value, RequiredSource(row, 6))
            { NodeName = Unfield(row, 4), DeviceType = Unfield(row, 5), Data = v2 ? Unfield(row, 7) : null });
        }
        var plans = ReadPlans(Path.Combine(dir, "plans.tsv"), KnownDriver, v2);
        var early = new List<ImportedEarlyInit>();
        foreach (var row in TsvReader.Read(Path.Combine(dir, "early-inits.tsv"), 7))
            early.Add(new ImportedEarlyInit
            {
                Table = ParseEnum<EarlyTable>(row, 0, "early table"),
                Compatible = Required(row, 1, "compatible"),
                InitFunction = Required(row, 2, "init function"),
                Status = ParseEnum<BuildStatus>(row, 3, "build status"),
                Provides = row[4] == "-" ? Array.Empty<EarlyProvides>() : ParseProvides(row),
                LeavesNodeToDriver = ParseBool(row, 5, "leaves_node_to_driver"),
                Source = RequiredSource(row, 6),
            });
        var unknowns = new List<ImportedUnknown>();
        foreach (var row in TsvReader.Read(Path.Combine(dir, "unknowns.tsv"), v2 ? 5 : 4))
            unknowns.Add(v2
                ? new ImportedUnknown(Required(row, 0, "subject"), Required(row, 1, "fact"), Required(row, 3, "reason"), ParseSource(row, 4))
                    { Cause = ParseEnum<UnknownCause>(row, 2, "cause") }
                : new ImportedUnknown(Required(row, 0, "subject"), Required(row, 1, "fact"), Required(row, 2, "reason"), ParseSource(row, 3))
                    { Cause = UnknownCause.NotRecorded });
        return new ImportedKernel { Manifest = manifest, Drivers = drivers, Matches = matches, Plans = plans, EarlyInits = early, Unknowns = unknowns };
    }

    private static IReadOnlyList<EarlyProvides> ParseProvides(TsvRow row)
    {
        var list = new List<EarlyProvides>();
        foreach (var p in row[4].Split(','))
        {
            var v = System.Enum.GetValues<EarlyProvides>().Where(e => Enum(e) == p).Select(e => (EarlyProvides?)e).FirstOrDefault();
            list.Add(v ?? throw row.Error(4, $"unknown provides '{p}' (expected {string.Join(", ", System.Enum.GetValues<EarlyProvides>().Select(e => Enum(e)))})"));
        }
        return list;
    }

    private static List<ProbePlan> ReadPlans(string path, Func<TsvRow, string> knownDriver, bool v2)
    {
        var plans = new List<ProbePlan>();
        string? current = null;
        bool complete = false;
        var steps = new List<PlanStep>();
        // a column after message, by its format-1 index: format 2 put message_kind before message
        int C(int v1) => v2 ? v1 + 1 : v1;
        void Flush()
        {
            if (current is not null) plans.Add(new ProbePlan(current, steps.ToList(), complete));
            steps.Clear();
        }
        foreach (var row in TsvReader.Read(path, v2 ? 17 : 15))
        {
            var id = knownDriver(row);
            var rowComplete = ParseBool(row, 1, "complete");
            var step = ParseInt(row, 2, "step", optional: false)!.Value;
            if (id != current)
            {
                Flush();
                if (plans.Any(p => p.DriverId == id)) throw row.Error(0, $"the plan of {id} is split: its rows must be together");
                current = id;
                complete = rowComplete;
                if (row[3] == "none")
                {
                    if (step != 0) throw row.Error(2, "a plan without steps has step 0");
                    continue;
                }
            }
            else if (rowComplete != complete) throw row.Error(1, $"the plan of {id} was marked complete={Bool(complete)} on an earlier row");
            if (step != steps.Count + 1) throw row.Error(2, $"expected step {steps.Count + 1}, found {step}");
            steps.Add(new PlanStep
            {
                Kind = ParseEnum<PlanStepKind>(row, 3, "step kind"),
                Resource = ParseOptionalEnum<PlanResource>(row, 4, "resource"),
                Lookup = ParseOptionalEnum<PlanLookup>(row, 5, "lookup"),
                Name = Unfield(row, 6),
                Index = ParseInt(row, 7, "index"),
                Policy = ParseOptionalEnum<PlanPolicy>(row, 8, "policy"),
                Message = v2 ? ParseMessage(row) : Format1Message(row, ParseEnum<PlanStepKind>(row, 3, "step kind")),
                Child = ParseOptionalEnum<ChildKind>(row, C(10), "child kind"),
                Compatible = Unfield(row, C(11)),
                NodeName = Unfield(row, C(12)),
                Function = Unfield(row, C(13)),
                Source = RequiredSource(row, C(14)),
                When = v2 ? Unfield(row, 16) : null,
            });
        }
        Flush();
        return plans;
    }

    // format 1 had only the text: a driver's dev_err_probe text on a request or an explicit deferral, the importer's
    // note elsewhere
    private static PlanMessage? Format1Message(TsvRow row, PlanStepKind kind) => Unfield(row, 9) is { } text
        ? new PlanMessage(kind is PlanStepKind.Request or PlanStepKind.Defer ? PlanMessageKind.DevErrProbe : PlanMessageKind.Note, text)
        : null;

    // message_kind and message go together: both '-' or both given
    private static PlanMessage? ParseMessage(TsvRow row)
    {
        var kind = ParseOptionalEnum<PlanMessageKind>(row, 9, "message kind");
        var text = Unfield(row, 10);
        if ((kind is null) != (text is null)) throw row.Error(kind is null ? 9 : 10, "message_kind and message are given together or not at all");
        return kind is { } k ? new PlanMessage(k, text!) : null;
    }

    private static ImportManifest ReadManifest(string path)
    {
        var text = File.ReadAllText(path);
        JsonDocument doc;
        try { doc = JsonDocument.Parse(text); }
        catch (JsonException e)
        {
            throw new KernelTableException(new SourceLocation(path, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1), "malformed JSON: " + e.Message.Split('.')[0]);
        }
        using (doc)
        {
            var root = doc.RootElement;
            KernelTableException Error(string what) => new(Locate(path, text, what), what.Length == 0 ? "the manifest must be a JSON object" : $"manifest: bad or missing \"{what}\"");
            if (root.ValueKind != JsonValueKind.Object) throw Error("");
            string Str(string name, bool required = true)
            {
                if (root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String) return v.GetString()!;
                if (!required && (!root.TryGetProperty(name, out v) || v.ValueKind == JsonValueKind.Null)) return null!;
                throw Error(name);
            }
            if (!root.TryGetProperty("formatVersion", out var fv) || fv.ValueKind != JsonValueKind.Number || !fv.TryGetInt32(out var version)) throw Error("formatVersion");
            if (version < OldestReadableVersion || version > FormatVersion)
                throw new KernelTableException(Locate(path, text, "formatVersion"), $"driver-set format {version} is not supported (this probesim reads formats {OldestReadableVersion} to {FormatVersion})");
            var inputs = new List<ImportInput>();
            if (root.TryGetProperty("inputs", out var arr))
            {
                if (arr.ValueKind != JsonValueKind.Array) throw Error("inputs");
                foreach (var i in arr.EnumerateArray())
                {
                    string? S(string n) => i.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                    inputs.Add(new ImportInput(S("role") ?? throw Error("inputs"), S("name") ?? throw Error("inputs"), S("version"), S("sha256")));
                }
            }
            return new ImportManifest
            {
                FormatVersion = version,
                KernelVersion = Str("kernelVersion"),
                Release = Str("release", required: false),
                Arch = Str("arch"),
                Inputs = inputs,
                Command = Str("command"),
                Generator = Str("generator"),
            };
        }
    }

    private static SourceLocation Locate(string path, string text, string property)
    {
        int at = property.Length == 0 ? -1 : text.IndexOf("\"" + property + "\"", StringComparison.Ordinal);
        if (at < 0) return new SourceLocation(path, 1, 1);
        int line = 1, col = 1;
        for (int i = 0; i < at; i++) { if (text[i] == '\n') { line++; col = 1; } else col++; }
        return new SourceLocation(path, line, col);
    }
}
