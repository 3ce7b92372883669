using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Tests.Drivers;

/// <summary>
/// Every number of a scenario file is checked for its range where it is read, with the file:line:col of the value:
/// times must fit the simulated clock (a 64-bit count of microseconds: at: 1e13 once wrapped around to 0.01 s),
/// counts and sizes must fit what they count.
/// </summary>
public class ScenarioRangeTests
{
    private static ScenarioException Fails(string yaml) => Assert.Throws<ScenarioException>(() => ScenarioFile.Parse(yaml, "bad.yaml"));

    private static void At(ScenarioException e, int line, int column, string reasonPart)
    {
        Assert.Equal(new SourceLocation("bad.yaml", line, column), e.Location);
        Assert.Contains(reasonPart, e.Reason);
        Assert.Equal($"bad.yaml:{line}:{column}: error: {e.Reason}", e.Message);
    }

    [Theory]
    [InlineData("actions:\n  - { at: 1e13, unbind: x }\n", 2, 11, "at 1e13 is beyond the simulated clock's range (at most 1000000 seconds)")]
    [InlineData("actions:\n  - { at: 1000000.5, unbind: x }\n", 2, 11, "beyond the simulated clock's range")]
    [InlineData("actions:\n  - { at: 1e400, unbind: x }\n", 2, 11, "at must be a number of seconds")]
    [InlineData("actions:\n  - { at: NaN, unbind: x }\n", 2, 11, "at must be a number of seconds")]
    [InlineData("actions:\n  - { at: -Infinity, unbind: x }\n", 2, 11, "at must be a number of seconds")]
    [InlineData("module-autoload-at: 1e300\n", 1, 21, "module-autoload-at 1e300 is beyond the simulated clock's range")]
    [InlineData("drivers:\n  - { compatible: a,b, as: module, load-at: 9e18 }\n", 2, 45, "load-at 9e18 is beyond")]
    public void Times_beyond_the_clock_are_errors(string yaml, int line, int column, string reason) => At(Fails(yaml), line, column, reason);

    [Fact]
    public void The_latest_time_is_accepted()
    {
        var s = ScenarioFile.Parse("actions:\n  - { at: 1000000, unbind: x }\n", "ok.yaml");
        Assert.Equal(ScenarioTime.MaxSeconds, Assert.Single(s.Actions).At);
    }

    [Theory]
    [InlineData("drivers:\n  - { compatible: a,b, dma: [ { wait: 1e300s } ] }\n", 2, 39, "wait 1e300s is beyond the simulated clock's range")]
    [InlineData("drivers:\n  - { compatible: a,b, dma: [ { wait: 2000000s } ] }\n", 2, 39, "beyond the simulated clock's range")]
    [InlineData("drivers:\n  - { compatible: a,b, dma: [ { wait: NaNms } ] }\n", 2, 39, "bad duration 'NaNms'")]
    [InlineData("drivers:\n  - { compatible: a,b, dma: [ { wait: Infinitys } ] }\n", 2, 39, "bad duration")]
    [InlineData("drivers:\n  - compatible: a,b\n    probe: {defer: 99999999999}\n", 3, 20, "defer 99999999999 is out of range (1..2147483647)")]
    [InlineData("drivers:\n  - compatible: a,b\n    iommu: { context-banks: 2000000000 }\n", 3, 29, "context-banks 2000000000 is out of range (0..256)")]
    [InlineData("drivers:\n  - compatible: a,b\n    iommu: { context-banks: -1 }\n", 3, 29, "context-banks must be at least 0")]
    [InlineData("drivers:\n  - compatible: a,b\n    dma-mask: 65\n", 3, 15, "dma-mask (a number of bits) 65 is out of range (1..64)")]
    [InlineData("drivers:\n  - compatible: a,b\n    dma-mask: 99999999999999999999\n", 3, 15, "is out of range (1..64)")]
    [InlineData("drivers:\n  - compatible: a,b\n    amba-id: 0x100000000\n", 3, 14, "at most 0xffffffff")]
    [InlineData("drivers:\n  - compatible: a,b\n    probe: {fail: -4096}\n", 3, 19, "errno -4096 is out of range (1..4095, with or without '-')")]
    [InlineData("drivers:\n  - compatible: a,b\n    dma: [ { map: 2T } ]\n", 3, 19, "bad size '2T'")]
    [InlineData("drivers:\n  - compatible: a,b\n    dma: [ { map: 0x20000000000 } ]\n", 3, 19, "bad size")]
    public void Numbers_out_of_range_are_errors(string yaml, int line, int column, string reason) => At(Fails(yaml), line, column, reason);
}
