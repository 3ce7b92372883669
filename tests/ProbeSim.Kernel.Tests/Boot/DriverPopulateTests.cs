using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Of;

namespace ProbeSim.Kernel.Tests.Boot;

/// <summary>Drivers that call of_platform_populate on their own node: their children become platform devices below them.</summary>
public class DriverPopulateTests
{
    // a GENI-style wrapper: the OF core does not walk it (no simple-bus), its driver populates the serial engines
    static readonly string Wrapper = Sim.Soc("""
        wrap: geniqup@9c0000 {
            compatible = "acme,se-wrapper"; reg = <0x9c0000 0x2000>;
            #address-cells = <1>; #size-cells = <1>; ranges;
            i2c@980000 { compatible = "acme,se-i2c"; reg = <0x980000 0x4000>; };
            serial@984000 { compatible = "acme,se-uart"; reg = <0x984000 0x4000>; };
            off@988000 { compatible = "acme,se-spi"; reg = <0x988000 0x4000>; status = "disabled"; };
            opp-table { compatible = "operating-points-v2"; };
            nocompat@98c000 { reg = <0x98c000 0x4000>; };
        };
        """);

    [Fact]
    public void Without_populate_the_children_are_left_to_the_driver()
    {
        var r = Sim.Boot(Wrapper);
        Assert.Equal(DeviceState.Bound, r.Dev("9c0000.geniqup").State);
        Assert.DoesNotContain(r.Devices, d => d.Name == "980000.i2c" && d.State != DeviceState.NotPresent);
    }

    [Fact]
    public void A_populating_driver_creates_its_available_children_with_a_compatible_below_itself()
    {
        // of_platform_populate(np, NULL, NULL, dev): strict (no compatible, no device), available nodes only,
        // of_skipped_node_table (operating-points-v2) skipped; the parent device is the Linux parent
        var r = Sim.Boot(Wrapper, "drivers:\n  - { compatible: acme,se-wrapper, populate: true }\n");
        var i2c = r.Dev("980000.i2c");
        Assert.Equal(DeviceState.Bound, i2c.State);
        Assert.Equal("/sys/devices/platform/soc/9c0000.geniqup/980000.i2c", i2c.SysfsPath);
        Assert.Equal(DeviceState.Bound, r.Dev("984000.serial").State);
        Assert.DoesNotContain(r.Devices, d => d.Name is "988000.off" or "98c000.nocompat" or "geniqup@9c0000:opp-table" && d.State != DeviceState.NotPresent);
    }

    [Fact]
    public void The_profile_names_the_populating_drivers_by_compatible_and_the_scenario_can_say_no()
    {
        var listed = Sim.Boot(Wrapper, set: "of_populating_drivers=+acme,se-*");
        Assert.Equal(DeviceState.Bound, listed.Dev("984000.serial").State);
        var refused = Sim.Boot(Wrapper, "drivers:\n  - { compatible: acme,se-wrapper, populate: false }\n", set: "of_populating_drivers=+acme,se-*");
        Assert.DoesNotContain(refused.Devices, d => d.Name == "984000.serial" && d.State != DeviceState.NotPresent);
    }

    [Fact]
    public void A_consumer_of_a_populated_child_waits_for_it_and_then_binds()
    {
        var dts = Sim.Soc("""
            pinctrl@fd000000 {
                compatible = "acme,pinctrl"; reg = <0xfd000000 0x1000>;
                #address-cells = <1>; #size-cells = <1>; ranges;
                gpio0: gpio@fd8a0000 { compatible = "acme,gpio-bank"; reg = <0xfd8a0000 0x100>; gpio-controller; #gpio-cells = <2>; };
            };
            mmc@fe2c0000 { compatible = "acme,mmc"; reg = <0xfe2c0000 0x4000>; cd-gpios = <&gpio0 5 0>; };
            """);
        var without = Sim.Boot(dts);
        Assert.Equal(DeviceState.Deferred, without.Dev("fe2c0000.mmc").State);
        var with = Sim.Boot(dts, "drivers:\n  - { compatible: acme,pinctrl, populate: true }\n");
        Assert.Equal(DeviceState.Bound, with.Dev("fd8a0000.gpio").State);
        Assert.Equal(DeviceState.Bound, with.Dev("fe2c0000.mmc").State);
    }

    static readonly string Rockchip = Sim.Soc("""
        pinctrl {
            compatible = "rockchip,rk3588-pinctrl"; ranges;
            #address-cells = <1>; #size-cells = <1>;
            gpio0: gpio@fd8a0000 { compatible = "rockchip,gpio-bank"; reg = <0xfd8a0000 0x100>; gpio-controller; #gpio-cells = <2>; };
            sdmmc { sdmmc_det: sdmmc-det { rockchip,pins = <0 4 1 0>; }; };
        };
        mmc@fe2c0000 { compatible = "rockchip,rk3588-dw-mshc"; reg = <0xfe2c0000 0x4000>; cd-gpios = <&gpio0 4 0>; };
        """);

    [Fact]
    public void Rockchip_pinctrl_populates_its_gpio_banks_at_the_platform_root_from_v5_15()
    {
        // pinctrl-rockchip (9ce9a02039de, v5.15): of_platform_populate(np, rockchip_bank_match, NULL, NULL), no parent device
        var r = Sim.Boot(Rockchip, profile: "v5.19");
        var bank = r.Dev("fd8a0000.gpio");
        Assert.Equal(DeviceState.Bound, bank.State);
        Assert.Equal("/sys/devices/platform/fd8a0000.gpio", bank.SysfsPath);
        Assert.Equal(DeviceState.Bound, r.Dev("fe2c0000.mmc").State);
        // before, the pinctrl driver registered one gpio_chip per bank itself: no bank device, the consumer still binds
        var old = Sim.Boot(Rockchip, profile: "v5.10");
        Assert.DoesNotContain(old.Devices, d => d.Name == "fd8a0000.gpio" && d.State != DeviceState.NotPresent);
        Assert.Equal(DeviceState.Bound, old.Dev("fe2c0000.mmc").State);
    }

    [Theory]
    [InlineData("rockchip,*-pinctrl", "rockchip,rk3588-pinctrl", true)]
    [InlineData("rockchip,*-pinctrl", "rockchip,rk3588-pinctrl-x", false)]
    [InlineData("qcom,*-mdss", "qcom,sm8550-mdss", true)]
    [InlineData("qcom,geni-se-qup", "qcom,geni-se-qup", true)]
    [InlineData("qcom,geni-se-qup", "qcom,geni-se-i2c-master-hub", false)]
    [InlineData("*", "anything", true)]
    public void Patterns_match_a_whole_compatible_with_stars_for_any_run(string pattern, string compatible, bool expected) =>
        Assert.Equal(expected, CompatiblePattern.Matches(pattern, compatible));
}
