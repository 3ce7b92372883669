using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ProbeSim.Import.Plans;

/// <summary>The figures of one survey: plans scanned, complete, the most frequent unknown callees, time taken.</summary>
public sealed record PlanSurveyResult(int Plans, int Complete, int Steps, int UnknownSteps, IReadOnlyList<(string Callee, int Count)> TopUnknowns, TimeSpan Elapsed);

/// <summary>
/// Runs the scanner over every <c>.probe = fn</c> / <c>.probe_new = fn</c> of the C files under some directories of a
/// kernel tree (a measure of the scanner's coverage, not part of an import).
/// </summary>
public static partial class PlanSurvey
{
    [GeneratedRegex(@"\.probe(?:_new)?\s*=\s*([A-Za-z_][A-Za-z0-9_]*)\s*,")]
    private static partial Regex ProbeField();

    /// <summary>The (file, probe function) pairs under <paramref name="dirs"/>, relative to <paramref name="root"/>, sorted.</summary>
    public static List<(string File, string Probe)> FindProbes(string root, IEnumerable<string> dirs)
    {
        var pairs = new SortedSet<(string, string)>();
        foreach (var dir in dirs)
        {
            var full = Path.Combine(root, dir);
            if (!Directory.Exists(full)) continue;
            foreach (var path in Directory.EnumerateFiles(full, "*.c", SearchOption.AllDirectories))
            {
                var rel = Path.GetRelativePath(root, path).Replace('\\', '/');
                foreach (Match m in ProbeField().Matches(File.ReadAllText(path)))
                    pairs.Add((rel, m.Groups[1].Value));
            }
        }
        return pairs.ToList();
    }

    public static PlanSurveyResult Run(string root, IReadOnlyList<(string File, string Probe)> pairs, int top = 20)
    {
        var sw = Stopwatch.StartNew();
        var scanner = new ProbePlanScanner(root);
        int complete = 0, steps = 0, unknown = 0;
        var callees = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (file, probe) in pairs)
        {
            var plan = scanner.Scan(file, probe, probe);
            if (plan.Complete) complete++;
            steps += plan.Steps.Count;
            foreach (var s in plan.Steps)
            {
                if (s.Kind != Kernel.Drivers.Imported.PlanStepKind.Unknown) continue;
                unknown++;
                var key = s.Name ?? "?";
                callees[key] = callees.GetValueOrDefault(key) + 1;
            }
        }
        sw.Stop();
        var topList = callees.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(top).Select(kv => (kv.Key, kv.Value)).ToList();
        return new PlanSurveyResult(pairs.Count, complete, steps, unknown, topList, sw.Elapsed);
    }
}
