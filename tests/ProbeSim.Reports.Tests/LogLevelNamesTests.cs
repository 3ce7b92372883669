using ProbeSim.Kernel.Boot;
using ProbeSim.Reports.Log;

namespace ProbeSim.Reports.Tests;

public class LogLevelNamesTests
{
    [Fact]
    public void Names_follow_dmesg_decode() =>
        Assert.Equal(
            ["emerg", "alert", "crit", "err", "warn", "notice", "info", "debug"],
            Enum.GetValues<LogLevel>().Select(LogLevelNames.Name));
}
