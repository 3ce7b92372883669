using System.Text.Json;
using ProbeSim.Reports.Json;

namespace ProbeSim.Reports.KernelDrivers;

/// <summary>Writes a <see cref="CoverageReport"/> as <c>probesim-kernel-coverage/1</c> JSON (docs/kernel/driver-reports.md); every unknown count, not only the top ones.</summary>
public static class CoverageReportJson
{
    public const string Schema = "probesim-kernel-coverage/1";

    public static string ToJson(CoverageReport r) => JsonOutput.ToText(w =>
    {
        w.WriteStartObject();
        w.WriteString("schema", Schema);
        DriverReportJson.WriteKernel(w, r.Manifest);
        w.WriteStartObject("drivers");
        WriteCounts(w, r.Drivers);
        w.WriteStartArray("byBus");
        foreach (var (bus, c) in r.ByBus)
        {
            w.WriteStartObject();
            w.WriteString("bus", KernelWords.Bus(bus));
            WriteCounts(w, c);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("withPlan", r.WithPlan);
        w.WriteNumber("completePlan", r.CompletePlans);
        w.WriteNumber("partialPlan", r.PartialPlans);
        w.WriteNumber("withoutPlan", r.WithoutPlan);
        w.WriteNumber("builtWithCompletePlan", r.BuiltWithCompletePlan);
        w.WriteNumber("factsSettled", r.FactsSettled);
        w.WriteNumber("facts", r.Facts);
        w.WriteEndObject();
        w.WriteStartObject("planSteps");
        w.WriteNumber("total", r.PlanSteps);
        w.WriteNumber("unknown", r.PlanStepsUnknown);
        w.WriteEndObject();
        w.WriteStartObject("early");
        w.WriteNumber("total", r.EarlyEntries);
        w.WriteNumber("built", r.EarlyBuilt);
        w.WriteNumber("withProvides", r.EarlyWithProvides);
        w.WriteNumber("leavesNodeToDriver", r.EarlyLeavingNode);
        w.WriteEndObject();
        w.WriteStartObject("unknowns");
        w.WriteNumber("total", r.Unknowns);
        WriteCountList(w, "byFact", "fact", r.UnknownsByFact);
        WriteCountList(w, "byCause", "cause", r.UnknownsByCause);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static void WriteCounts(Utf8JsonWriter w, StatusCounts c)
    {
        w.WriteNumber("total", c.Total);
        w.WriteNumber("builtIn", c.BuiltIn);
        w.WriteNumber("module", c.Module);
        w.WriteNumber("notBuilt", c.NotBuilt);
        w.WriteNumber("unknown", c.Unknown);
    }

    private static void WriteCountList(Utf8JsonWriter w, string name, string key, IReadOnlyList<UnknownCount> counts)
    {
        w.WriteStartArray(name);
        foreach (var c in counts)
        {
            w.WriteStartObject();
            w.WriteString(key, c.Key);
            w.WriteNumber("count", c.Count);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
