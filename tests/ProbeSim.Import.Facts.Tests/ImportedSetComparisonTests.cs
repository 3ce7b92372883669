using ProbeSim.Kernel.Drivers.Imported;
using Xunit.Abstractions;

namespace ProbeSim.Import.Facts.Tests;

/// <summary>
/// The bundled import of Debian 6.1 (kernels/debian-6.1-arm64, made by <c>probesim kernel import</c>) against the facts
/// read by hand from the same source (Data/expected-drivers.yaml): per fact kind, how many of the expected facts the
/// importer got right. The floors are what the import reaches today; a scanner change that loses facts fails here.
/// </summary>
public class ImportedSetComparisonTests(ITestOutputHelper output)
{
    private static ImportedKernel Bundled()
    {
        var dir = Path.Combine(ProbeSim.DeviceTree.Tests.TestPaths.RepoRoot, "kernels", "debian-6.1-arm64");
        return DriverSetFiles.TryRead(dir) ?? throw new InvalidOperationException($"{dir}: no manifest.json");
    }

    [Fact]
    public void Bundled_import_agrees_with_the_hand_read_facts()
    {
        var expected = ExpectedDriverFacts.LoadDefault();
        var kernel = Bundled();
        var perDriver = expected.Select(e => (e, diffs: ExpectedFactsComparer.Compare(e, kernel))).ToList();
        foreach (var (e, diffs) in perDriver.Where(p => p.diffs.Count > 0))
        {
            foreach (var d in diffs) output.WriteLine(d);
            foreach (var line in ExpectedFactsComparer.SideBySide(e, kernel)) output.WriteLine("    " + line);
        }
        int clean = perDriver.Count(p => p.diffs.Count == 0);
        output.WriteLine($"{clean} of {perDriver.Count} drivers agree on every fact");
        Assert.True(clean >= Floor, $"{clean} of {perDriver.Count} drivers agree on every fact (floor {Floor})");
    }

    private const int Floor = 47;
}
