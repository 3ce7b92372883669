using ProbeSim.DeviceTree;
using ProbeSim.DeviceTree.Binary;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Reports.Html;

namespace ProbeSim.Reports.Tests.Html;

/// <summary>Boots the boards the HTML report tests show: the sample board with its clock controller broken, and the largest arm64 board of the corpus.</summary>
public static class ReportBoards
{
    /// <summary>The clock controller fails its probe (-EIO), so its consumers defer and their explain chains end there.</summary>
    public const string BrokenClockScenario = """
        drivers:
          - compatible: probesim,demo-cru
            probe: {fail: EIO}
        """;

    public static BootReportData DemoWithBrokenClock()
    {
        var dir = Path.GetDirectoryName(RepoPaths.DemoBoard)!;
        var options = new LoadOptions { Format = InputFormat.Dts, Preprocess = true };
        options.PreprocessorIncludeDirs.Add(dir);
        options.PreprocessorIncludeDirs.Add(Path.Combine(dir, "include"));
        var tree = new DeviceTreeLoader().Load(RepoPaths.DemoBoard, options).Tree;
        var boot = new BootOptions { Drivers = new DefaultDriverSet() }.WithScenario(ScenarioFile.Parse(BrokenClockScenario, "broken-clock.yaml"), false);
        var kernel = boot.CreateKernel(tree, "probesim-demo.dts");
        return BootReportData.Create(kernel, kernel.Boot());
    }

    /// <summary>The arm64 DTB of the corpus with the most nodes, and its node count.</summary>
    public static (string Path, int Nodes) LargestArm64Board()
    {
        if (!Directory.Exists(RepoPaths.Arm64Dtbs)) throw new DirectoryNotFoundException($"{RepoPaths.Arm64Dtbs}: the shared corpus must be beside the checkout (../shared)");
        return Directory.EnumerateFiles(RepoPaths.Arm64Dtbs, "*.dtb", SearchOption.AllDirectories)
            .Select(p => (Path: p, Nodes: FdtReader.ReadFile(p).AllNodes.Count()))
            .OrderByDescending(b => b.Nodes).ThenBy(b => b.Path, StringComparer.Ordinal)
            .First();
    }

    public static BootReportData Boot(string dtbPath)
    {
        var tree = FdtReader.ReadFile(dtbPath);
        var kernel = new BootOptions { Drivers = new DefaultDriverSet() }.CreateKernel(tree, Path.GetFileName(dtbPath));
        return BootReportData.Create(kernel, kernel.Boot());
    }
}
