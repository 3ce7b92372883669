using ProbeSim.TestSupport;
using Xunit.Abstractions;

namespace ProbeSim.Import.Plans.Tests;

/// <summary>A developer aid: PLAN_DUMP="drivers/x.c:probe_fn" prints that plan (the test does nothing otherwise).</summary>
public class DumpPlan(ITestOutputHelper output)
{
    [KernelSourceFact]
    public void Dump()
    {
        var spec = Environment.GetEnvironmentVariable("PLAN_DUMP");
        if (string.IsNullOrEmpty(spec)) return;
        var scanner = new ProbePlanScanner(KernelTrees.RootOrAbsent(KernelTree.Debian61));
        foreach (var one in spec.Split(';'))
        {
            var (file, fn) = (one[..one.IndexOf(':')], one[(one.IndexOf(':') + 1)..]);
            var plan = scanner.Scan(file, fn, fn);
            output.WriteLine($"{file}:{fn} complete={plan.Complete}");
            foreach (var s in plan.Steps)
                output.WriteLine($"  {s.Source} {s.Function} {s.Kind} {s.Resource} {s.Child} lookup={s.Lookup} name={s.Name} idx={s.Index} {s.Policy} compat={s.Compatible} node={s.NodeName} msg={s.Message}");
            var early = scanner.EarlyInit(file, fn);
            output.WriteLine($"  early: {string.Join(",", early.Provides)} leaves={early.LeavesNode}");
        }
    }
}
