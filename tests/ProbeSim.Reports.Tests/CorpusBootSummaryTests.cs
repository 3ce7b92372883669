using ProbeSim.Kernel.Boot;
using ProbeSim.Reports.Corpus;

namespace ProbeSim.Reports.Tests;

public class CorpusBootSummaryTests
{
    /// <summary>Three booted boards (given out of order) and two failures.</summary>
    public static CorpusBootSummary Sample()
    {
        var clean = SampleBoot.Result("c-board") with { Devices = [SampleBoot.Dma, SampleBoot.Usb] };
        var twoDeferred = SampleBoot.Result("a-board") with
        {
            Devices = [SampleBoot.Serial, SampleBoot.Serial with { Name = "4100000.serial", DeferReason = null }, SampleBoot.Dma],
        };
        return CorpusBootSummary.From("v6.6", "default",
            [clean, SampleBoot.Result("b-board"), twoDeferred],
            [new BoardFailure("z-board", "z.dts:3:1: error: syntax error"), new BoardFailure("y-board", "no such file")]);
    }

    [Fact]
    public void Sums_states_and_sorts_boards()
    {
        var s = Sample();
        Assert.Equal(5, s.Boards);
        Assert.Equal(["a-board", "b-board", "c-board"], s.PerBoard.Select(b => b.Board));
        Assert.Equal(["y-board", "z-board"], s.FailedBoards.Select(b => b.Board));
        Assert.Equal(new StateCounts(3, 3, 1, 1, 2), s.States);
        Assert.Equal(2, s.BoardsWithDeferred);
        Assert.Equal(new StateCounts(1, 2, 0, 0, 0), s.PerBoard[0].Counts);
    }

    [Fact]
    public void Reasons_are_counted_most_frequent_first()
    {
        Assert.Equal(
            [new DeferReasonCount("platform: supplier x not ready", 2), new DeferReasonCount("", 1)],
            Sample().DeferReasons);
    }

    [Fact]
    public void Order_of_adding_does_not_matter()
    {
        var forward = new CorpusBootSummaryBuilder("p", "d");
        var backward = new CorpusBootSummaryBuilder("p", "d");
        BootResult[] results = [SampleBoot.Result("x"), SampleBoot.Result("w") with { Devices = [SampleBoot.Gpu] }];
        foreach (var r in results) forward.Add(r);
        foreach (var r in results.Reverse()) backward.Add(r);
        var a = forward.Build();
        var b = backward.Build();
        Assert.Equal(a.PerBoard, b.PerBoard);
        Assert.Equal(a.States, b.States);
        Assert.Equal(a.DeferReasons, b.DeferReasons);
    }

    [Fact]
    public void Deferred_state_is_what_counts_not_a_leftover_reason()
    {
        var s = CorpusBootSummary.From("p", "d", [SampleBoot.Result() with { Devices = [SampleBoot.Dma with { DeferReason = "stale" }] }]);
        Assert.Empty(s.DeferReasons);
        Assert.Equal(0, s.BoardsWithDeferred);
    }
}
