using ProbeSim.Kernel.Boot;

namespace ProbeSim.Kernel.Tests.Boot;

/// <summary>Spec scenarios S14 (driver choice by registration order) and S15 (which nodes become devices).</summary>
public class DriverChoiceAndPopulationTests
{
    static readonly string Foo = Sim.Soc("""foo@100 { compatible = "acme,foo-v2", "acme,foo"; reg = <0x100 0x10>; };""");
    const string TwoDrivers = "drivers:\n  - { compatible: acme,foo, name: X }\n  - { compatible: acme,foo-v2, name: Y }\norder: [X, Y]\n";

    [Fact]
    public void An_earlier_driver_for_the_fallback_compatible_wins() =>
        Assert.Equal("X", Sim.Boot(Foo, TwoDrivers).Dev("100.foo").Driver);

    [Fact]
    public void A_driver_rejecting_with_enodev_is_silent_and_the_next_binds()
    {
        var r = Sim.Boot(Foo, "drivers:\n  - { compatible: acme,foo, name: X, probe: {fail: ENODEV} }\n  - { compatible: acme,foo-v2, name: Y }\norder: [X, Y]\n");
        Assert.Equal("Y", r.Dev("100.foo").Driver);
        Assert.DoesNotContain(r.Log, l => l.Level <= LogLevel.Warning && l.Text.Contains("100.foo"));
    }

    [Fact]
    public void A_deferring_driver_lets_the_next_one_try_in_the_same_walk()
    {
        var r = Sim.Boot(Foo, "drivers:\n  - { compatible: acme,foo, name: X, probe: {defer: 100} }\n  - { compatible: acme,foo-v2, name: Y }\norder: [X, Y]\n");
        Assert.Equal("Y", r.Dev("100.foo").Driver);
    }

    [Fact]
    public void S15_population()
    {
        var r = Sim.Boot("""
            /dts-v1/;
            / { #address-cells = <1>; #size-cells = <1>;
                soc { compatible = "simple-bus"; #address-cells = <1>; #size-cells = <1>; ranges; status = "disabled"; uart@100 { compatible = "acme,uart"; reg = <0x100 0x10>; }; };
                noc { #address-cells = <1>; #size-cells = <1>; uart@200 { compatible = "acme,uart"; reg = <0x200 0x10>; }; };
                mfd@300 { compatible = "acme,pmic", "simple-mfd"; reg = <0x300 0x10>; rtc { compatible = "acme,rtc"; }; };
                serial@400 { compatible = "arm,pl011", "arm,primecell"; reg = <0x400 0x10>; child@0 { compatible = "acme,x"; }; };
                i2c@500 { compatible = "acme,i2c"; reg = <0x500 0x10>; #address-cells = <1>; #size-cells = <0>; sensor@48 { compatible = "acme,sensor"; reg = <0x48>; }; };
            };
            """, "drivers:\n  - { compatible: acme,i2c, as: absent }\n");
        Assert.Equal("platform", r.Dev("300.mfd").Bus);
        Assert.Equal("platform", r.Dev("300.mfd:rtc").Bus);
        Assert.Equal("amba", r.Dev("400.serial").Bus);
        Assert.Equal("platform", r.Dev("500.i2c").Bus);
        Assert.Equal(DeviceState.NotPresent, r.Dev("soc").State);
        Assert.Equal("under disabled /soc", r.Dev("uart@100").Note.Text());
        Assert.Equal("parent /noc has no compatible: not populated", r.Dev("uart@200").Note.Text());
        Assert.Equal("child of AMBA device 400.serial: never populated", r.Dev("child@0").Note.Text());
        Assert.Equal("i2c controller 500.i2c is not bound", r.Dev("sensor@48").Note.Text());
    }

    [Fact]
    public void A_bound_i2c_adapter_creates_its_clients()
    {
        var r = Sim.Boot(Sim.Soc("""i2c@500 { compatible = "acme,i2c"; reg = <0x500 0x10>; #address-cells = <1>; #size-cells = <0>; sensor@48 { compatible = "acme,sensor"; reg = <0x48>; }; };"""));
        var sensor = r.Dev("0-0048");
        Assert.Equal("i2c", sensor.Bus);
        Assert.Equal(DeviceState.Bound, sensor.State);
        Assert.Equal("/sys/devices/platform/soc/500.i2c/i2c-0/0-0048", sensor.SysfsPath);
    }

    [Fact]
    public void Same_input_gives_the_same_result()
    {
        var a = ProbeSim.Reports.Json.BootJsonWriter.ToJson(Sim.Boot(SupplierWithoutDriverTests.Dts, "drivers:\n  - { compatible: acme,ccu, as: absent }\n"));
        var b = ProbeSim.Reports.Json.BootJsonWriter.ToJson(Sim.Boot(SupplierWithoutDriverTests.Dts, "drivers:\n  - { compatible: acme,ccu, as: absent }\n"));
        Assert.Equal(a, b);
    }
}
