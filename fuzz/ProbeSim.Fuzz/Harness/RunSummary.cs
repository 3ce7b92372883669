using System.Text;
using System.Text.Json;
using ProbeSim.Fuzz.Core;

namespace ProbeSim.Fuzz.Harness;

/// <summary>What a run found: counts by kind and outcome, every failure, and failures grouped by signature. Thread-safe.</summary>
public sealed class RunSummary
{
    private readonly object _lock = new();
    private readonly Dictionary<(FuzzKind, Outcome), long> _counts = new();
    private readonly List<FailureRecord> _failures = new();

    public RunSummary(HarnessOptions options) => Options = options;

    public HarnessOptions Options { get; }
    public TimeSpan Elapsed { get; set; }
    public int WorkerStarts { get; set; }

    private readonly Dictionary<FuzzKind, long> _ms = new();
    private readonly Dictionary<(FuzzKind, int), long> _exits = new();

    public void Record(FuzzKind kind, Outcome outcome, FailureRecord? failure, long elapsedMs = 0, int exitCode = -1)
    {
        lock (_lock)
        {
            _ms[kind] = _ms.GetValueOrDefault(kind) + Math.Max(0, elapsedMs);
            if (outcome == Outcome.Ok) _exits[(kind, exitCode)] = _exits.GetValueOrDefault((kind, exitCode)) + 1;
            _counts[(kind, outcome)] = _counts.GetValueOrDefault((kind, outcome)) + 1;
            if (failure is not null) _failures.Add(failure);
        }
    }

    private IEnumerable<string> ExitsOf(FuzzKind k)
    {
        lock (_lock)
        {
            var all = _exits.Where(kv => kv.Key.Item1 == k).ToList();
            long total = Math.Max(1, all.Sum(kv => kv.Value));
            return all.OrderBy(kv => kv.Key.Item2).Select(kv => $"{kv.Key.Item2}:{100 * kv.Value / total}%").ToList();
        }
    }

    private long MsOf(FuzzKind k) { lock (_lock) return _ms.GetValueOrDefault(k); }

    public long Total { get { lock (_lock) return _counts.Values.Sum(); } }

    public long Count(Outcome o) { lock (_lock) return _counts.Where(kv => kv.Key.Item2 == o).Sum(kv => kv.Value); }

    public long Count(FuzzKind k) { lock (_lock) return _counts.Where(kv => kv.Key.Item1 == k).Sum(kv => kv.Value); }

    public IReadOnlyList<FailureRecord> Failures { get { lock (_lock) return _failures.OrderBy(f => f.Index).ToList(); } }

    public long FailureCount => Failures.Count;

    /// <summary>Failures grouped by signature, biggest group first; each with its first input (lowest index).</summary>
    public IReadOnlyList<(string Signature, int Count, FailureRecord First)> Groups() =>
        Failures.GroupBy(f => f.Signature).Select(g => (g.Key, g.Count(), g.First())).OrderByDescending(g => g.Item2).ThenBy(g => g.Item1, StringComparer.Ordinal).ToList();

    public string Text()
    {
        var sb = new StringBuilder();
        var o = Options;
        double secs = Math.Max(Elapsed.TotalSeconds, 0.001);
        sb.AppendLine($"probesim-fuzz: seed {o.Seed}, inputs {o.Start}..{o.Start + o.Inputs - 1} ({string.Join(", ", o.Kinds.Select(k => $"{FuzzKinds.Name(k)} {Count(k)}"))}), {o.Jobs} workers ({WorkerStarts} started), {secs:F1} s, {Total / secs:F0} inputs/s");
        sb.AppendLine("wall-clock per input: " + string.Join(", ", o.Kinds.Select(k => $"{FuzzKinds.Name(k)} {(Count(k) == 0 ? 0 : MsOf(k) / Count(k))} ms")));
        sb.AppendLine("exit statuses of clean ends: " + string.Join("; ", o.Kinds.Select(k => FuzzKinds.Name(k) + " " + string.Join(" ", ExitsOf(k)))));
        sb.AppendLine("outcomes: " + string.Join(", ", Enum.GetValues<Outcome>().Select(x => $"{Outcomes.Name(x)} {Count(x)}")));
        var groups = Groups();
        sb.AppendLine($"distinct failures: {groups.Count}");
        foreach (var (sig, count, first) in groups)
        {
            sb.AppendLine($"  [{count}x] {sig}");
            sb.AppendLine($"      first: {first.Id} ({FuzzKinds.Name(first.Kind)}), replay: --replay {first.Id}");
            sb.AppendLine($"      {Clip(first.Command, 300)}");
            sb.AppendLine($"      {Clip(first.Detail, 300)}");
        }
        return sb.ToString();
    }

    private static string Clip(string s, int n)
    {
        s = s.Replace("\n", "\\n");
        return s.Length > n ? s[..n] + "..." : s;
    }

    public void WriteJson(string path)
    {
        using var fs = File.Create(path);
        using var w = new Utf8JsonWriter(fs, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("schema", "probesim-fuzz/1");
        w.WriteNumber("seed", Options.Seed);
        w.WriteNumber("start", Options.Start);
        w.WriteNumber("inputs", Total);
        w.WriteNumber("jobs", Options.Jobs);
        w.WriteNumber("seconds", Math.Round(Elapsed.TotalSeconds, 2));
        w.WriteStartObject("outcomes");
        foreach (var x in Enum.GetValues<Outcome>()) w.WriteNumber(Outcomes.Name(x), Count(x));
        w.WriteEndObject();
        w.WriteStartObject("kinds");
        foreach (var k in Options.Kinds) w.WriteNumber(FuzzKinds.Name(k), Count(k));
        w.WriteEndObject();
        w.WriteStartArray("groups");
        foreach (var (sig, count, first) in Groups())
        {
            w.WriteStartObject();
            w.WriteString("signature", sig);
            w.WriteNumber("count", count);
            w.WriteString("first", first.Id);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("failures");
        foreach (var f in Failures)
        {
            w.WriteStartObject();
            w.WriteString("id", f.Id);
            w.WriteString("kind", FuzzKinds.Name(f.Kind));
            w.WriteString("outcome", Outcomes.Name(f.Outcome));
            w.WriteNumber("exit", f.ExitCode);
            w.WriteString("signature", f.Signature);
            w.WriteString("detail", f.Detail);
            w.WriteString("command", f.Command);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
