using ProbeSim.DeviceTree.Tests;

namespace ProbeSim.Cli.Tests;

/// <summary>The <c>unwinds</c> array of <c>boot --json</c> (docs/json.md): a failed probe's unwind in the profile's order.</summary>
public class UnwindJsonTests
{
    const string Board = """
        /dts-v1/;
        / { #address-cells = <1>; #size-cells = <1>;
          soc { compatible = "simple-bus"; #address-cells = <1>; #size-cells = <1>; ranges;
            smmu: iommu@1000000 { compatible = "arm,mmu-500"; reg = <0x1000000 0x10000>; #iommu-cells = <1>; };
            dma@2000000 { compatible = "acme,dmac"; reg = <0x2000000 0x1000>; iommus = <&smmu 0x10>; };
          };
        };
        """;

    [Fact]
    public void V4_12_tears_the_DMA_ops_down_before_devres_and_the_managed_buffer_leaks()
    {
        // 4.12.0 drivers/base/dd.c:424-432: dma_deconfigure, then DRIVER_NOT_BOUND, then devres_release_all
        var dir = TestPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir, "board.dts"), Board);
        File.WriteAllText(Path.Combine(dir, "fail.yaml"), "drivers:\n  - { compatible: acme,dmac, dmam-alloc: 4K, probe: {fail: EINVAL} }\n");
        var r = CliRunner.Run("boot", Path.Combine(dir, "board.dts"), "--profile", "v4.12", "--drivers", Path.Combine(dir, "fail.yaml"), "--json", "-");
        Assert.Equal(0, r.ExitCode);
        var json = r.Out.Replace(" ", "").Replace("\n", "");
        Assert.Contains("\"device\":\"2000000.dma\",\"driver\":\"acme-dmac\",\"steps\":[\"arch_teardown_dma_ops\",\"BUS_NOTIFY_DRIVER_NOT_BOUND\",\"devres_release_all\"]", json);
        Assert.Contains("\"leaks\":[{\"resource\":\"dmam_alloc_coherent4096bytes\",\"allocatedWith\":\"iommu-dma\"", json);
    }
}
