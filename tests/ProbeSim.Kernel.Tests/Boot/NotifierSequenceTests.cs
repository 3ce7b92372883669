namespace ProbeSim.Kernel.Tests.Boot;

/// <summary>Spec scenario S2 (story D): bus notifier events for dma0 per probe outcome and profile.</summary>
public class NotifierSequenceTests
{
    static readonly string Dts = Sim.Soc("""
        dma0: dma@2000000 { compatible = "acme,dmac"; reg = <0x2000000 0x1000>; };
        """);

    static string Probe(string p) => $"drivers:\n  - compatible: acme,dmac\n    probe: {p}\n";

    [Theory]
    [InlineData("v4.4")]
    [InlineData("v4.11")]
    [InlineData("v6.6")]
    public void Success_is_bind_then_bound(string profile) =>
        Assert.Equal(new[] { "ADD_DEVICE", "BIND_DRIVER", "BOUND_DRIVER" }, Sim.Boot(Dts, profile: profile).Events("2000000.dma"));

    [Fact]
    public void V4_4_failed_probe_sends_only_bind()
    {
        var r = Sim.Boot(Dts, Probe("{fail: EINVAL}"), profile: "v4.4");
        Assert.Equal(new[] { "ADD_DEVICE", "BIND_DRIVER" }, r.Events("2000000.dma"));
        Assert.True(r.Logged("acme-dmac: probe of 2000000.dma failed with error -22"));
    }

    [Theory]
    [InlineData("v4.11")]
    [InlineData("v5.19")]
    [InlineData("v6.6")]
    public void Failed_probe_sends_not_bound_after_bind(string profile) =>
        Assert.Equal(new[] { "ADD_DEVICE", "BIND_DRIVER", "DRIVER_NOT_BOUND" }, Sim.Boot(Dts, Probe("{fail: EINVAL}"), profile: profile).Events("2000000.dma"));

    [Fact]
    public void V4_4_defer_then_success()
    {
        var r = Sim.Boot(Dts, Probe("[{defer: 1}, succeed]"), profile: "v4.4");
        Assert.Equal(new[] { "ADD_DEVICE", "BIND_DRIVER", "BIND_DRIVER", "BOUND_DRIVER" }, r.Events("2000000.dma"));
        Assert.Equal(2, r.Dev("2000000.dma").ProbeAttempts);
    }

    [Fact]
    public void V6_6_defer_then_success_retried_at_late_initcall()
    {
        var r = Sim.Boot(Dts, Probe("[{defer: 1}, succeed]"));
        Assert.Equal(new[] { "ADD_DEVICE", "BIND_DRIVER", "DRIVER_NOT_BOUND", "BIND_DRIVER", "BOUND_DRIVER" }, r.Events("2000000.dma"));
    }

    [Fact]
    public void Sysfs_unbind_sends_unbind_then_unbound()
    {
        var r = Sim.Boot(Dts, "actions:\n  - { at: 2, unbind: 2000000.dma }\n");
        Assert.Equal(new[] { "ADD_DEVICE", "BIND_DRIVER", "BOUND_DRIVER", "UNBIND_DRIVER", "UNBOUND_DRIVER" }, r.Events("2000000.dma"));
        Assert.Equal(Kernel.Boot.DeviceState.NoDriver, r.Dev("2000000.dma").State);
    }
}
