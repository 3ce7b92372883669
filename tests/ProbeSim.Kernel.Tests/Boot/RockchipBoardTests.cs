using ProbeSim.DeviceTree;
using ProbeSim.DeviceTree.Tests;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Tests.Boot;

/// <summary>The Radxa ROCK 5B (RK3588) of the v7.1 corpus: the children its drivers create, and the PMIC that feeds itself.</summary>
public class RockchipBoardTests
{
    private static BootResult Boot(string profile, IDriverSetSource? drivers = null)
    {
        var path = Path.Combine(TestPaths.Corpus("v7.1"), "dtb", "arm64", "rockchip", "rk3588-rock-5b.dtb");
        var tree = new DeviceTreeLoader().Load(path, new LoadOptions { Format = InputFormat.Dtb }).Tree;
        return new BootOptions { Profile = profile, Drivers = drivers ?? new DefaultDriverSet() }.Boot(tree, "rk3588-rock-5b.dtb");
    }

    [Fact]
    public void With_every_driver_the_storage_and_pmic_chains_bind()
    {
        var r = Boot("v6.6");
        // the five GPIO banks come from pinctrl-rockchip's of_platform_populate, at the platform root
        foreach (var bank in new[] { "fd8a0000.gpio", "fec20000.gpio", "fec30000.gpio", "fec40000.gpio", "fec50000.gpio" })
            Assert.Equal(DeviceState.Bound, r.Dev(bank).State);
        Assert.Equal("/sys/devices/platform/fd8a0000.gpio", r.Dev("fd8a0000.gpio").SysfsPath);
        // rk806 on spi2: its vccN-supply inputs are its own regulators, which the regulator core resolves itself
        Assert.Equal(DeviceState.Bound, r.Dev("spi2.0").State);
        // SD card: vmmc from the PMIC, card detect from GPIO bank 0
        Assert.Equal(DeviceState.Bound, r.Dev("fe2c0000.mmc").State);
        Assert.Empty(r.DevicesDeferred!);
    }

    [Fact]
    public void Debian_6_1_has_no_rk3588_clock_driver_so_the_chain_stops_at_the_cru()
    {
        // CONFIG_CLK_RK3568=y, no CONFIG_CLK_RK3588 (the RK3588 CRU driver came in v6.2)
        var r = Boot("debian-6.1", new KernelDriverTables(Path.Combine(TestPaths.Shared, "kernels", "debian-bookworm-arm64")));
        Assert.Equal(DeviceState.NoDriver, r.Dev("fd7c0000.clock-controller").State);
        Assert.Equal(DeviceState.Deferred, r.Dev("pwm-fan").State);
        // the GPIO banks still appear: gpio-rockchip is built in and pinctrl-rockchip populates them
        Assert.NotEqual(DeviceState.NotPresent, r.Dev("fd8a0000.gpio").State);
    }
}
