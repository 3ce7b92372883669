namespace ProbeSim.Cli.Tests;

public class BootCommandTests
{
    static string Sample => Path.Combine(ProbeSim.DeviceTree.Tests.TestPaths.RepoRoot, "samples", "boards", "probesim-demo.dts");

    [Fact]
    public void Boots_the_sample_board()
    {
        var r = CliRunner.Run("boot", Sample, "--profile", "v6.6");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("12000000.iommu", r.Out);
        Assert.Contains("/sys/kernel/debug/devices_deferred", r.Out);
    }

    [Fact]
    public void Json_output_is_deterministic()
    {
        var a = CliRunner.Run("boot", Sample, "--json", "-");
        var b = CliRunner.Run("boot", Sample, "--json", "-");
        Assert.Equal(0, a.ExitCode);
        Assert.Contains("\"schema\": \"probesim-boot/1\"", a.Out);
        Assert.Equal(a.Out, b.Out);
    }

    [Fact]
    public void Unknown_profile_is_a_usage_error() =>
        Assert.Equal(1, CliRunner.Run("boot", Sample, "--profile", "v9.9").ExitCode);

    [Fact]
    public void Bad_switch_value_is_a_usage_error()
    {
        var r = CliRunner.Run("boot", Sample, "--set", "fw_devlink=sometimes");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("bad value 'sometimes' for switch 'fw_devlink'", r.Err);
    }

    [Fact]
    public void Unknown_scenario_key_names_file_line_and_column()
    {
        var dir = ProbeSim.DeviceTree.Tests.TestPaths.NewTempDir();
        var yaml = Path.Combine(dir, "s.yaml");
        File.WriteAllText(yaml, "drivers:\n  - compatible: acme,x\n    colour: blue\n");
        var r = CliRunner.Run("boot", Sample, "--drivers", yaml);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("s.yaml:3:5: error:", r.Err);
    }

    [Fact]
    public void Profiles_lists_every_profile()
    {
        var r = CliRunner.Run("profiles");
        Assert.Equal(0, r.ExitCode);
        foreach (var p in new[] { "v4.2", "v4.4", "v4.11", "v4.12-rc1", "v4.12", "v4.14", "v4.19", "v5.4", "v5.10", "v5.19", "v6.1", "debian-6.1", "v6.6", "v6.12", "debian-6.12", "v6.18" })
            Assert.Contains("  " + p + " ", r.Out);
    }
}
