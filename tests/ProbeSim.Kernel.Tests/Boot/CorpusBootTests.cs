using ProbeSim.DeviceTree.Tests;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Tests.Boot;

/// <summary>All 1526 arm64 boards of linux-v7.1 (their dtc 1.8.1 blobs) boot with the Debian 6.1 driver set under v6.1.</summary>
public class CorpusBootTests
{
    [Fact]
    public void Every_arm64_board_boots_and_every_device_gets_an_outcome()
    {
        var boards = CorpusBoot.FromDtbDirectory(Path.Combine(TestPaths.Corpus("v7.1"), "dtb", "arm64"));
        Assert.Equal(1526, boards.Count);
        var options = new BootOptions
        {
            Profile = "v6.1",
            Drivers = new KernelDriverTables(Path.Combine(TestPaths.Shared, "kernels", "debian-bookworm-arm64")),
            RecordNotifiers = false,
        };
        int booted = 0, failures = 0, devices = 0, bound = 0;
        var gate = new object();
        CorpusBoot.Run(boards, options, Environment.ProcessorCount, (b, r) =>
        {
            lock (gate)
            {
                booted++;
                devices += r.Devices.Count;
                bound += r.Devices.Count(d => d.State == DeviceState.Bound);
                Assert.All(r.Devices, d => Assert.True(Enum.IsDefined(d.State)));
            }
        }, (b, f) => Interlocked.Increment(ref failures));
        Assert.Equal(0, failures);
        Assert.Equal(1526, booted);
        Assert.True(bound > 30000, $"bound {bound}");
    }
}
