using ProbeSim.Kernel.Boot;

namespace ProbeSim.Kernel.Tests.Boot;

/// <summary>
/// driver_deferred_probe_check_state and deferred_probe_timeout per profile, through a power domain whose provider
/// never registers (genpd attach calls check_state from v4.19), like spec S8 does through of_iommu.
/// </summary>
public class TimeoutAndCheckStateTests
{
    static readonly string Dts = Sim.Soc("""
        pd: power-controller@1000 { compatible = "acme,pmu"; reg = <0x1000 0x100>; #power-domain-cells = <1>; };
        dma0: dma@2000000 { compatible = "acme,dmac"; reg = <0x2000000 0x1000>; power-domains = <&pd 0>; };
        """);
    const string NoPmu = "drivers:\n  - { compatible: acme,pmu, as: absent }\n";

    [Fact]
    public void V6_6_gives_up_at_the_timeout_with_etimedout()
    {
        var r = Sim.Boot(Dts, NoPmu);
        var dma = r.Dev("2000000.dma");
        Assert.Equal(DeviceState.Failed, dma.State);
        Assert.Equal(-110, dma.Error);
        Assert.True(r.Logged("acme-dmac 2000000.dma: deferred probe timeout, ignoring dependency"));
        Assert.True(r.Logged("acme-dmac: probe of 2000000.dma failed with error -110"));
    }

    [Fact]
    public void V6_6_timeout_is_restarted_by_each_driver_registration()
    {
        var r = Sim.Boot(Dts, NoPmu + "  - { compatible: acme,late, as: module, load-at: 8 }\n");
        var t = r.Log.Single(l => l.Text == "acme-dmac 2000000.dma: deferred probe timeout, ignoring dependency").TimeUs;
        var late = r.Log.Single(l => l.Text.StartsWith("Kernel command line")).TimeUs;
        Assert.InRange((t - late) / 1e6, 17.9, 18.2);
    }

    [Fact]
    public void V6_6_without_modules_ignores_the_dependency_at_late_initcall()
    {
        var r = Sim.Boot(Dts, NoPmu + "modules: false\n", stopAfter: 0);
        Assert.True(r.Logged("acme-dmac 2000000.dma: ignoring dependency for device, assuming no driver"));
        Assert.Equal(-19, r.Dev("2000000.dma").Error);
    }

    [Fact]
    public void Timeout_minus_one_defers_forever()
    {
        var r = Sim.Boot(Dts, NoPmu, cmdline: "deferred_probe_timeout=-1");
        Assert.Equal(DeviceState.Deferred, r.Dev("2000000.dma").State);
    }

    [Fact]
    public void V5_10_times_out_at_the_second_late_initcall_pass()
    {
        var r = Sim.Boot(Dts, NoPmu, profile: "v5.10", stopAfter: 0);
        Assert.Equal(-110, r.Dev("2000000.dma").Error);
    }

    [Fact]
    public void V4_19_assumes_no_driver_at_the_second_pass()
    {
        var r = Sim.Boot(Dts, NoPmu, profile: "v4.19", stopAfter: 0);
        Assert.True(r.Logged("acme-dmac 2000000.dma: ignoring dependency for device, assuming no driver"));
        Assert.Equal(-19, r.Dev("2000000.dma").Error);
    }

    [Fact]
    public void V4_14_defers_forever()
    {
        var r = Sim.Boot(Dts, NoPmu, profile: "v4.14");
        Assert.Equal(DeviceState.Deferred, r.Dev("2000000.dma").State);
    }
}
