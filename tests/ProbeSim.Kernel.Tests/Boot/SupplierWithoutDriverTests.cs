using ProbeSim.Kernel.Boot;

namespace ProbeSim.Kernel.Tests.Boot;

/// <summary>Spec scenario S10: a clock supplier whose node has no driver (fw_devlink, relaxation at the timeout, reasons).</summary>
public class SupplierWithoutDriverTests
{
    internal static readonly string Dts = Sim.Soc("""
        ccu: clock-controller@3000000 { compatible = "acme,ccu"; reg = <0x3000000 0x1000>; #clock-cells = <1>; };
        uart0: serial@4000000 { compatible = "acme,uart"; reg = <0x4000000 0x100>; clocks = <&ccu 3>; };
        """);
    const string NoCcu = "drivers:\n  - compatible: acme,ccu\n    as: absent\n";

    [Fact]
    public void Before_the_timeout_the_device_link_holds_the_uart()
    {
        var r = Sim.Boot(Dts, NoCcu, stopAfter: 5);
        Assert.Equal(DeviceState.Deferred, r.Dev("4000000.serial").State);
        Assert.Equal("4000000.serial\tplatform: supplier 3000000.clock-controller not ready\n", r.DevicesDeferredText());
        var link = Assert.Single(r.Devlinks);
        Assert.Equal("platform:3000000.clock-controller--platform:4000000.serial", link.Name);
        Assert.Equal("dormant", link.Status);
        Assert.False(link.SyncStateOnly);
    }

    [Fact]
    public void After_the_timeout_the_link_is_relaxed_and_the_clock_lookup_defers_forever()
    {
        var r = Sim.Boot(Dts, NoCcu);
        var uart = r.Dev("4000000.serial");
        Assert.Equal(DeviceState.Deferred, uart.State);
        Assert.Equal("acme-uart: failed to get clock", uart.DeferReason);
        Assert.Equal("4000000.serial\tacme-uart: failed to get clock\n", r.DevicesDeferredText());
        var pending = Assert.Single(r.Log, l => l.Text == "platform 4000000.serial: deferred probe pending");
        Assert.Equal(10.0, (pending.TimeUs - r.Log.First(l => l.Text.StartsWith("Kernel command line")).TimeUs) / 1e6, 0);
        Assert.True(Assert.Single(r.Devlinks).SyncStateOnly);
    }

    [Fact]
    public void V6_12_names_the_reason_in_the_pending_warning()
    {
        var r = Sim.Boot(Dts, NoCcu, profile: "v6.12");
        Assert.True(r.Logged("platform 4000000.serial: deferred probe pending: acme-uart: failed to get clock"));
    }

    [Fact]
    public void Without_modules_the_link_is_relaxed_at_late_initcall_and_no_timeout_runs()
    {
        var r = Sim.Boot(Dts, NoCcu + "modules: false\n");
        Assert.Equal("acme-uart: failed to get clock", r.Dev("4000000.serial").DeferReason);
        Assert.DoesNotContain(r.Log, l => l.Text.Contains("deferred probe pending"));
    }

    [Fact]
    public void Permissive_v5_10_never_blocks_and_defers_on_the_clock_from_the_start()
    {
        var r = Sim.Boot(Dts, NoCcu, profile: "v5.10", stopAfter: 1);
        Assert.Equal("acme-uart: failed to get clock", r.Dev("4000000.serial").DeferReason);
        Assert.True(Assert.Single(r.Devlinks).SyncStateOnly);
        Assert.Equal("3000000.clock-controller--4000000.serial", r.Devlinks[0].Name);
    }

    [Fact]
    public void A_supplier_whose_probe_failed_is_never_relaxed()
    {
        var r = Sim.Boot(Dts, "drivers:\n  - compatible: acme,ccu\n    probe: {fail: EIO}\n");
        Assert.True(r.Logged("acme-ccu: probe of 3000000.clock-controller failed with error -5"));
        Assert.Equal(DeviceState.Failed, r.Dev("3000000.clock-controller").State);
        Assert.Equal(-5, r.Dev("3000000.clock-controller").Error);
        Assert.Equal("platform: supplier 3000000.clock-controller not ready", r.Dev("4000000.serial").DeferReason);
    }

    [Fact]
    public void Fw_devlink_off_makes_no_link()
    {
        var r = Sim.Boot(Dts, NoCcu, cmdline: "fw_devlink=off");
        Assert.Empty(r.Devlinks);
        Assert.Equal("acme-uart: failed to get clock", r.Dev("4000000.serial").DeferReason);
    }

    [Fact]
    public void Deferred_probe_timeout_minus_one_never_relaxes()
    {
        var r = Sim.Boot(Dts, NoCcu, cmdline: "deferred_probe_timeout=-1");
        Assert.Equal("platform: supplier 3000000.clock-controller not ready", r.Dev("4000000.serial").DeferReason);
        Assert.DoesNotContain(r.Log, l => l.Text.Contains("deferred probe pending"));
    }

    [Fact]
    public void With_a_driver_the_uart_binds_after_the_ccu()
    {
        var r = Sim.Boot(Dts);
        Assert.Equal(DeviceState.Bound, r.Dev("4000000.serial").State);
        Assert.Equal("active", Assert.Single(r.Devlinks).Status);
        Assert.Empty(r.DevicesDeferred!);
    }
}
