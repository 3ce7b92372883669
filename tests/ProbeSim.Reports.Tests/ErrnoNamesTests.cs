namespace ProbeSim.Reports.Tests;

public class ErrnoNamesTests
{
    [Theory]
    [InlineData(-5, "EIO")]
    [InlineData(5, "EIO")]
    [InlineData(-12, "ENOMEM")]
    [InlineData(-22, "EINVAL")]
    [InlineData(-110, "ETIMEDOUT")]
    [InlineData(-524, "ENOTSUPP")]
    [InlineData(int.MinValue, null)]
    [InlineData(0, null)]
    public void Names_common_errnos(int errno, string? expected) => Assert.Equal(expected, ErrnoNames.Name(errno));
}
