namespace ProbeSim.Cli.Tests;

/// <summary>
/// Stories A and D in text: <c>boot --notifiers</c> and <c>explain</c> (docs/kernel/iommu-of-declare-and-notifiers.md).
/// </summary>
public class NotifierStoryCliTests
{
    // spec S1 shape with the one IOMMU v4.4 declares (exynos-iommu.c:1252 of 4.4.11)
    const string Board = """
        /dts-v1/;
        / { #address-cells = <1>; #size-cells = <1>;
         soc { compatible = "simple-bus"; #address-cells = <1>; #size-cells = <1>; ranges;
          smmu: iommu@1000000 { compatible = "samsung,exynos-sysmmu"; reg = <0x1000000 0x10000>; #iommu-cells = <1>; };
          dma0: dma@2000000 { compatible = "acme,dmac"; reg = <0x2000000 0x1000>; iommus = <&smmu 0x10>; };
         }; };
        """;

    static string Write(string name, string text)
    {
        var path = Path.Combine(ProbeSim.DeviceTree.Tests.TestPaths.NewTempDir(), name);
        File.WriteAllText(path, text);
        return path;
    }

    static string[] DeviceBlock(string output, string device)
    {
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        int at = lines.IndexOf("  " + device);
        Assert.True(at >= 0, output);
        return lines.Skip(at + 1).TakeWhile(l => l.StartsWith("    [", StringComparison.Ordinal)).ToArray();
    }

    // drivers/base/dd.c really_probe: BIND_DRIVER from driver_sysfs_add, then BOUND_DRIVER from driver_bound;
    // device_add sends ADD_DEVICE (drivers/base/core.c)
    [Fact]
    public void Boot_notifiers_prints_each_devices_sequence_with_times()
    {
        var r = CliRunner.Run("boot", Write("a.dts", Board), "-p", "v4.4", "--arch", "arm64", "--notifiers");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("bus notifiers (", r.Out);
        var dma = DeviceBlock(r.Out, "2000000.dma");
        Assert.Equal(["BUS_NOTIFY_ADD_DEVICE", "BUS_NOTIFY_BIND_DRIVER (acme-dmac)", "BUS_NOTIFY_BOUND_DRIVER (acme-dmac)"], dma.Select(l => l[(l.IndexOf(']') + 2)..]));
        Assert.All(dma, l => Assert.Matches(@"^    \[\s*\d+\.\d{6}\] ", l));
    }

    // story D: really_probe's probe_failed sends BUS_NOTIFY_DRIVER_NOT_BOUND after BIND_DRIVER from v4.11
    // (14b6257a5f3d, spec driver-core S2); v4.4 sends nothing after BIND_DRIVER
    [Theory]
    [InlineData("v4.4", "BUS_NOTIFY_ADD_DEVICE,BUS_NOTIFY_BIND_DRIVER")]
    [InlineData("v4.11", "BUS_NOTIFY_ADD_DEVICE,BUS_NOTIFY_BIND_DRIVER,BUS_NOTIFY_DRIVER_NOT_BOUND")]
    public void Story_d_not_bound_shows_in_the_text(string profile, string events)
    {
        var drivers = Write("fail.yaml", "drivers:\n  - { compatible: acme,dmac, probe: {fail: EINVAL} }\n");
        var r = CliRunner.Run("boot", Write("d.dts", Board), "-p", profile, "--arch", "arm64", "--drivers", drivers, "--notifiers");
        var dma = DeviceBlock(r.Out, "2000000.dma");
        Assert.Equal(events, string.Join(",", dma.Select(l => l[(l.IndexOf(']') + 2)..].Split(' ')[0])));
    }

    [Fact]
    public void Json_minus_with_notifiers_is_refused()
    {
        var r = CliRunner.Run("boot", Write("j.dts", Board), "--json", "-", "--notifiers");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("--notifiers would print nothing", r.Err);
    }

    // v4.4 arch/arm64/mm/dma-mapping.c:944-963: no group at arch_setup_dma_ops -> queue_iommu_attach (860-877);
    // __iommu_attach_notifier (879-897) attaches on BUS_NOTIFY_ADD_DEVICE. v4.4 of_iommu.c:136-171 has no fwspec
    // (of_iommu_get_ops, then ops->of_xlate at :163).
    [Fact]
    public void Explain_v4_4_tells_the_queued_attach_without_fwspec()
    {
        var r = CliRunner.Run("explain", Write("e.dts", Board), "2000000.dma", "-p", "v4.4", "--arch", "arm64");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("attach queued on iommu_dma_masters (queue_iommu_attach)", r.Out);
        Assert.Contains("by __iommu_attach_notifier on the BUS_NOTIFY_ADD_DEVICE of 2000000.dma", r.Out);
        Assert.Contains("probesim: arm64 queue_iommu_attach: 2000000.dma", r.Out);
        Assert.Contains("IOMMU_OF_DECLARE hook (of_iommu_get_ops)", r.Out);
        Assert.DoesNotContain("fwspec", r.Out);
        Assert.Contains("bus notifiers:", r.Out);
    }
}
