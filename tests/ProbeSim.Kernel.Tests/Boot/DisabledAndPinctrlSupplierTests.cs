using ProbeSim.Kernel.Boot;

namespace ProbeSim.Kernel.Tests.Boot;

/// <summary>Spec scenario S11: a disabled clock provider, and pinctrl states pointing into a pin controller.</summary>
public class DisabledAndPinctrlSupplierTests
{
    static readonly string Disabled = Sim.Soc("""
        ccu: clock-controller@3000000 { compatible = "acme,ccu"; reg = <0x3000000 0x1000>; #clock-cells = <1>; status = "disabled"; };
        uart0: serial@4000000 { compatible = "acme,uart"; reg = <0x4000000 0x100>; clocks = <&ccu 3>; };
        """);

    static readonly string Pins = Sim.Soc("""
        pinctrl@5000000 { compatible = "acme,pinctrl"; reg = <0x5000000 0x1000>;
            uart0_pins: uart0-pins { pins = "a", "b"; }; };
        uart0: serial@4000000 { compatible = "acme,uart"; reg = <0x4000000 0x100>; pinctrl-names = "default"; pinctrl-0 = <&uart0_pins>; };
        """);

    [Fact]
    public void A_disabled_clock_provider_gets_no_link_and_the_lookup_defers_forever()
    {
        var r = Sim.Boot(Disabled);
        Assert.Empty(r.Devlinks);
        var uart = r.Dev("4000000.serial");
        Assert.Equal(DeviceState.Deferred, uart.State);
        Assert.Equal("acme-uart: failed to get clock", uart.DeferReason);
        Assert.Equal(DeviceState.NotPresent, r.Dev("clock-controller@3000000").State);
        Assert.Equal("status = \"disabled\"", r.Dev("clock-controller@3000000").Note.Text());
    }

    [Fact]
    public void V6_18_returns_enoent_for_a_disabled_clock_provider()
    {
        var r = Sim.Boot(Disabled, profile: "v6.18");
        var uart = r.Dev("4000000.serial");
        Assert.Equal(DeviceState.Failed, uart.State);
        Assert.Equal(-2, uart.Error);
        Assert.True(r.Logged("acme-uart 4000000.serial: error -ENOENT: failed to get clock"));
        Assert.True(r.Logged("acme-uart 4000000.serial: probe with driver acme-uart failed with error -2"));
    }

    [Fact]
    public void Pinctrl_child_waits_for_supplier_by_path_then_binds_with_the_controller()
    {
        var early = Sim.Boot(Pins, "order: [acme-uart, acme-pinctrl]\n", stopAfter: 0);
        var r = Sim.Boot(Pins, "order: [acme-uart, acme-pinctrl]\n");
        Assert.Equal(DeviceState.Bound, r.Dev("4000000.serial").State);
        Assert.Equal(2, r.Dev("4000000.serial").ProbeAttempts);
        Assert.Equal("active", Assert.Single(r.Devlinks).Status);
        Assert.Equal("platform:5000000.pinctrl--platform:4000000.serial", r.Devlinks[0].Name);
        _ = early;
    }

    [Fact]
    public void Pinctrl_driver_absent_keeps_the_uart_waiting_for_the_pin_group_forever()
    {
        var r = Sim.Boot(Pins, "drivers:\n  - compatible: acme,pinctrl\n    as: absent\n");
        var uart = r.Dev("4000000.serial");
        Assert.Equal(DeviceState.Deferred, uart.State);
        Assert.Equal("platform: wait for supplier /soc/pinctrl@5000000/uart0-pins", uart.DeferReason);
        Assert.True(r.Logged("platform 4000000.serial: deferred probe pending"));
    }

    [Fact]
    public void V6_1_links_to_the_compatible_ancestor_and_names_it_in_the_reason()
    {
        var r = Sim.Boot(Pins, "drivers:\n  - compatible: acme,pinctrl\n    as: absent\n", profile: "v6.1", stopAfter: 5);
        Assert.Equal("platform: supplier 5000000.pinctrl not ready", r.Dev("4000000.serial").DeferReason);
    }

    [Fact]
    public void V4_14_pinctrl_defers_forever_with_no_reason_file()
    {
        var r = Sim.Boot(Pins, "drivers:\n  - compatible: acme,pinctrl\n    as: absent\n", profile: "v4.14");
        Assert.Equal(DeviceState.Deferred, r.Dev("4000000.serial").State);
        Assert.Null(r.DevicesDeferred);
    }

    [Fact]
    public void Without_modules_pinctrl_gives_up_after_late_initcall_and_probes_without_pins()
    {
        var r = Sim.Boot(Pins, "modules: false\ndrivers:\n  - compatible: acme,pinctrl\n    as: absent\n", profile: "v5.10");
        Assert.Equal(DeviceState.Bound, r.Dev("4000000.serial").State);
        Assert.True(r.Logged("acme-uart 4000000.serial: ignoring dependency for device, assuming no driver"));
    }
}
