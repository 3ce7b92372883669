using ProbeSim.DeviceTree.Overlays;

namespace ProbeSim.DeviceTree.Tests.Overlays;

/// <summary>
/// Blobs made by the real dtc and fdtoverlay 1.8.1 (see Data/README.md): each case directory holds base.dtb,
/// the overlays (*.dtbo, applied in file-name order) and expected.dtb; the applier must produce the same tree.
/// </summary>
public sealed class OverlayBlobTests
{
    private static string DataDir => Path.Combine(TestPaths.RepoRoot, "tests", "ProbeSim.DeviceTree.Tests", "Overlays", "Data");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(DataDir).Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(dir));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesFdtoverlay(string name)
    {
        var dir = Path.Combine(DataDir, name);
        var baseTree = TestFdt.ReadFile(Path.Combine(dir, "base.dtb"));
        var overlays = Directory.GetFiles(dir, "*.dtbo").Order(StringComparer.Ordinal)
            .Select(f => (TestFdt.ReadFile(f), (string?)Path.GetFileName(f))).ToList();
        Assert.NotEmpty(overlays);

        OverlayApplier.ApplyAll(baseTree, overlays);

        TreeComparer.AssertSame(TestFdt.ReadFile(Path.Combine(dir, "expected.dtb")), baseTree);
    }
}
