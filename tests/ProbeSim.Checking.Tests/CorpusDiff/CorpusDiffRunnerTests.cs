using ProbeSim.Checking.CorpusDiff;
using ProbeSim.Reports.Json;
using ProbeSim.Reports.Text;

namespace ProbeSim.Checking.Tests.CorpusDiff;

public class CorpusDiffRunnerTests
{
    [Fact]
    public void Only_the_master_behind_the_disabled_iommu_and_its_dma_consumer_change_with_one_cause()
    {
        var r = DiffBoards.Rc1VsV412(DiffBoards.Small());
        Assert.Equal((3, 0), (r.Boards, r.Failures.Count));
        Assert.Equal(
            [
                ("2000000.dma-controller", "state", "deferred", "bound"),
                ("2000000.dma-controller", "driver", null, "acme-dmac"),
                ("2000000.dma-controller", "dma", "not-configured", "no-iommu"),
                ("2000000.dma-controller", "dmaOps", null, "swiotlb"),
                ("3000000.spi", "state", "deferred", "bound"),
                ("3000000.spi", "driver", null, "acme-spi"),
                // the SPI controller has no iommus: its DMA goes direct once it probes
                ("3000000.spi", "dma", "not-configured", "direct"),
                ("3000000.spi", "dmaOps", null, "swiotlb"),
            ],
            r.Changes.Select(c => (c.Device, c.Field, c.Before, c.After)));
        Assert.All(r.Changes, c => Assert.Equal("vendor/iommu-off.dts", c.Board));
        // the consumer inherits the cause of the supplier that changed under it: one group
        var cause = Assert.Single(r.Changes.Select(c => c.Cause.Text()).Distinct());
        Assert.StartsWith("of_iommu_configure: IOMMU <node> not registered while booting", cause);
        Assert.EndsWith("-> IOMMU <node> is disabled", cause);
        Assert.Equal((2, 1), (r.ChangedDevices, r.ChangedBoards));
    }

    [Fact]
    public void Same_sides_give_no_change()
    {
        var boards = DiffBoards.Small();
        var r = CorpusDiffRunner.Run(CorpusDiffPlan.Make(DiffBoards.Side("a", "v6.6", boards), DiffBoards.Side("b", "v6.6", boards), Shard.Whole), 2);
        Assert.Empty(r.Changes);
        Assert.True(r.Devices > 0);
        Assert.EndsWith("no device changed\n", CorpusDiffReport.Format(r));
    }

    [Fact]
    public void Boards_on_one_side_only_are_listed_and_a_board_that_does_not_load_is_a_failure()
    {
        var a = new[] { DiffBoards.Board("x/common.dts", DiffBoards.Plain), DiffBoards.Board("x/only-a.dts", DiffBoards.Plain), DiffBoards.Board("x/broken.dts", DiffBoards.Plain) };
        var b = new[] { DiffBoards.Board("x/common.dts", DiffBoards.Plain), DiffBoards.Board("x/only-b.dts", DiffBoards.Plain), DiffBoards.Board("x/broken.dts", "/dts-v1/;\n/ { x = <&nowhere>; };\n") };
        var r = CorpusDiffRunner.Run(CorpusDiffPlan.Make(DiffBoards.Side("a", "v4.12", a), DiffBoards.Side("b", "v4.12", b), Shard.Whole), 1);
        Assert.Equal(["x/only-a.dts"], r.OnlyInA);
        Assert.Equal(["x/only-b.dts"], r.OnlyInB);
        Assert.Equal(2, r.Boards);
        var f = Assert.Single(r.Failures);
        Assert.Equal(("x/broken.dts", "b"), (f.Board, f.Side));
        Assert.Contains("nowhere", f.Error);
    }

    [Fact]
    public void Output_is_the_same_bytes_whatever_the_number_of_jobs()
    {
        var boards = DiffBoards.Many(24);
        var one = DiffBoards.Rc1VsV412(boards, jobs: 1);
        var four = DiffBoards.Rc1VsV412(boards, jobs: 4);
        Assert.Equal(CorpusDiffJsonWriter.ToJson(one), CorpusDiffJsonWriter.ToJson(four));
        Assert.Equal(CorpusDiffReport.Format(one), CorpusDiffReport.Format(four));
        Assert.Equal(8 * 2, one.ChangedDevices);
    }

    [Fact]
    public void Changes_are_sorted_by_board_device_then_field_order()
    {
        var r = DiffBoards.Rc1VsV412(DiffBoards.Many(12));
        Assert.Equal(CorpusDiffResult.Sorted(r.Changes.Reverse()), r.Changes);
        Assert.True(r.Changes.Select(c => c.Board).SequenceEqual(r.Changes.Select(c => c.Board).Order(StringComparer.Ordinal)));
    }
}
