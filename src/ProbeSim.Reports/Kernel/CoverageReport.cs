using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Reports.KernelDrivers;

/// <summary>Drivers of one bus (or of all buses) by build status.</summary>
public sealed record StatusCounts(int Total, int BuiltIn, int Module, int NotBuilt, int Unknown)
{
    public int Built => BuiltIn + Module;

    public static StatusCounts Of(IEnumerable<BuildStatus> statuses)
    {
        var list = statuses.ToList();
        return new(list.Count, list.Count(s => s == BuildStatus.BuiltIn), list.Count(s => s == BuildStatus.Module),
            list.Count(s => s == BuildStatus.NotBuilt), list.Count(s => s == BuildStatus.Unknown));
    }
}

/// <summary>How many unknowns share a fact kind or a reason.</summary>
public sealed record UnknownCount(string Key, int Count);

/// <summary>
/// What <c>probesim kernel coverage</c> reports: how much of a kernel's drivers the import knows. A driver has four
/// facts the boot rests on (build status, initcall level, probe function, a complete probe plan); <see cref="FactsSettled"/>
/// counts those the import settled. Unknowns are counted by fact kind and by cause (the scanner rule that gave up, <see cref="UnknownCause"/>), most
/// frequent first (ties by name).
/// </summary>
public sealed record CoverageReport(
    ImportManifest Manifest,
    StatusCounts Drivers,
    IReadOnlyList<(ImportedBus Bus, StatusCounts Counts)> ByBus,
    int WithPlan,
    int CompletePlans,
    int PartialPlans,
    int BuiltWithCompletePlan,
    int FactsSettled,
    int Facts,
    int EarlyEntries,
    int EarlyBuilt,
    int EarlyWithProvides,
    int EarlyLeavingNode,
    int PlanSteps,
    int PlanStepsUnknown,
    int Unknowns,
    IReadOnlyList<UnknownCount> UnknownsByFact,
    IReadOnlyList<UnknownCount> UnknownsByCause)
{
    /// <summary>Facts each driver counts for in <see cref="Facts"/>.</summary>
    public const int FactsPerDriver = 4;

    public int WithoutPlan => Drivers.Total - WithPlan;

    public static CoverageReport Of(ImportedKernel k)
    {
        var plans = k.Plans.GroupBy(p => p.DriverId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        ProbePlan? Plan(ImportedDriver d) => plans.GetValueOrDefault(d.Id);
        var byBus = Enum.GetValues<ImportedBus>()
            .Select(b => (b, StatusCounts.Of(k.Drivers.Where(d => d.Bus == b).Select(d => d.Status)))).ToList();
        int settled = k.Drivers.Sum(d => (d.Status != BuildStatus.Unknown ? 1 : 0) + (d.Initcall is null ? 0 : 1)
            + (d.ProbeFunction is null ? 0 : 1) + (Plan(d) is { Complete: true } ? 1 : 0));
        var driverPlans = k.Drivers.Select(Plan).OfType<ProbePlan>().ToList();
        return new CoverageReport(
            k.Manifest,
            StatusCounts.Of(k.Drivers.Select(d => d.Status)),
            byBus,
            WithPlan: driverPlans.Count,
            CompletePlans: driverPlans.Count(p => p.Complete),
            PartialPlans: driverPlans.Count(p => !p.Complete),
            BuiltWithCompletePlan: k.Drivers.Count(d => d.Status is BuildStatus.BuiltIn or BuildStatus.Module && Plan(d) is { Complete: true }),
            FactsSettled: settled,
            Facts: k.Drivers.Count * FactsPerDriver,
            EarlyEntries: k.EarlyInits.Count,
            EarlyBuilt: k.EarlyInits.Count(e => e.Status is BuildStatus.BuiltIn or BuildStatus.Module),
            EarlyWithProvides: k.EarlyInits.Count(e => e.Provides.Count > 0),
            EarlyLeavingNode: k.EarlyInits.Count(e => e.LeavesNodeToDriver),
            PlanSteps: driverPlans.Sum(p => p.Steps.Count),
            PlanStepsUnknown: driverPlans.Sum(p => p.Steps.Count(s => s.Kind == PlanStepKind.Unknown)),
            Unknowns: k.Unknowns.Count,
            UnknownsByFact: CountBy(k.Unknowns, u => u.Fact),
            UnknownsByCause: CountBy(k.Unknowns, u => KernelWords.Cause(u.Cause)));
    }

    private static IReadOnlyList<UnknownCount> CountBy(IEnumerable<ImportedUnknown> unknowns, Func<ImportedUnknown, string> key) =>
        unknowns.GroupBy(key, StringComparer.Ordinal).Select(g => new UnknownCount(g.Key, g.Count()))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
}
