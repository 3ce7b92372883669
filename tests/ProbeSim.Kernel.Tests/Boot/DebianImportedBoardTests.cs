using ProbeSim.DeviceTree;
using ProbeSim.DeviceTree.Tests;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Tests.Boot;

/// <summary>
/// The blobs Debian 12 installs (../shared/corpus/debian-6.1-arm64/dtb), booted with the driver set imported from
/// Debian's 6.1.192 source and package (kernels/debian-6.1-arm64). Each case is an example of issue 13 where the old
/// binary tables with the generic probe left devices deferred or failed, and a Debian 12 machine binds them.
/// </summary>
public class DebianImportedBoardTests
{
    private static readonly Lazy<KernelDriverTables> Imported =
        new(() => new KernelDriverTables(Path.Combine(TestPaths.RepoRoot, "kernels", "debian-6.1-arm64")));

    private static BootResult Boot(string board)
    {
        var path = Path.Combine(TestPaths.Shared, "corpus", "debian-6.1-arm64", "dtb", board);
        var tree = new DeviceTreeLoader().Load(path, new LoadOptions { Format = InputFormat.Dtb }).Tree;
        return new BootOptions { Profile = "debian-6.1", Drivers = Imported.Value }.Boot(tree, Path.GetFileName(board));
    }

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
        // sunxi_rsb_probe -> of_rsb_register_devices (bus/sunxi-rsb.c) names the AXP803 sunxi-rsb-3a3
        var r = Boot("allwinner/sun50i-a64-pine64-plus.dtb");
        Assert.NotEqual(DeviceState.NotPresent, r.Dev("sunxi-rsb-3a3").State);
    }
}
