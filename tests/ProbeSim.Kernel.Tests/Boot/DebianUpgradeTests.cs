using ProbeSim.Kernel.Boot;

namespace ProbeSim.Kernel.Tests.Boot;

/// <summary>
/// A Debian 12 board booted with Debian 13's kernel (kernels/debian-6.12-arm64, imported from linux-source-6.12
/// 6.12.118-1 and linux-image-6.12.118+deb13-arm64, under the debian-6.12 profile) against Debian 12's (debian-6.1):
/// what the upgrade changes, each expectation read from the two kernels' sources.
/// </summary>
public class DebianUpgradeTests
{
    private static BootResult Boot(string board, bool trixie) => DebianBlobs.Boot(board, trixie);

    [Fact]
    public void The_rk808_pmic_changes_driver_from_rk808_to_rk8xx_i2c()
    {
        // 6.1.192 drivers/mfd/rk808.c registers i2c_driver "rk808" (CONFIG_MFD_RK808=y); 6.12.118 split it:
        // drivers/mfd/rk8xx-i2c.c:240 names the i2c_driver "rk8xx-i2c" (CONFIG_MFD_RK8XX_I2C=y in Debian 13's config)
        Assert.Equal("rk808", Boot("rockchip/rk3399-rockpro64.dtb", trixie: false).Dev("0-001b").Driver);
        Assert.Equal("rk8xx-i2c", Boot("rockchip/rk3399-rockpro64.dtb", trixie: true).Dev("0-001b").Driver);
    }

    [Fact]
    public void Rk3399_resets_still_come_from_the_early_cru_through_the_6_12_inline_wrapper()
    {
        // 6.12.118 clk-rk3399.c:1571 calls rockchip_register_softrst, now a static inline in clk.h:1074 that calls
        // softrst.c:91 rockchip_register_softrst_lut, which registers the reset controller for the CRU node
        var r = Boot("rockchip/rk3399-rockpro64.dtb", trixie: true);
        foreach (var d in new[] { "fe310000.mmc", "fe320000.mmc", "fe330000.mmc", "fe300000.ethernet" })
            Assert.Equal(DeviceState.Bound, r.Dev(d).State);
        Assert.Empty(r.DevicesDeferred!);
    }

    [Fact]
    public void Scmi_binds_through_its_6_12_transport_driver_and_creates_the_core_device()
    {
        // 6.12.118 drivers/firmware/arm_scmi/transports/mailbox.c:389 DEFINE_SCMI_TRANSPORT_DRIVER (common.h:432) defines
        // the platform driver "scmi_mailbox_transport" for "arm,scmi" (mailbox.c:385; CONFIG_ARM_SCMI_TRANSPORT_MAILBOX=y);
        // its probe adds the "arm-scmi" platform device (common.h:447) that driver.c's scmi_driver binds
        var r = Boot("arm/juno-scmi.dtb", trixie: true);
        Assert.Equal("scmi_mailbox_transport", r.Dev("firmware:scmi").Driver);
        Assert.Equal(DeviceState.Bound, r.Dev("7ff50000.hdlcd").State);
        // Debian 12's 6.1: drivers/firmware/arm_scmi/driver.c's own platform driver matches "arm,scmi"
        Assert.Equal("arm-scmi", Boot("arm/juno-scmi.dtb", trixie: false).Dev("firmware:scmi").Driver);
    }
}
