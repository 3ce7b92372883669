namespace ProbeSim.Reports.Tests;

public class SimTimeTests
{
    [Theory]
    [InlineData(0L, "0.000000")]
    [InlineData(1L, "0.000001")]
    [InlineData(12_345_678L, "12.345678")]
    [InlineData(12_345_000_000L, "12345.000000")]
    [InlineData(-500_000L, "-0.500000")]
    [InlineData(long.MinValue, "-9223372036854.775808")]
    public void Seconds_has_six_decimals(long us, string expected) => Assert.Equal(expected, SimTime.Seconds(us));
}
