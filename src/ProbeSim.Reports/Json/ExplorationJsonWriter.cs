using ProbeSim.Reports.Reasons;
using System.Text.Json;
using ProbeSim.Checking.Exploration;
using ProbeSim.Checking.Invariants;
using ProbeSim.Reports.Log;

namespace ProbeSim.Reports.Json;

/// <summary>Writes a check's findings as <c>probesim-check/1</c> JSON (docs/json.md).</summary>
public static class ExplorationJsonWriter
{
    public const string Schema = "probesim-check/1";

    /// <summary>The document; <paramref name="withTiming"/> adds the wall-clock time (off by default so output is deterministic).</summary>
    public static string ToJson(ExplorationReport r, bool withTiming = false) => JsonOutput.ToText(w =>
    {
        w.WriteStartObject();
        w.WriteString("schema", Schema);
        w.WriteString("board", r.Board);
        w.WriteString("profile", r.Profile);
        w.WriteString("drivers", r.DriverSet);
        w.WriteString("strategy", r.Strategy.ToString().ToLowerInvariant());
        w.WriteNumber("seed", r.Seed);
        w.WriteString("faults", r.Faults);
        w.WriteNumber("schedules", r.Schedules);
        w.WriteNumber("pruned", r.Pruned);
        w.WriteNumber("states", r.States);
        w.WriteBoolean("complete", r.Complete);
        if (withTiming) w.WriteNumber("seconds", Math.Round(r.Elapsed.TotalSeconds, 3));
        w.WriteStartArray("invariants");
        foreach (var i in r.Invariants) w.WriteStringValue(i);
        w.WriteEndArray();
        w.WriteStartArray("violations");
        foreach (var v in r.Violations)
        {
            w.WriteStartObject();
            w.WriteString("invariant", v.Violation.Invariant);
            w.WriteString("severity", v.Violation.Severity == Severity.Error ? "error" : "warning");
            w.WriteString("description", InvariantTable.Find(v.Violation.Invariant)?.Description);
            w.WriteString("device", v.Violation.Device);
            w.WriteString("message", ReasonWords.Default.Finding(v.Violation.Finding));
            w.WriteString("replay", v.Replay);
            w.WriteNumber("foundWithSteps", v.FoundWithSteps);
            w.WriteStartArray("trace");
            for (int i = 0; i < v.Trace.Count; i++)
            {
                var s = v.Trace[i];
                long until = i + 1 < v.Trace.Count ? v.Trace[i + 1].TimeUs : long.MaxValue;
                w.WriteStartObject();
                w.WriteNumber("step", s.Step);
                JsonOutput.WriteSeconds(w, "time", s.TimeUs);
                w.WriteString("kind", s.Kind);
                w.WriteString("event", $"{s.Kind}: {Checking.ViolationWords.Text(s)}");
                // the log lines up to the next step (the first step also takes the lines before it)
                w.WriteStartArray("log");
                foreach (var l in v.Log)
                    if ((i == 0 || l.TimeUs >= s.TimeUs) && l.TimeUs < until) w.WriteStringValue(DmesgFormatter.FormatLine(l));
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("log");
            foreach (var l in v.Log) w.WriteStringValue(DmesgFormatter.FormatLine(l));
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });
}
