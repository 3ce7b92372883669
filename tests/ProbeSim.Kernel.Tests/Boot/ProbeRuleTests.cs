using ProbeSim.Kernel.Boot;

namespace ProbeSim.Kernel.Tests.Boot;

/// <summary>Single rules of the driver core and the resource lookups, each from the function it mirrors.</summary>
public class ProbeRuleTests
{
    static readonly string Dmac = Sim.Soc("""dma0: dma@2000000 { compatible = "acme,dmac"; reg = <0x2000000 0x1000>; };""");

    [Fact]
    public void Prevent_deferred_probe_turns_a_deferral_into_enxio()
    {
        // platform_probe: "probe deferral not supported", -ENXIO, silent rejection afterwards
        var r = Sim.Boot(Dmac, "drivers:\n  - { compatible: acme,dmac, prevent-deferred-probe: true, probe: {defer: 1} }\n");
        Assert.True(r.Logged("acme-dmac 2000000.dma: probe deferral not supported"));
        Assert.Equal(-6, r.Dev("2000000.dma").Error);
        Assert.Equal(1, r.Dev("2000000.dma").ProbeAttempts);
    }

    [Fact]
    public void A_second_driver_of_a_registered_name_on_the_bus_is_refused()
    {
        // driver_register (v6.1 drivers/base/driver.c:239-244): driver_find on the bus finds the first, pr_err, -EBUSY;
        // the second never registers, so its device stays without a driver. Another bus's driver may take the name.
        var dts = Sim.Soc("""
            a@1000 { compatible = "acme,a"; reg = <0x1000 0x100>; };
            b@2000 { compatible = "acme,b"; reg = <0x2000 0x100>; };
            c@3000 { compatible = "acme,c"; reg = <0x3000 0x100>; };
            """);
        var r = Sim.Boot(dts, """
            drivers:
              - { compatible: acme,a, name: acme-dup }
              - { compatible: acme,b, name: acme-dup }
              - { compatible: acme,c, name: acme-c }
            """);
        Assert.True(r.Logged("Error: Driver 'acme-dup' is already registered, aborting..."));
        Assert.Equal("acme-dup", r.Dev("1000.a").Driver);
        Assert.Equal(DeviceState.NoDriver, r.Dev("2000.b").State);
        Assert.Equal("acme-c", r.Dev("3000.c").Driver);
        Assert.Single(r.Log, l => l.Text.Contains("already registered"));
    }

    [Fact]
    public void Fw_devlink_strict_links_the_optional_dmas_binding()
    {
        var dts = Sim.Soc("""
            pdma: dma-controller@1000 { compatible = "acme,pdma"; reg = <0x1000 0x100>; #dma-cells = <1>; };
            spi@3000 { compatible = "acme,spi"; reg = <0x3000 0x100>; dmas = <&pdma 1>; dma-names = "tx"; };
            """);
        Assert.Empty(Sim.Boot(dts).Devlinks);
        var strict = Sim.Boot(dts, cmdline: "fw_devlink.strict=1");
        Assert.Equal("platform:1000.dma-controller--platform:3000.spi", Assert.Single(strict.Devlinks).Name);
        // the parameter does not exist before v5.19, and permissive mode ignores it
        Assert.DoesNotContain(Sim.Boot(dts, profile: "v5.10", cmdline: "fw_devlink.strict=1").Devlinks, l => !l.SyncStateOnly);
    }

    [Fact]
    public void An_unresolvable_supply_gets_the_dummy_regulator()
    {
        // regulator_dev_lookup finds no node, _regulator_get returns the dummy with a warning (v5.8+ wording)
        var dts = Sim.Soc("""mmc@4000 { compatible = "acme,mmc"; reg = <0x4000 0x100>; vmmc-supply = <0x7777>; };""");
        var r = Sim.Boot(dts);
        Assert.True(r.Logged("acme-mmc 4000.mmc: supply vmmc not found, using dummy regulator"));
        Assert.Equal(DeviceState.Bound, r.Dev("4000.mmc").State);
        Assert.True(Sim.Boot(dts, profile: "v5.4").Logged("acme-mmc 4000.mmc: 4000.mmc supply vmmc not found, using dummy regulator"));
    }

    [Fact]
    public void A_pmic_fed_by_its_own_regulator_does_not_wait_for_itself()
    {
        // rk806-style PMIC: vcc11-supply is one of its own regulators; the MFD core never regulator_gets its inputs,
        // the regulator core resolves them once the PMIC's regulators exist (regulator_resolve_supply)
        var dts = Sim.Soc("""
            pmic@7000 {
                compatible = "acme,pmic"; reg = <0x7000 0x100>;
                vcc11-supply = <&ldo1>;
                regulators { dcdc1: dcdc-reg1 { regulator-name = "dcdc1"; }; ldo1: ldo-reg1 { regulator-name = "ldo1"; }; };
            };
            mmc@8000 { compatible = "acme,mmc"; reg = <0x8000 0x100>; vmmc-supply = <&dcdc1>; };
            """);
        var r = Sim.Boot(dts);
        Assert.Equal(DeviceState.Bound, r.Dev("7000.pmic").State);
        Assert.Equal(DeviceState.Bound, r.Dev("8000.mmc").State);
    }

    [Fact]
    public void A_disabled_phy_of_a_registered_provider_is_enodev()
    {
        // _of_phy_get: provider found, PHY node unavailable -> "Requested PHY is disabled", -ENODEV
        var dts = Sim.Soc("""
            phyc@5000 { compatible = "acme,phyc"; reg = <0x5000 0x100>; p0: phy@0 { #phy-cells = <0>; status = "disabled"; }; };
            usb@6000 { compatible = "acme,usb"; reg = <0x6000 0x100>; phys = <&p0>; };
            """);
        var r = Sim.Boot(dts);
        Assert.True(r.Logged("acme-phyc 5000.phyc: Requested PHY is disabled"));
        Assert.Equal(-19, r.Dev("6000.usb").Error);
    }

    [Fact]
    public void Driver_override_and_sysfs_bind_move_a_device_to_another_driver()
    {
        var r = Sim.Boot(Dmac, """
            drivers:
              - { compatible: acme,other, name: vfio-platform }
            actions:
              - { at: 1, unbind: 2000000.dma }
              - { at: 2, driver-override: 2000000.dma, driver: vfio-platform }
              - { at: 3, bind: 2000000.dma, driver: vfio-platform }
            """);
        Assert.Equal("vfio-platform", r.Dev("2000000.dma").Driver);
        Assert.Equal(new[] { "ADD_DEVICE", "BIND_DRIVER", "BOUND_DRIVER", "UNBIND_DRIVER", "UNBOUND_DRIVER", "BIND_DRIVER", "BOUND_DRIVER" }, r.Events("2000000.dma"));
    }

    [Fact]
    public void Asynchronous_probes_run_after_the_synchronous_ones_of_their_level()
    {
        var dts = Sim.Soc("""
            a@100 { compatible = "acme,a"; reg = <0x100 0x10>; };
            b@200 { compatible = "acme,b"; reg = <0x200 0x10>; };
            """);
        var sync = Sim.Boot(dts);
        Assert.True(sync.Dev("100.a").BoundAtUs < sync.Dev("200.b").BoundAtUs);
        var r = Sim.Boot(dts, cmdline: "driver_async_probe=acme-a");
        Assert.True(r.Dev("100.a").BoundAtUs > r.Dev("200.b").BoundAtUs);
    }

    [Fact]
    public void A_blacklisted_module_is_not_loaded_by_udev()
    {
        var scenario = "module-autoload-at: 1\ndrivers:\n  - { compatible: acme,dmac, as: module, module: acme_dmac, load-at: 1 }\n";
        Assert.Equal(DeviceState.Bound, Sim.Boot(Dmac, scenario).Dev("2000000.dma").State);
        Assert.Equal(DeviceState.NoDriver, Sim.Boot(Dmac, scenario, cmdline: "modprobe.blacklist=acme-dmac").Dev("2000000.dma").State);
    }
}
