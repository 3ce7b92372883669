using ProbeSim.Kernel.Boot;
using ProbeSim.Reports.Sysfs;

namespace ProbeSim.Reports.Tests;

public class DevlinkFormatterTests
{
    [Fact]
    public void Lists_three_attributes_per_link_in_name_order() =>
        Assert.Equal(
            "/sys/class/devlink/platform:3000000.clock-controller--platform:2000000.dma/status:active\n" +
            "/sys/class/devlink/platform:3000000.clock-controller--platform:2000000.dma/auto_remove_on:consumer unbind\n" +
            "/sys/class/devlink/platform:3000000.clock-controller--platform:2000000.dma/sync_state_only:0\n" +
            "/sys/class/devlink/platform:5000000.pinctrl--platform:4000000.serial/status:dormant\n" +
            "/sys/class/devlink/platform:5000000.pinctrl--platform:4000000.serial/auto_remove_on:never\n" +
            "/sys/class/devlink/platform:5000000.pinctrl--platform:4000000.serial/sync_state_only:1\n",
            DevlinkFormatter.Format(
            [
                new DevlinkOutcome("platform:5000000.pinctrl--platform:4000000.serial", "5000000.pinctrl", "4000000.serial", "dormant", true, "never", true),
                new DevlinkOutcome("platform:3000000.clock-controller--platform:2000000.dma", "3000000.clock-controller", "2000000.dma", "active", false, "consumer unbind", false),
            ]));

    [Fact]
    public void No_links_no_lines() => Assert.Equal("", DevlinkFormatter.Format([]));
}
