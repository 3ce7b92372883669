using ProbeSim.Kernel.Profiles;
using ProbeSim.Kernel.Tests.Boot;

namespace ProbeSim.Kernel.Tests.Profiles;

/// <summary>
/// Profile debian-6.1 against Debian bookworm's 6.1.192 source (linux-source-6.1 6.1.192-2, /work/src/linux-source-6.1):
/// the stable backports v6.1 lacks. file:line are in that tree.
/// </summary>
public class Debian61ProfileTests
{
    static KernelProfile Debian => ProfileLibrary.Default.Get("debian-6.1");

    static IReadOnlyList<string> Bindings(KernelProfile p) => SwitchCatalog.Find("fw_devlink_bindings")!.SplitList(p["fw_devlink_bindings"]).ToList();

    // drivers/of/property.c:1335: the io-channels binding matches "io-channels" (the typo fix reached 6.1.y)
    [Fact]
    public void Io_channels_is_spelled_right()
    {
        Assert.Contains("io-channels", Bindings(Debian));
        Assert.DoesNotContain("io-channel", Bindings(Debian));
        Assert.Contains("io-channel", Bindings(ProfileLibrary.Default.Get("v6.1")));
    }

    // drivers/of/property.c:1357 DEFINE_SIMPLE_PROP(panel), in the table at property.c:1457
    [Fact]
    public void Panel_is_a_binding()
    {
        Assert.Contains("panel", Bindings(Debian));
        Assert.DoesNotContain("panel", Bindings(ProfileLibrary.Default.Get("v6.1")));
    }

    // drivers/of/property.c:1435 parse_interrupt_parent and property.c:1452 remote-endpoint with node_not_dev stay
    [Fact]
    public void Interrupt_parent_and_the_compatible_ancestor_endpoint_stay()
    {
        Assert.Contains("interrupt-parent", Bindings(Debian));
        Assert.Contains("remote-endpoint-compat", Bindings(Debian));
    }

    // drivers/iommu/iova.c:627 IOVA_MAG_SIZE 127
    [Fact]
    public void Iova_magazines_hold_127()
    {
        Assert.Equal("127", Debian["iova_magazine"]);
        Assert.Equal("128", ProfileLibrary.Default.Get("v6.1")["iova_magazine"]);
    }

    static readonly string IoChannels = Sim.Soc("""
        adc: adc@3000000 { compatible = "acme,adc"; reg = <0x3000000 0x1000>; #io-channel-cells = <1>; };
        thermal@4000000 { compatible = "acme,thermal"; reg = <0x4000000 0x100>; io-channels = <&adc 0>; };
        """);

    // drivers/of/property.c:1335: an io-channels consumer gets a device link to its ADC
    [Fact]
    public void Boot_an_io_channels_consumer_is_linked_to_its_adc()
    {
        var link = Assert.Single(Sim.Boot(IoChannels, profile: "debian-6.1").Devlinks);
        Assert.Equal("platform:3000000.adc--platform:4000000.thermal", link.Name);
        Assert.Empty(Sim.Boot(IoChannels, profile: "v6.1").Devlinks);
    }
}
