using System.Globalization;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Reports.KernelDrivers;

/// <summary>The text form of a <see cref="DriverReport"/> (docs/kernel/driver-reports.md): one block per driver, every fact with its source file:line.</summary>
public static class DriverReportText
{
    public static void Write(TextWriter w, DriverReport r)
    {
        w.WriteLine($"{r.Query}: {Header(r)} in {KernelText.Describe(r.Manifest)}");
        if (r.Drivers.Count > 1 && r.Drivers.All(d => d.MatchedBy == "name"))
            w.WriteLine($"{r.Drivers.Count} drivers share the name {r.Query}; give an id to see one: {string.Join(", ", r.Drivers.Select(d => d.Driver.Id))}");
        foreach (var d in r.Drivers)
        {
            w.WriteLine();
            WriteDriver(w, d);
        }
        if (r.EarlyOnly.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("no driver registers it; early init:");
            foreach (var e in r.EarlyOnly) w.WriteLine("    " + Early(e));
        }
    }

    private static string Header(DriverReport r) => r.Drivers.Count switch
    {
        0 => r.EarlyOnly.Count == 0 ? "nothing matches" : "early init only",
        1 => "1 driver",
        var n => string.Create(CultureInfo.InvariantCulture, $"{n} drivers"),
    };

    private static void WriteDriver(TextWriter w, DriverFacts f)
    {
        var d = f.Driver;
        w.WriteLine($"driver {d.Name} ({d.Id})  {d.Source}");
        w.WriteLine($"  matched by: {f.MatchedBy}");
        w.WriteLine($"  bus: {KernelWords.Bus(d.Bus)}");
        w.WriteLine($"  build: {Build(d)}");
        w.WriteLine($"  initcall: {Initcall(d)}");
        w.WriteLine($"  registered by: {d.RegisteredBy ?? "its own registration"}");
        w.WriteLine($"  probe: {d.ProbeFunction ?? "unknown"}");
        w.WriteLine($"  async probe: {YesNo(d.AsyncProbe)}");
        w.WriteLine($"  driver_managed_dma: {YesNo(d.DriverManagedDma)}");
        w.WriteLine($"  prevent_deferred_probe: {YesNo(d.PreventDeferredProbe)}");
        Section(w, "match table", f.Matches.Select(m => $"{Match(m)}  {m.Source}"));
        Section(w, "early init", f.EarlyInits.Select(Early));
        w.WriteLine($"  probe plan: {Completeness(f.Plan)}");
        if (f.Plan is { } plan)
            for (int i = 0; i < plan.Steps.Count; i++)
                w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {i + 1}. {PlanStepText.Line(plan.Steps[i])}"));
        Section(w, "children", f.Children.Select(s => $"{PlanStepText.Child(s)}  {PlanStepText.Where(s)}"));
        Section(w, "unknowns", f.Unknowns.Select(u => Unknown(u, d.Id)));
    }

    /// <summary><c>built-in</c>, <c>module clk_rk3399</c>, <c>not built</c>, <c>unknown</c>.</summary>
    public static string Build(ImportedDriver d) => d.Status switch
    {
        BuildStatus.BuiltIn => d.Module is null ? "built-in" : $"built-in (KBUILD_MODNAME {d.Module})",
        BuildStatus.Module => d.Module is null ? "module" : $"module {d.Module}",
        BuildStatus.NotBuilt => "not built",
        _ => "unknown",
    };

    /// <summary>The initcall level; a module's module_init runs when the module loads (do_init_module), not at a level.</summary>
    public static string Initcall(ImportedDriver d) => d.Initcall switch
    {
        null => "unknown",
        InitcallLevel.Device when d.Status == BuildStatus.Module => "module_init (runs when the module loads)",
        { } l => KernelWords.Initcall(l),
    };

    /// <summary>The plan's completeness: complete, partial (with how many steps are unknown), or none.</summary>
    public static string Completeness(ProbePlan? plan)
    {
        if (plan is null) return "none (the boot uses the generic probe)";
        var steps = string.Create(CultureInfo.InvariantCulture, $"{plan.Steps.Count} step{(plan.Steps.Count == 1 ? "" : "s")}");
        if (plan.Complete) return $"complete, {steps}";
        int unknown = plan.Steps.Count(s => s.Kind == PlanStepKind.Unknown);
        return string.Create(CultureInfo.InvariantCulture, $"partial, {steps}, {unknown} the scanner could not read");
    }

    private static string Match(ImportedMatch m)
    {
        var text = m.Kind is MatchKind.Amba ? $"amba {m.Value}" : $"{KernelWords.Match(m.Kind)} {Quoted.Of(m.Value)}";
        if (m.NodeName is { } n) text += $" name {Quoted.Of(n)}";
        if (m.DeviceType is { } t) text += $" type {Quoted.Of(t)}";
        return text;
    }

    public static string Early(ImportedEarlyInit e)
    {
        var provides = e.Provides.Count == 0 ? "provides nothing recorded" : "provides " + string.Join(", ", e.Provides.Select(KernelWords.Provides));
        var node = e.LeavesNodeToDriver ? "node left to a driver" : "node not left to a driver";
        return $"{KernelWords.EarlyTable(e.Table)}({Quoted.Of(e.Compatible)}, {e.InitFunction}): {KernelWords.Status(e.Status)}, {provides}, {node}  {e.Source}";
    }

    /// <summary><c>FACT: REASON  file:line</c>, naming the subject when it is not the driver (its file, an early init).</summary>
    private static string Unknown(ImportedUnknown u, string driverId) =>
        $"{u.Fact}{(u.Subject == driverId ? "" : $" (of {u.Subject})")}: {u.Reason}{(u.Source is { } s ? "  " + s : "")}";

    private static void Section(TextWriter w, string title, IEnumerable<string> lines)
    {
        var list = lines.ToList();
        if (list.Count == 0) { w.WriteLine($"  {title}: none"); return; }
        w.WriteLine($"  {title}:");
        foreach (var l in list) w.WriteLine("    " + l);
    }

    private static string YesNo(bool b) => b ? "yes" : "no";
}
