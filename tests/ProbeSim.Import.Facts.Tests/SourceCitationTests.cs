using ProbeSim.TestSupport;
namespace ProbeSim.Import.Facts.Tests;

/// <summary>Every file:line of Data/expected-drivers.yaml points at a line of linux-source-6.1 that holds what it cites.</summary>
public class SourceCitationTests
{
    private static readonly IReadOnlyList<ExpectedDriver> All = ExpectedDriverFacts.LoadDefault();

    [KernelSourceFact]
    public void Every_citation_holds_the_cited_name()
    {
        var checker = new CitationChecker(KernelTrees.RootOrAbsent(KernelTree.Debian61));
        var bad = All.SelectMany(checker.Check).ToList();
        Assert.True(bad.Count == 0, $"{bad.Count} bad citations:\n" + string.Join("\n", bad));
    }
}
