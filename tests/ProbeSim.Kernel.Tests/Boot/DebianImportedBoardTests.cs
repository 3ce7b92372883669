using ProbeSim.Kernel.Boot;

namespace ProbeSim.Kernel.Tests.Boot;

/// <summary>
/// The blobs Debian 12 installs (../shared/corpus/debian-6.1-arm64/dtb), booted with the driver set imported from
/// Debian's 6.1.192 source and package (kernels/debian-6.1-arm64). Each case is an example of issue 13 where the old
/// binary tables with the generic probe left devices deferred or failed, and a Debian 12 machine binds them.
/// </summary>
public class DebianImportedBoardTests
{
    private static BootResult Boot(string board) => DebianBlobs.Boot(board);

    [Fact]
    public void Rk3399_rockpro64_resets_from_the_early_cru_and_the_rk808_on_i2c()
    {
        var r = Boot("rockchip/rk3399-rockpro64.dtb");
        // rk3399_clk_init (clk-rk3399.c, CLK_OF_DECLARE) also registers the CRU's reset controller (rockchip_register_softrst)
        foreach (var d in new[] { "fe310000.mmc", "fe320000.mmc", "fe330000.mmc", "fe300000.ethernet" })
            Assert.Equal(DeviceState.Bound, r.Dev(d).State);
        // CONFIG_MFD_RK808=y: an i2c_driver, bound on its I2C bus; its MFD cells (rk808.c rk808s[]) become platform devices
        Assert.Equal("rk808", r.Dev("0-001b").Driver);
        Assert.Equal(DeviceState.Bound, r.Dev("rk808-regulator").State);
        // simple_pm_bus_probe returns -ENODEV for a "simple-mfd" that is not first: really_probe's silent "rejects match"
        Assert.Equal(DeviceState.NoDriver, r.Dev("ff310000.power-management").State);
        Assert.Empty(r.DevicesDeferred!);
    }

    [Fact]
    public void Imx8mq_gpc_keeps_its_platform_device_after_the_early_irqchip()
    {
        // imx_gpcv2_irqchip_init (irq-imx-gpcv2.c) clears OF_POPULATED, so imx-gpcv2 binds and the power domains come up
        var r = Boot("freescale/imx8mq-evk.dtb");
        Assert.Equal("imx-gpcv2", r.Dev("303a0000.gpc").Driver);
        foreach (var d in new[] { "38200000.usb", "33800000.pcie", "38000000.gpu" })
            Assert.Equal(DeviceState.Bound, r.Dev(d).State);
    }

    [Fact]
    public void Bcm2837_cprman_uses_its_clocks_only_as_parent_names()
    {
        // bcm2835_clk_probe (clk-bcm2835.c) reads parents with of_clk_get_parent_name: no clk_get, no -ENOENT
        var r = Boot("broadcom/bcm2837-rpi-3-b.dtb");
        Assert.Equal("bcm2835-clk", r.Dev("3f101000.cprman").Driver);
        Assert.Empty(r.DevicesDeferred!);
    }

    [Fact]
    public void Bcm2837_vc4_component_drivers_bind_as_vc4_ko_registers_them()
    {
        // vc4_drv.c vc4_drm_register registers the component drivers (vc4_hdmi, vc4_hvs, vc4_crtc, vc4_v3d, ...) from
        // the module's init; they have no module alias of their own (CONFIG_DRM_VC4=m), so they bind once vc4.ko loads
        var r = Boot("broadcom/bcm2837-rpi-3-b.dtb");
        Assert.Equal("vc4_hdmi", r.Dev("3f902000.hdmi").Driver);
        Assert.Equal("vc4_hvs", r.Dev("3f400000.hvs").Driver);
        Assert.Equal("vc4_crtc", r.Dev("3f206000.pixelvalve").Driver);
        Assert.Equal("vc4_v3d", r.Dev("3fc00000.v3d").Driver);
        Assert.Equal("vc4-drm", r.Dev("soc:gpu").Driver);
    }

    [Fact]
    public void Tegra210_jetson_nano_resets_come_from_the_early_car()
    {
        // clk-tegra210.c:3809 tegra210_clock_init → clk.c:323 tegra_add_of_provider → clk.c:346 reset_controller_register:
        // the CAR's resets are registered by node at of_clk_init, so the DMA controller, serial, I2C and PWM consumers bind
        var r = Boot("nvidia/tegra210-p3450-0000.dtb");
        foreach (var d in new[] { "60020000.dma", "70006000.serial", "7000a000.pwm", "7000c500.i2c", "700b0000.mmc" })
            Assert.Equal(DeviceState.Bound, r.Dev(d).State);
        Assert.Empty(r.DevicesDeferred!);
    }

    [Fact]
    public void Sdm845_gcc_binds_without_a_dependency_deadlock()
    {
        // qcom_cc_really_probe (clk/qcom/common.c) names parents; the GCC never gets the DT clocks it lists
        var r = Boot("qcom/sdm845-db845c.dtb");
        Assert.Equal("gcc-sdm845", r.Dev("100000.clock-controller").Driver);
    }

    [Fact]
    public void Armada_8040_icu_creates_the_interrupt_controllers_cp110_masters_wait_on()
    {
        // mvebu_icu_probe ends with devm_of_platform_populate (irq-mvebu-icu.c)
        var r = Boot("marvell/armada-8040-db.dtb");
        Assert.Equal("mvebu-icu-subset", r.Dev("f21e0000.interrupt-controller:interrupt-controller@10").Driver);
    }

    [Fact]
    public void Zynqmp_firmware_creates_its_children()
    {
        // zynqmp_firmware_probe populates its node (firmware/xilinx/zynqmp.c)
        var r = Boot("xilinx/zynqmp-zcu102-rev1.0.dtb");
        Assert.Equal(DeviceState.Bound, r.Dev("firmware:zynqmp-firmware").State);
        Assert.Equal("zynqmp_power", r.Dev("firmware:zynqmp-firmware:zynqmp-power").Driver);
    }

    [Fact]
    public void Sun50i_rsb_creates_its_client_device()
    {
        // sunxi_rsb_probe -> of_rsb_register_devices (drivers/bus/sunxi-rsb.c:578, CONFIG_SUNXI_RSB=y) names the AXP803 sunxi-rsb-3a3
        var r = Boot("allwinner/sun50i-a64-pine64-plus.dtb");
        var pmic = r.Dev("sunxi-rsb-3a3");
        // sunxi_rsb_device_match is of_driver_match_device (drivers/bus/sunxi-rsb.c:135); axp20x_rsb_driver
        // (drivers/mfd/axp20x-rsb.c:69, module_sunxi_rsb_driver at :77, CONFIG_MFD_AXP20X_RSB=m) lists x-powers,axp803 (:61)
        Assert.Equal((DeviceState.Bound, "axp20x-rsb"), (pmic.State, pmic.Driver));
        // axp20x_device_probe adds axp803_cells (drivers/mfd/axp20x.c:748); the cell "axp20x-regulator" (:773) binds
        // axp20x_regulator_driver by name (drivers/regulator/axp20x-regulator.c:1366, CONFIG_REGULATOR_AXP20X=m)
        Assert.Equal((DeviceState.Bound, "axp20x-regulator"), (r.Dev("axp20x-regulator").State, r.Dev("axp20x-regulator").Driver));
        // the cell "axp221-pek" (drivers/mfd/axp20x.c:749) binds axp20x-pek through its platform_device_id table
        // (drivers/input/misc/axp20x-pek.c:404; platform_match -> platform_match_id, drivers/base/platform.c:1349)
        Assert.Equal("axp20x-pek", r.Dev("axp221-pek").Driver);
        // axp20x_match_device picks the set by the variant in the match data (drivers/mfd/axp20x.c:860, case AXP803_ID at :903-905):
        // no cell of another variant's set (axp288_cells, axp20x_cells)
        Assert.DoesNotContain(r.Devices, d => d.Name is "axp288_charger" or "axp20x-pek");
        // its regulators supply the MMC's vmmc-supply (reg_dcdc1): sunxi-mmc (CONFIG_MMC_SUNXI=m) no longer defers
        Assert.Equal(DeviceState.Bound, r.Dev("1c0f000.mmc").State);
    }

    [Fact]
    public void Apq8016_spmi_pmic_binds_and_populates_its_children()
    {
        // spmi_controller_add -> of_spmi_register_devices (drivers/spmi/spmi.c:477, :549; CONFIG_SPMI=y, CONFIG_SPMI_MSM_PMIC_ARB=y)
        var r = Boot("qcom/apq8016-sbc.dtb");
        // spmi_device_match: of_driver_match_device (drivers/spmi/spmi.c:48); pmic_spmi_driver (drivers/mfd/qcom-spmi-pmic.c:296,
        // module_spmi_driver at :304, CONFIG_MFD_SPMI_PMIC=m) lists qcom,pm8916 (:53)
        Assert.Equal((DeviceState.Bound, "pmic-spmi"), (r.Dev("0-00").State, r.Dev("0-00").Driver));
        Assert.Equal((DeviceState.Bound, "pmic-spmi"), (r.Dev("0-01").State, r.Dev("0-01").Driver));
        // pmic_spmi_probe ends with devm_of_platform_populate (drivers/mfd/qcom-spmi-pmic.c:284): the PM8916 GPIO block binds
        // qcom-spmi-gpio (drivers/pinctrl/qcom/pinctrl-spmi-gpio.c:1221 qcom,pm8916-gpio, CONFIG_PINCTRL_QCOM_SPMI_PMIC=y)
        Assert.Equal("qcom-spmi-gpio", r.Dev("200f000.spmi:pmic@0:gpios@c000").Driver);
    }

    [Theory]
    [InlineData("arm/juno.dtb")]
    [InlineData("arm/juno-r1.dtb")]
    [InlineData("arm/juno-r2.dtb")]
    public void Juno_mhu_binds_so_scpi_populates_and_hdlcd_binds(string board)
    {
        var r = Boot(board);
        // "arm,mhu" has no arm,primecell-periphid: the kernel reads 0x1bb098 from the part. arm_mhu_driver's id table
        // (drivers/mailbox/arm_mhu.c:157, CONFIG_ARM_MHU=m) holds it, and mhu_probe accepts only "arm,mhu" (:117)
        Assert.Equal((DeviceState.Bound, "mhu"), (r.Dev("2b1f0000.mhu").State, r.Dev("2b1f0000.mhu").Driver));
        // scpi_probe requests its mailbox channels (drivers/firmware/arm_scpi.c:983, CONFIG_ARM_SCPI_PROTOCOL=m) and ends with
        // devm_of_platform_populate (:1036): the SCPI clocks, power domains and sensors become platform devices
        Assert.Equal((DeviceState.Bound, "scpi_protocol"), (r.Dev("scpi").State, r.Dev("scpi").Driver));
        Assert.Equal("scpi_clocks", r.Dev("scpi:clocks").Driver);
        Assert.Equal("scpi_power_domain", r.Dev("scpi:power-controller").Driver);
        // hdlcd_probe requests nothing: it adds its encoder as a component and returns component_master_add_with_match
        // (drivers/gpu/drm/arm/hdlcd_drv.c:366-374; CONFIG_DRM_HDLCD=m), so the device binds and is not deferred. The
        // master's bind (hdlcd_load: the pxlclk) waits for the TDA19988 encoder, which Debian does not build
        // (# CONFIG_DRM_I2C_NXP_TDA998X is not set): its I2C clients stay without a driver.
        foreach (var hdlcd in new[] { "7ff50000.hdlcd", "7ff60000.hdlcd" })
            Assert.Equal((DeviceState.Bound, "hdlcd"), (r.Dev(hdlcd).State, r.Dev(hdlcd).Driver));
        Assert.Equal(DeviceState.NoDriver, r.Dev("0-0070").State);
        Assert.DoesNotContain(r.DevicesDeferred!, d => d.Device.Contains("scpi") || d.Device.Contains("hdlcd") || d.Device.Contains("mhu"));
    }
}
