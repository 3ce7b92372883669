using ProbeSim.Kernel.Boot;

namespace ProbeSim.Kernel.Tests.Boot;

/// <summary>Spec scenario S16: fw_devlink's io-channels entry matched the literal "io-channel" until v6.8.</summary>
public class IoChannelsTypoTests
{
    static readonly string Dts = Sim.Soc("""
        adc: adc@600 { compatible = "acme,adc"; reg = <0x600 0x100>; #io-channel-cells = <1>; };
        bat { compatible = "acme,battery"; io-channels = <&adc 0>; };
        """);
    const string AdcModule = "drivers:\n  - { compatible: acme,adc, as: module, load-at: 3 }\n";

    [Fact]
    public void V6_6_makes_no_link_and_the_battery_defers_on_the_channel_lookup()
    {
        var r = Sim.Boot(Dts, AdcModule, stopAfter: 2);
        Assert.Empty(r.Devlinks);
        Assert.Equal("acme-battery: failed to get io-channel", r.Dev("soc:bat").DeferReason);
        Assert.Equal(DeviceState.Bound, Sim.Boot(Dts, AdcModule).Dev("soc:bat").State);
    }

    [Fact]
    public void V6_12_links_and_holds_the_battery_at_the_link_check()
    {
        var r = Sim.Boot(Dts, AdcModule, profile: "v6.12", stopAfter: 2);
        Assert.Equal("platform: supplier 600.adc not ready", r.Dev("soc:bat").DeferReason);
        Assert.Equal(DeviceState.Bound, Sim.Boot(Dts, AdcModule, profile: "v6.12").Dev("soc:bat").State);
    }
}
