using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Reports.KernelDrivers;

/// <summary>
/// Everything an import knows of one driver: the driver, how the query found it, its match entries in table order,
/// the early inits of its compatibles, its probe plan (null: none, the boot uses the generic probe), the children the
/// plan creates, and the unknowns about it.
/// </summary>
public sealed record DriverFacts(
    ImportedDriver Driver,
    string MatchedBy,
    IReadOnlyList<ImportedMatch> Matches,
    IReadOnlyList<ImportedEarlyInit> EarlyInits,
    ProbePlan? Plan,
    IReadOnlyList<ImportedUnknown> Unknowns)
{
    /// <summary>The plan's steps that create devices, in plan order.</summary>
    public IReadOnlyList<PlanStep> Children => Plan?.Steps.Where(s => s.Kind == PlanStepKind.Children).ToList() ?? [];

    /// <summary>
    /// The facts of <paramref name="driver"/> in <paramref name="kernel"/>. Unknowns about it are those whose subject is
    /// its id or its source file, or one of its early inits (by init function, <c>file:init-function</c> or compatible).
    /// </summary>
    public static DriverFacts Of(ImportedKernel kernel, ImportedDriver driver, string matchedBy)
    {
        var matches = kernel.Matches.Where(m => m.DriverId == driver.Id).OrderBy(m => m.Order).ToList();
        var compatibles = matches.Where(m => m.Kind == MatchKind.Of).Select(m => m.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // of_compat_cmp: compatibles compare with strcasecmp
        var early = kernel.EarlyInits.Where(e => compatibles.Contains(e.Compatible)).ToList();
        var subjects = new HashSet<string>(StringComparer.Ordinal) { driver.Id, driver.Source.File };
        foreach (var e in early) subjects.UnionWith([e.InitFunction, $"{e.Source.File}:{e.InitFunction}", e.Compatible]);
        var unknowns = kernel.Unknowns.Where(u => subjects.Contains(u.Subject)).ToList();
        var plan = kernel.Plans.FirstOrDefault(p => p.DriverId == driver.Id);
        return new DriverFacts(driver, matchedBy, matches, early, plan, unknowns);
    }
}
