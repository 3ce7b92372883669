using ProbeSim.Checking.CorpusDiff;
using ProbeSim.DeviceTree.Tests;
using ProbeSim.Kernel.Boot;

namespace ProbeSim.Checking.Tests.CorpusDiff;

/// <summary>
/// v4.12-rc1 against v4.12 on five arm64 boards of Linux v7.1, expectations worked out by reading their DTS and the
/// spec, not taken from the tool. The two profiles differ only by the availability check of the IOMMU node in
/// of_iommu_xlate (spec driver-core H7) and the arm32 dma_ops_setup guard (H8, not used on arm64). Spec table 8.1, row
/// "disabled": v4.12-rc1 defers while booting when the IOMMU compatible has a built-in IOMMU_OF_DECLARE driver, v4.12
/// gives no IOMMU. With the default driver set every compatible, the disabled IOMMU's included, has a built-in driver
/// (with a declare entry), and nothing loads after boot, so under v4.12-rc1 such a master stays deferred (scenario S3:
/// "deferred forever") while under v4.12 it binds without an IOMMU.
///
/// A changed master shows four fields: state deferred -> bound; driver none -> the default set's driver (its first
/// compatible with ',' made '-'); dma not-configured (rc1 returns -EPROBE_DEFER before arch_setup_dma_ops) -> no-iommu
/// (it asked for an IOMMU and got none, docs/json.md); dmaOps none -> swiotlb (arm64 v4.12 arch_setup_dma_ops installs
/// swiotlb_dma_ops when there is no IOMMU). Every master below has its other resources (clocks, resets, PHYs,
/// interrupts) on providers that bind in both profiles, and no enabled node consumes them, so nothing else changes.
/// </summary>
public class Linux71Rc1VsV412Tests(Linux71Rc1VsV412Tests.Run run) : IClassFixture<Linux71Rc1VsV412Tests.Run>
{
    private const string Stratix10 = "altera/socfpga_stratix10_socdk.dts";
    private const string Agilex5 = "intel/socfpga_agilex5_socdk.dts";
    private const string Rock64 = "rockchip/rk3328-rock64.dts";
    private const string PineH64 = "allwinner/sun50i-h6-pine-h64.dts";
    private const string Pine64Plus = "allwinner/sun50i-a64-pine64-plus.dts";

    private static readonly string[] Boards = [Stratix10, Agilex5, Rock64, PineH64, Pine64Plus];

    // (board, device, driver) of every master whose iommus point at a disabled IOMMU, on these boards
    private static readonly (string Board, string Device, string Driver)[] Masters =
    [
        // socfpga_stratix10.dtsi: smmu: iommu@fa000000 ("arm,mmu-500") has status = "disabled" and the board leaves it so;
        // the board enables gmac0 (iommus = <&smmu 1>), mmc (<&smmu 5>) and usb0 (<&smmu 6>); gmac1, gmac2 and usb1
        // (also behind the smmu) stay disabled. soc@0 maps addresses 1:1.
        (Stratix10, "ff800000.ethernet", "altr-socfpga-stmmac-a10-s10"),
        (Stratix10, "ff808000.mmc", "altr-socfpga-dw-mshc"),
        (Stratix10, "ffb00000.usb", "snps-dwc2"),
        // socfpga_agilex5.dtsi: smmu: iommu@16000000 ("arm,smmu-v3") disabled, not enabled by the board. Masters:
        // /firmware/svc (iommus = <&smmu 10>; no reg, so of_device_make_bus_id names it firmware:svc), the two AXI DMA
        // controllers under dma-bus@10db0000 (no status; ranges put 0x0 and 0x10000 at 0x10db0000 and 0x10dc0000),
        // usb0 and gmac2 (enabled by the board). Their only DMA consumers, spi0/spi1, are disabled; nand, gmac0 and
        // gmac1 (also behind the smmu) stay disabled.
        (Agilex5, "firmware:svc", "intel-agilex5-svc"),
        (Agilex5, "10db0000.dma-controller", "altr-agilex5-axi-dma"),
        (Agilex5, "10dc0000.dma-controller", "altr-agilex5-axi-dma"),
        (Agilex5, "10b00000.usb", "snps-dwc2"),
        (Agilex5, "10830000.ethernet", "altr-socfpga-stmmac-agilex5"),
        // rk3328-rock64: h265e_mmu and vepu_mmu are disabled but no node refers to them; vpu and vdec use vpu_mmu and
        // vdec_mmu (enabled), the board enables vop and vop_mmu together: no change.
        // sun50i-h6-pine-h64: iommu@30f0000 is enabled; its masters (the two video codecs; mixer0 sits under the
        // display engine bus and is left to its driver) behave alike under both profiles: no change.
        // sun50i-a64-pine64-plus: no IOMMU at all: no change.
    ];

    /// <summary>The diff of the five boards, run once for the tests of this class.</summary>
    public sealed class Run
    {
        public CorpusDiffResult Result { get; } = Diff();
    }

    private static CorpusDiffResult Diff()
    {
        var root = TestPaths.Corpus("v7.1");
        var boards = CorpusBoot.FromKernelTree(root, "arm64").Where(b => Boards.Contains(b.Name)).ToList();
        Assert.Equal(Boards.Order(StringComparer.Ordinal), boards.Select(b => b.Name).Order(StringComparer.Ordinal));
        DiffSide Side(string name, string profile) =>
            new(name, new DiffSideInfo(profile, profile, "default", null, "", root + " (arm64)"), new BootOptions { Profile = profile }, boards);
        return CorpusDiffRunner.Run(CorpusDiffPlan.Make(Side("a", "v4.12-rc1"), Side("b", "v4.12"), Shard.Whole), jobs: 2);
    }

    [Fact]
    public void Exactly_the_masters_behind_a_disabled_iommu_change_and_nothing_else()
    {
        var r = run.Result;
        Assert.Equal((5, 0), (r.Boards, r.Failures.Count));
        var expected = Masters
            .SelectMany(m => new (string, string, string, string?, string?)[]
            {
                (m.Board, m.Device, "state", "deferred", "bound"),
                (m.Board, m.Device, "driver", null, m.Driver),
                (m.Board, m.Device, "dma", "not-configured", "no-iommu"),
                (m.Board, m.Device, "dmaOps", null, "swiotlb"),
            })
            .Order()
            .ToList();
        Assert.Equal(expected, r.Changes.Select(c => (c.Board, c.Device, c.Field, c.Before, c.After)).Order().ToList());
        Assert.Equal((8, 2), (r.ChangedDevices, r.ChangedBoards));
    }

    [Fact]
    public void All_changes_have_one_cause_the_unchecked_disabled_iommu_node()
    {
        var r = run.Result;
        var cause = Assert.Single(r.Changes.Select(c => c.Cause.Text()).Distinct());
        Assert.Contains("of_iommu_disabled_check: false", cause);
        Assert.EndsWith("-> IOMMU <node> is disabled", cause);
    }
}
