using ProbeSim.DeviceTree.Tests;

namespace ProbeSim.Cli.Tests.Inputs;

/// <summary>
/// A scenario file (<c>--drivers</c>) with an error is exit 2 and one <c>file:line:col: error:</c> line: YAML syntax
/// (once exit 70 with InvalidOperationException), times beyond the simulated clock (at: 1e13 once ran at 0.01 s),
/// actions on devices or drivers the board lacks (once -19 in the JSON only), and inputs past the YAML bounds.
/// </summary>
public class ScenarioInputTests
{
    private static string Sample => CliRunner.Repo("samples", "boards", "probesim-demo.dts");

    private static (string Path, CliRunner.Result Result) Boot(string yaml, params string[] more)
    {
        var path = Path.Combine(TestPaths.NewTempDir(), "s.yaml");
        File.WriteAllText(path, yaml);
        return (path, CliRunner.Run(["boot", Sample, "--drivers", path, .. more]));
    }

    private static void InputError(string yaml, string expected, params string[] more)
    {
        var (path, r) = Boot(yaml, more);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Out);
        Assert.Equal($"{path}:{expected}", r.Err.Trim());
    }

    [Fact]
    public void An_unclosed_flow_list_is_an_input_error() =>
        InputError("drivers:\n  - compatible: [acme\n    probe: succeed\n",
            "3:5: error: invalid YAML: the parser cannot go on from here (the '[' at line 2, column 17 is not closed)");

    [Fact]
    public void A_time_beyond_the_clock_is_an_input_error() =>
        InputError("actions:\n  - { at: 1e13, unbind: 12100000.dma-controller }\n",
            "2:11: error: at 1e13 is beyond the simulated clock's range (at most 1000000 seconds)");

    [Fact]
    public void An_action_on_a_device_the_board_lacks_is_an_input_error()
    {
        var (path, r) = Boot("actions:\n  - { at: 5, bind: 12100000.dmac, driver: arm-pl330 }\n", "--json", "-");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith($"{path}:2:5: error: no device '12100000.dmac' on board probesim-demo.dts", r.Err.Trim());
    }

    [Fact]
    public void An_action_with_a_driver_the_set_lacks_is_an_input_error() =>
        InputError("actions:\n  - { at: 5, bind: 12100000.dma-controller, driver: arm-pl331 }\n",
            "2:5: error: no driver 'arm-pl331' in driver set default+s.yaml");

    [Fact]
    public void An_action_the_board_has_runs()
    {
        var (_, r) = Boot("actions:\n  - { at: 5, unbind: 12100000.dma-controller }\n", "--json", "-");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("\"action\": \"unbind 12100000.dma-controller\"", r.Out);
    }

    [Fact]
    public void An_alias_bomb_is_an_input_error()
    {
        var bomb = new System.Text.StringBuilder("l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 9; i++) bomb.Append($"l{i}: &l{i} [").Append(string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10))).Append("]\n");
        var (path, r) = Boot(bomb.ToString());
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith($"{path}:6:", r.Err);
        Assert.Contains("error: the document has more than 200,000 nodes", r.Err);
    }

    [Fact]
    public void Deep_nesting_is_an_input_error()
    {
        var (path, r) = Boot("cmdline: " + new string('[', 200_000) + new string(']', 200_000) + "\n");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"{path}:1:609: error: lists and mappings nested deeper than 600 levels", r.Err.Trim());
    }

    [Fact]
    public void A_directory_as_scenario_is_a_usage_error()
    {
        var dir = TestPaths.NewTempDir();
        var r = CliRunner.Run("boot", Sample, "--drivers", dir);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"probesim: --drivers {dir}: is a directory, not a scenario file", r.Err.Trim());
    }
}
