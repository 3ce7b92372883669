using ProbeSim.Kernel.Boot;

namespace ProbeSim.Reports.Tests;

public class StateCountsTests
{
    [Fact]
    public void Counts_each_state()
    {
        var counts = StateCounts.Of(SampleBoot.Result().Devices);
        Assert.Equal(new StateCounts(1, 1, 1, 1, 1), counts);
        Assert.Equal(5, counts.Total);
        Assert.Equal(1, counts[DeviceState.NoDriver]);
    }

    [Fact]
    public void Sum_adds_fieldwise() =>
        Assert.Equal(new StateCounts(3, 2, 1, 0, 5), new StateCounts(1, 2, 0, 0, 4) + new StateCounts(2, 0, 1, 0, 1));
}
