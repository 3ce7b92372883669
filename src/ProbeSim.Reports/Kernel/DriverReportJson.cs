using System.Text.Json;
using ProbeSim.Kernel.Drivers.Imported;
using ProbeSim.Reports.Json;

namespace ProbeSim.Reports.KernelDrivers;

/// <summary>Writes a <see cref="DriverReport"/> as <c>probesim-kernel-driver/1</c> JSON (docs/kernel/driver-reports.md).</summary>
public static class DriverReportJson
{
    public const string Schema = "probesim-kernel-driver/1";

    public static string ToJson(DriverReport r) => JsonOutput.ToText(w =>
    {
        w.WriteStartObject();
        w.WriteString("schema", Schema);
        w.WriteString("query", r.Query);
        WriteKernel(w, r.Manifest);
        w.WriteStartArray("drivers");
        foreach (var d in r.Drivers) WriteDriver(w, d);
        w.WriteEndArray();
        w.WriteStartArray("earlyOnly");
        foreach (var e in r.EarlyOnly) WriteEarly(w, e);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>The <c>kernel</c> object both kernel reports start with.</summary>
    public static void WriteKernel(Utf8JsonWriter w, ImportManifest m)
    {
        w.WriteStartObject("kernel");
        w.WriteString("version", m.KernelVersion);
        w.WriteString("release", m.Release);
        w.WriteString("arch", m.Arch);
        w.WriteNumber("formatVersion", m.FormatVersion);
        w.WriteEndObject();
    }

    private static void WriteDriver(Utf8JsonWriter w, DriverFacts f)
    {
        var d = f.Driver;
        w.WriteStartObject();
        w.WriteString("id", d.Id);
        w.WriteString("name", d.Name);
        w.WriteString("matchedBy", f.MatchedBy);
        w.WriteString("source", d.Source.ToString());
        w.WriteString("bus", KernelWords.Bus(d.Bus));
        w.WriteString("status", KernelWords.Status(d.Status));
        w.WriteString("module", d.Module);
        w.WriteString("initcall", d.Initcall is { } l ? KernelWords.Initcall(l) : null);
        w.WriteString("registeredBy", d.RegisteredBy);
        w.WriteString("probe", d.ProbeFunction);
        w.WriteBoolean("asyncProbe", d.AsyncProbe);
        w.WriteBoolean("driverManagedDma", d.DriverManagedDma);
        w.WriteBoolean("preventDeferredProbe", d.PreventDeferredProbe);
        w.WriteStartArray("matches");
        foreach (var m in f.Matches)
        {
            w.WriteStartObject();
            w.WriteString("kind", KernelWords.Match(m.Kind));
            w.WriteString("value", m.Value);
            w.WriteString("nodeName", m.NodeName);
            w.WriteString("deviceType", m.DeviceType);
            w.WriteNumber("order", m.Order);
            w.WriteString("source", m.Source.ToString());
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("earlyInits");
        foreach (var e in f.EarlyInits) WriteEarly(w, e);
        w.WriteEndArray();
        WritePlan(w, f.Plan);
        w.WriteStartArray("children");
        foreach (var s in f.Children) WriteStep(w, s, null);
        w.WriteEndArray();
        w.WriteStartArray("unknowns");
        foreach (var u in f.Unknowns) WriteUnknown(w, u);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WritePlan(Utf8JsonWriter w, ProbePlan? plan)
    {
        if (plan is null) { w.WriteNull("plan"); return; }
        w.WriteStartObject("plan");
        w.WriteBoolean("complete", plan.Complete);
        w.WriteStartArray("steps");
        for (int i = 0; i < plan.Steps.Count; i++) WriteStep(w, plan.Steps[i], i + 1);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteStep(Utf8JsonWriter w, PlanStep s, int? number)
    {
        w.WriteStartObject();
        if (number is int n) w.WriteNumber("step", n);
        w.WriteString("kind", KernelWords.StepKind(s.Kind));
        w.WriteString("resource", s.Resource is { } r ? KernelWords.Resource(r) : null);
        w.WriteString("lookup", s.Lookup is { } l ? KernelWords.Lookup(l) : null);
        w.WriteString("name", s.Name);
        JsonOutput.WriteNumber(w, "index", s.Index);
        w.WriteString("policy", s.Policy is { } p ? KernelWords.Policy(p) : null);
        w.WriteString("messageKind", s.Message is { } m ? KernelWords.MessageKind(m.Kind) : null);
        w.WriteString("message", s.Message?.Text);
        w.WriteString("child", s.Child is { } c ? KernelWords.Child(c) : null);
        w.WriteString("compatible", s.Compatible);
        w.WriteString("nodeName", s.NodeName);
        w.WriteString("function", s.Function);
        w.WriteString("source", s.Source.ToString());
        w.WriteEndObject();
    }

    private static void WriteEarly(Utf8JsonWriter w, ImportedEarlyInit e)
    {
        w.WriteStartObject();
        w.WriteString("table", KernelWords.EarlyTable(e.Table));
        w.WriteString("compatible", e.Compatible);
        w.WriteString("init", e.InitFunction);
        w.WriteString("status", KernelWords.Status(e.Status));
        JsonOutput.WriteStrings(w, "provides", e.Provides.Select(KernelWords.Provides));
        w.WriteBoolean("leavesNodeToDriver", e.LeavesNodeToDriver);
        w.WriteString("source", e.Source.ToString());
        w.WriteEndObject();
    }

    private static void WriteUnknown(Utf8JsonWriter w, ImportedUnknown u)
    {
        w.WriteStartObject();
        w.WriteString("subject", u.Subject);
        w.WriteString("fact", u.Fact);
        w.WriteString("reason", u.Reason);
        w.WriteString("source", u.Source?.ToString());
        w.WriteEndObject();
    }
}
