using ProbeSim.DeviceTree.Tests;

namespace ProbeSim.Cli.Tests;

/// <summary>
/// <c>--until</c> on boot and explain (issue 14 item 8), on the oracle case smmu-late (Debian 6.1.192 under QEMU: the SMMUv3
/// driver a module loaded 14 s after /init; snapshots at 3 s and 16 s, docs/kernel/oracle-6.1-smmu-streams.md).
/// </summary>
public class UntilTests
{
    static string Dir => Path.Combine(TestPaths.RepoRoot, "tests", "ProbeSim.Kernel.Tests", "OracleIommu", "smmu-late");

    static string[] Args(params string[] more) =>
    [
        Path.Combine(Dir, "board.dts"), "--kernel", Path.Combine(TestPaths.Shared, "kernels", "debian-bookworm-arm64"),
        "--profile", "debian-6.1", "--drivers", Path.Combine(Dir, "modules.yaml"), "--pci", Path.Combine(Dir, "dump"), .. more,
    ];

    [Fact]
    public void At_3_s_the_PCI_functions_are_still_deferred()
    {
        // the kernel at 3 s: devices_deferred = "0000:00:01.0\t", "0000:00:02.0\t"
        var r = CliRunner.Run(["boot", .. Args("--until", "3")]);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("state at uptime ", r.Out);
        Assert.Contains(" s (3.000000 s after late_initcall): nothing later is simulated\n", r.Out);
        Assert.Contains("/sys/kernel/debug/devices_deferred (2 entries):\n0000:00:01.0\t\n0000:00:02.0\t\n", r.Out);
    }

    [Fact]
    public void Without_until_the_boot_runs_to_its_end()
    {
        var r = CliRunner.Run(["boot", .. Args()]);
        Assert.DoesNotContain("state at uptime", r.Out);
        Assert.Contains("/sys/kernel/debug/devices_deferred (0 entries):", r.Out);
    }

    [Fact]
    public void Json_and_sysfs_report_the_state_at_the_stop()
    {
        var r = CliRunner.Run(["boot", .. Args("--until", "3", "--json", "-")]);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("\"until\":{\"uptime\":", r.Out.Replace(" ", "").Replace("\n", ""));
        Assert.Contains("\"afterLateInitcall\":3.000000", r.Out.Replace(" ", "").Replace("\n", ""));
        var s = CliRunner.Run(["boot", .. Args("--until", "16", "--sysfs")]);
        // the SMMU is registered at 16 s, with no group: /sys/class/iommu/smmu3.0x0000000009050000 and no iommu_groups
        Assert.Contains("smmu3.0x0000000009050000", s.Out);
    }

    [Fact]
    public void Explain_at_16_s_says_the_late_SMMU_blocks_the_DMA()
    {
        var r = CliRunner.Run(["explain", .. Args("--until", "16")[..1], "0000:00:01.0", .. Args("--until", "16")[1..]]);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("(16.000000 s after late_initcall)", r.Out);
        Assert.Contains("event 0x02 received:", r.Out);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-1")]
    [InlineData("uptime:")]
    [InlineData("uptime:x")]
    public void A_bad_value_is_one_line_naming_the_option(string value)
    {
        var r = CliRunner.Run(["boot", .. Args("--until", value)]);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("--until takes seconds after late_initcall", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Fact]
    public void Uptime_stops_on_the_model_clock()
    {
        var r = CliRunner.Run(["boot", .. Args("--until", "uptime:3")]);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("state at uptime 3.000000 s (", r.Out);
    }
}

/// <summary>explain says when the DMA was configured and that the SMMU registered after it (issue 14 item 5).</summary>
public class LateIommuExplainTests
{
    [Fact]
    public void The_rule_has_its_time_and_the_late_SMMU_is_named()
    {
        var dir = Path.Combine(TestPaths.RepoRoot, "tests", "ProbeSim.Kernel.Tests", "OracleIommu", "smmu-late");
        var r = CliRunner.Run("explain", Path.Combine(dir, "board.dts"), "0000:00:01.0", "--kernel",
            Path.Combine(TestPaths.Shared, "kernels", "debian-bookworm-arm64"), "--profile", "debian-6.1",
            "--drivers", Path.Combine(dir, "modules.yaml"), "--pci", Path.Combine(dir, "dump"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("  rule: IOMMU /smmuv3@9050000 not registered by then; check_state gave up (-110) (at ", r.Out);
        Assert.Contains("  later: 9050000.smmuv3 registered smmu3.0x0000000009050000 at ", r.Out);
        Assert.Contains("the enabled IOMMU now stops its stream", r.Out);
        Assert.DoesNotContain("never registered", r.Out);
    }
}
