using ProbeSim.DeviceTree.Tests;

namespace ProbeSim.Cli.Tests.Inputs;

/// <summary>
/// In a corpus run a scenario (or PCI hierarchy) that does not fit one board fails that board, listed with the
/// scenario's file:line:col, and the others boot: the check against the board must not end the whole run
/// (a node a board lacked once ended it with an internal error).
/// </summary>
public class CorpusScenarioTests
{
    private static string Boards()
    {
        var dir = TestPaths.NewTempDir();
        File.Copy(CliRunner.Repo("tests", "ProbeSim.Cli.Tests", "Data", "probesim-demo.expected.dtb"), Path.Combine(dir, "demo.dtb"));
        var dts = Path.Combine(TestPaths.NewTempDir(), "small.dts");
        File.WriteAllText(dts, "/dts-v1/;\n/ { compatible = \"acme,small\"; #address-cells = <1>; #size-cells = <1>;\n"
            + "  soc { compatible = \"simple-bus\"; #address-cells = <1>; #size-cells = <1>; ranges;\n"
            + "    serial@1000 { compatible = \"acme,uart\"; reg = <0x1000 0x100>; }; }; };\n");
        Assert.Equal(0, CliRunner.Run("dtc", "-I", "dts", "-O", "dtb", "-o", Path.Combine(dir, "small.dtb"), dts).ExitCode);
        return dir;
    }

    private static string Scenario(string yaml)
    {
        var path = Path.Combine(TestPaths.NewTempDir(), "s.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void A_node_one_board_lacks_fails_that_board_only()
    {
        var s = Scenario("nodes:\n  - { path: /soc/dma-controller@12100000, driver: none }\n");
        var r = CliRunner.Run("corpus", "boot", "--dtb-dir", Boards(), "--drivers", s);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"FAILED small.dtb: {s}:2:13: error: no node /soc/dma-controller@12100000 in this device tree", r.Err.Trim());
    }

    [Fact]
    public void An_action_on_a_device_one_board_lacks_fails_that_board_only()
    {
        var s = Scenario("actions:\n  - { at: 1, unbind: 12100000.dma-controller }\n");
        var r = CliRunner.Run("corpus", "boot", "--dtb-dir", Boards(), "--drivers", s);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith($"FAILED small.dtb: {s}:2:5: error: no device '12100000.dma-controller' on board small.dtb", r.Err.Trim());
        Assert.DoesNotContain("demo.dtb", r.Err);
    }

    [Fact]
    public void A_diff_lists_the_board_the_scenario_does_not_fit()
    {
        var boards = Boards();
        var s = Scenario("actions:\n  - { at: 1, unbind: 12100000.dma-controller }\n");
        var r = CliRunner.Run("diff", "--a-dtb", boards, "--b-dtb", boards, "--drivers", s);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{s}:2:5: error: no device '12100000.dma-controller' on board small.dtb", r.Out + r.Err);
        Assert.DoesNotContain("internal error", r.Err);
    }
}
