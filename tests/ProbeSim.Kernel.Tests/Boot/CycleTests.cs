using ProbeSim.Kernel.Boot;

namespace ProbeSim.Kernel.Tests.Boot;

/// <summary>fw_devlink dependency cycles: both members must still bind, with the profile's message.</summary>
public class CycleTests
{
    static readonly string Dts = Sim.Soc("""
        a: clock-controller@1000 { compatible = "acme,a"; reg = <0x1000 0x100>; #clock-cells = <0>; clocks = <&b>; };
        b: clock-controller@2000 { compatible = "acme,b"; reg = <0x2000 0x100>; #clock-cells = <0>; clocks = <&a>; };
        """);

    [Fact]
    public void V6_6_fixes_the_cycle()
    {
        var r = Sim.Boot(Dts, "drivers:\n  - { compatible: acme,a, resources: false }\n  - { compatible: acme,b, resources: false }\n");
        Assert.Contains(r.Log, l => l.Text.Contains("Fixed dependency cycle(s) with /soc/clock-controller@"));
        Assert.Equal(DeviceState.Bound, r.Dev("1000.clock-controller").State);
        Assert.Equal(DeviceState.Bound, r.Dev("2000.clock-controller").State);
    }

    [Fact]
    public void V6_1_relaxes_the_cycle_when_the_link_is_refused()
    {
        var r = Sim.Boot(Dts, "drivers:\n  - { compatible: acme,a, resources: false }\n  - { compatible: acme,b, resources: false }\n", profile: "v6.1");
        Assert.Contains(r.Log, l => l.Text.Contains("Fixing up cyclic dependency with"));
        Assert.Equal(DeviceState.Bound, r.Dev("1000.clock-controller").State);
        Assert.Equal(DeviceState.Bound, r.Dev("2000.clock-controller").State);
    }
}
