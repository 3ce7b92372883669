using ProbeSim.Reports.Sysfs;

namespace ProbeSim.Reports.Tests;

public class DevicesDeferredFormatterTests
{
    [Fact]
    public void One_line_per_entry_tab_separated() =>
        Assert.Equal(
            "4000000.serial\tplatform: supplier 5000000.pinctrl not ready\n" +
            "6000000.mmc\t\n" +
            "7000000.usb\tacme-usb: PHY not ready\n",
            DevicesDeferredFormatter.Format(
            [
                ("4000000.serial", "platform: supplier 5000000.pinctrl not ready"),
                ("6000000.mmc", ""),
                ("7000000.usb", "acme-usb: PHY not ready\n"),
            ]));

    [Fact]
    public void Empty_list_is_empty_file() => Assert.Equal("", DevicesDeferredFormatter.Format([]));
}
