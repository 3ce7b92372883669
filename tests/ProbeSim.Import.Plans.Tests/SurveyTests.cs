using ProbeSim.TestSupport;
using Xunit.Abstractions;

namespace ProbeSim.Import.Plans.Tests;

/// <summary>
/// The scanner over every probe of drivers/clk, mfd, phy, iommu and pinctrl of the 6.1.192 tree: prints how many plans
/// are complete, the most frequent unknown callees and the time (the figures of the report), and checks the walk ends
/// on every real driver.
/// </summary>
public class SurveyTests(ITestOutputHelper output)
{
    private static readonly string[] Dirs = { "drivers/clk", "drivers/mfd", "drivers/phy", "drivers/iommu", "drivers/pinctrl" };

    [KernelSourceFact]
    public void Survey_of_five_driver_directories()
    {
        // PLAN_SURVEY_DIRS="drivers" surveys other directories (a developer aid; the checks below assume the default five)
        var dirs = Environment.GetEnvironmentVariable("PLAN_SURVEY_DIRS") is { Length: > 0 } custom ? custom.Split(',') : Dirs;
        var pairs = PlanSurvey.FindProbes(KernelTrees.RootOrAbsent(KernelTree.Debian61), dirs);
        var r = PlanSurvey.Run(KernelTrees.RootOrAbsent(KernelTree.Debian61), pairs);
        output.WriteLine($"plans {r.Plans}, complete {r.Complete} ({100.0 * r.Complete / r.Plans:F1}%), steps {r.Steps}, unknown steps {r.UnknownSteps}, {r.Elapsed.TotalSeconds:F1} s");
        foreach (var (callee, count) in r.TopUnknowns) output.WriteLine($"  {count,5} {callee}");
        // PLAN_SURVEY_SHOW=callee lists where that unknown callee is met (a developer aid)
        var show = Environment.GetEnvironmentVariable("PLAN_SURVEY_SHOW");
        if (!string.IsNullOrEmpty(show))
        {
            var scanner = new ProbePlanScanner(KernelTrees.RootOrAbsent(KernelTree.Debian61));
            foreach (var (file, probe) in pairs)
                foreach (var s in scanner.Scan(file, probe, probe).Steps.Where(s => s.Name == show && s.Kind == Kernel.Drivers.Imported.PlanStepKind.Unknown))
                    output.WriteLine($"    {s.Source} {s.Message}");
        }
        Assert.True(r.Plans > 500, $"only {r.Plans} probes found");
        Assert.True(r.Complete > 0);
    }
}
