using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Plans.Tests;

/// <summary>A throw-away source tree of hand-written kernel-style C files, scanned with a fresh scanner.</summary>
internal sealed class TempTree : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("probesim-plans-").FullName;

    public TempTree With(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    public ProbePlan Scan(string file, string probe) => new ProbePlanScanner(Root).Scan(file, probe, "drv");

    /// <summary>Scans <paramref name="code"/> as drivers/test/t.c from its function foo_probe.</summary>
    public static ProbePlan Plan(string code, string probe = "foo_probe")
    {
        using var t = new TempTree().With("drivers/test/t.c", code);
        return t.Scan("drivers/test/t.c", probe);
    }

    public static PlanStep Single(ProbePlan plan, PlanStepKind kind) => Assert.Single(plan.Steps, s => s.Kind == kind);

    public void Dispose()
    {
        try { Directory.Delete(Root, true); } catch (IOException) { }
    }
}
