using System.Globalization;

namespace ProbeSim.Reports.KernelDrivers;

/// <summary>
/// The text form of a <see cref="CoverageReport"/>: one <c>label: number</c> line per figure, a share as
/// <c>N of M (P%)</c>, always the same lines in the same order (docs/kernel/driver-reports.md).
/// </summary>
public static class CoverageReportText
{
    public static void Write(TextWriter w, CoverageReport r, int top)
    {
        void Line(string label, int n) => w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {n}"));
        void Share(string label, int n, int of) => w.WriteLine($"{label}: {Fraction(n, of)}");
        w.WriteLine(KernelText.Describe(r.Manifest));
        var d = r.Drivers;
        Line("drivers", d.Total);
        Share("drivers built-in", d.BuiltIn, d.Total);
        Share("drivers module", d.Module, d.Total);
        Share("drivers not built", d.NotBuilt, d.Total);
        Share("drivers build unknown", d.Unknown, d.Total);
        foreach (var (bus, c) in r.ByBus)
        {
            var b = KernelWords.Bus(bus);
            Line($"{b} drivers", c.Total);
            Line($"{b} drivers built-in", c.BuiltIn);
            Line($"{b} drivers module", c.Module);
            Line($"{b} drivers not built", c.NotBuilt);
            Line($"{b} drivers build unknown", c.Unknown);
        }
        Share("drivers with a probe plan", r.WithPlan, d.Total);
        Share("drivers with a complete plan", r.CompletePlans, d.Total);
        Share("drivers with a partial plan", r.PartialPlans, d.Total);
        Share("drivers without a plan", r.WithoutPlan, d.Total);
        Share("built drivers with a complete plan", r.BuiltWithCompletePlan, d.Built);
        Share("driver facts settled", r.FactsSettled, r.Facts);
        Line("plan steps", r.PlanSteps);
        Share("plan steps unknown", r.PlanStepsUnknown, r.PlanSteps);
        Line("early entries", r.EarlyEntries);
        Share("early entries built", r.EarlyBuilt, r.EarlyEntries);
        Share("early entries with known provides", r.EarlyWithProvides, r.EarlyEntries);
        Share("early entries leaving the node to a driver", r.EarlyLeavingNode, r.EarlyEntries);
        Line("facts unknown", r.Unknowns);
        Top(w, "facts unknown, fact", r.UnknownsByFact, top);
        Top(w, "facts unknown, cause", r.UnknownsByCause, top);
    }

    /// <summary><c>N of M (P%)</c> with one decimal; <c>0 of 0</c> without a share.</summary>
    public static string Fraction(int n, int of) => of == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{n} of {of}")
        : string.Create(CultureInfo.InvariantCulture, $"{n} of {of} ({100.0 * n / of:0.0}%)");

    /// <summary>The first <paramref name="top"/> counts, one line each, and one line for the rest.</summary>
    private static void Top(TextWriter w, string label, IReadOnlyList<UnknownCount> counts, int top)
    {
        foreach (var c in counts.Take(top)) w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label} {Quoted.Of(c.Key)}: {c.Count}"));
        if (counts.Count > top)
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label} (the {counts.Count - top} others): {counts.Skip(top).Sum(c => c.Count)}"));
    }
}
