using ProbeSim.DeviceTree.Tests;

namespace ProbeSim.Kernel.Tests.Docs;

public class RuleIndexTests
{
    private static string DocPath => Path.Combine(TestPaths.RepoRoot, "docs", "rules.md");

    [Fact]
    public void Docs_rules_lists_every_rule_comment_of_the_kernel_model()
    {
        var expected = RuleIndex.Render(RuleIndex.Scan(TestPaths.RepoRoot));
        if (Environment.GetEnvironmentVariable("PROBESIM_UPDATE_DOCS") == "1") File.WriteAllText(DocPath, expected);
        var actual = File.Exists(DocPath) ? File.ReadAllText(DocPath) : "";
        Assert.True(actual == expected,
            "docs/rules.md is out of date: run PROBESIM_UPDATE_DOCS=1 dotnet test tests/ProbeSim.Kernel.Tests --filter RuleIndex");
    }

    [Fact]
    public void A_rule_comment_is_found_by_its_kernel_function()
    {
        var rules = RuleIndex.Scan(TestPaths.RepoRoot);
        Assert.Contains(rules, r => r.Function == "really_probe" && r.Folder == "DriverCore");
        Assert.Contains(rules, r => r.Function == "iommu_device_register" && r.Folder == "Iommu");
        Assert.Contains(rules, r => r.Function == "of_platform_default_populate_init" || r.Function == "of_default_bus_match_table");
        Assert.DoesNotContain(rules, r => r.Function is "the_" or "a_");
    }
}
