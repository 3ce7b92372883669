using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Profiles;
using ProbeSim.Kernel.Tests.Boot;

namespace ProbeSim.Kernel.Tests.Profiles;

/// <summary>
/// Profile debian-6.12: Debian trixie's kernel 6.12.118 (linux-source-6.12 6.12.118-1). Every value is read in that
/// source; the file:line in each case is in that tree (/work/src13/linux-source-6.12).
/// </summary>
public class Debian612ProfileTests
{
    static KernelProfile Debian => ProfileLibrary.Default.Get("debian-6.12");

    static IReadOnlyList<string> List(KernelProfile p, string name) => SwitchCatalog.Find(name)!.SplitList(p[name]).ToList();

    static readonly string DisabledClock = Sim.Soc("""
        ccu: clock-controller@3000000 { compatible = "acme,ccu"; reg = <0x3000000 0x1000>; #clock-cells = <1>; status = "disabled"; };
        uart0: serial@4000000 { compatible = "acme,uart"; reg = <0x4000000 0x100>; clocks = <&ccu 3>; };
        """);

    // interrupt-parent names a GPIO controller; the device has no interrupts property of its own
    static readonly string InterruptParentOnly = Sim.Soc("""
        gpio: gpio@3000000 { compatible = "acme,gpio"; reg = <0x3000000 0x1000>; interrupt-controller; #interrupt-cells = <2>; };
        serial@4000000 { compatible = "acme,uart"; reg = <0x4000000 0x100>; interrupt-parent = <&gpio>; };
        """);

    // drivers/clk/clk.c:5268-5269: the lookup fails with -ENOENT instead of deferring (v6.12 defers)
    [Fact]
    public void Boot_a_disabled_clock_provider_fails_the_consumer_with_enoent()
    {
        var r = Sim.Boot(DisabledClock, profile: "debian-6.12");
        var uart = r.Dev("4000000.serial");
        Assert.Equal(DeviceState.Failed, uart.State);
        Assert.Equal(-2, uart.Error);
        Assert.Equal(DeviceState.Deferred, Sim.Boot(DisabledClock, profile: "v6.12").Dev("4000000.serial").State);
    }

    // drivers/of/property.c:1434-1482: interrupt-parent alone links nothing (v6.12 links the GPIO controller)
    [Fact]
    public void Boot_interrupt_parent_alone_makes_no_device_link()
    {
        Assert.Empty(Sim.Boot(InterruptParentOnly, profile: "debian-6.12").Devlinks);
        Assert.Single(Sim.Boot(InterruptParentOnly, profile: "v6.12").Devlinks);
    }

    [Fact]
    public void Starts_from_v6_12_and_sits_between_v6_12_and_v6_18()
    {
        var names = ProfileLibrary.Default.Profiles.Select(p => p.Name).ToList();
        Assert.Equal(names.IndexOf("v6.12") + 1, names.IndexOf("debian-6.12"));
        Assert.Equal("v6.18", ProfileLibrary.Default.Get("latest").Name);
    }

    // drivers/base/core.c:1721: fw_devlink_flags = FW_DEVLINK_FLAGS_RPM (6.1.192 has _ON at core.c:1722)
    [Fact]
    public void Fw_devlink_defaults_to_rpm()
    {
        Assert.Equal("rpm", Debian["fw_devlink"]);
        Assert.Equal(FwDevlinkMode.Rpm, Debian.Settings.FwDevlink);
        Assert.Equal("on", ProfileLibrary.Default.Get("debian-6.1")["fw_devlink"]);
        // mainline had it before 6.12 (a 6.8.0 tree has FW_DEVLINK_FLAGS_RPM, 6.6.0 _ON), so v6.12 has it too
        Assert.Equal("rpm", ProfileLibrary.Default.Get("v6.12")["fw_devlink"]);
    }

    // drivers/of/property.c:1434-1482: of_supplier_bindings has no parse_interrupt_parent entry; parse_interrupts
    // (property.c:1367-1380) and parse_interrupt_map (property.c:1382) stay
    [Fact]
    public void Interrupt_parent_is_not_a_fw_devlink_binding()
    {
        var bindings = List(Debian, "fw_devlink_bindings");
        Assert.DoesNotContain("interrupt-parent", bindings);
        Assert.Contains("interrupts", bindings);
        Assert.Contains("interrupt-map", bindings);
        Assert.Contains("interrupt-parent", List(ProfileLibrary.Default.Get("v6.12"), "fw_devlink_bindings"));
    }

    // drivers/of/property.c:1437, 1438, 1442: iommus, iommu-map and dmas are the optional entries;
    // property.c:1440-1441 io-channels and io-backends; property.c:1458-1461 remote-endpoint with of_graph_get_port_parent;
    // property.c:1477-1480 post-init-providers
    [Fact]
    public void The_other_bindings_are_v6_12s()
    {
        var expected = List(ProfileLibrary.Default.Get("v6.12"), "fw_devlink_bindings").Where(b => b != "interrupt-parent");
        Assert.Equal(expected, List(Debian, "fw_devlink_bindings"));
        Assert.Equal(new[] { "iommus", "iommu-map", "dmas" }, List(Debian, "fw_devlink_optional"));
        Assert.Contains("remote-endpoint-port-parent", List(Debian, "fw_devlink_bindings"));
    }

    // drivers/clk/clk.c:5268-5269: of_clk_get_hw_from_clkspec returns -ENOENT when the provider node is not available
    [Fact]
    public void A_disabled_clock_provider_gives_enoent()
    {
        Assert.Equal("enoent", Debian["clk_disabled_provider"]);
        Assert.True(Debian.Settings.ClkDisabledEnoent);
    }

    // drivers/iommu/iommu.c:1684-1720: a conflicting def_domain_type prints "IOMMU driver error" (iommu.c:1709)
    // and IDENTITY wins (iommu.c:1717)
    [Fact]
    public void A_def_domain_type_conflict_gives_identity()
    {
        Assert.Equal("identity-wins", Debian["def_domain_conflict"]);
        Assert.True(Debian.Settings.DefDomainIdentityWins);
        // the same code is in a plain 6.8.0 tree (iommu.c:1879-1893) and not in 6.6.0: mainline v6.12 has it
        Assert.Equal("identity-wins", ProfileLibrary.Default.Get("v6.12")["def_domain_conflict"]);
        Assert.Equal("default", ProfileLibrary.Default.Get("v6.6")["def_domain_conflict"]);
    }

    // drivers/iommu/iommu.c:250-272: iommu_device_register adds the instance and runs bus_iommu_probe on every bus;
    // __iommu_probe_device returns -ENODEV without a fwspec (iommu.c:528-530); no dma_configure in iommu.c
    [Fact]
    public void Iommu_registration_probes_the_buses_without_configuring()
    {
        Assert.Equal("bus-probe", Debian["iommu_register"]);
        Assert.Equal(IommuRegisterEra.BusProbe, Debian.Settings.IommuRegister);
    }

    // drivers/of/property.c:1144-1162: of_link_to_phandle links to sup_np itself;
    // drivers/base/core.c:223: __fw_devlink_pickup_dangling_consumers
    [Fact]
    public void Fwnode_links_point_at_the_phandle_node()
    {
        Assert.Equal("node", Debian["fw_devlink_supplier"]);
        Assert.True(Debian.Settings.FwDevlinkSupplierIsNode);
    }

    // drivers/base/core.c:2055 __fw_devlink_relax_cycles; core.c:2209 "Fixed dependency cycle(s)"
    [Fact]
    public void Cycles_are_fixed_up()
    {
        Assert.Equal("fixup", Debian["fw_devlink_cycles"]);
        Assert.True(Debian.Settings.FwDevlinkCycleFixup);
    }

    // no drivers/bus/imx-aipstz.c and no driver under drivers/ names fsl,imx8mp-aipstz (v6.18 adds it)
    [Fact]
    public void No_aipstz_bus_populates_its_children()
    {
        var populating = List(Debian, "of_populating_drivers");
        Assert.DoesNotContain("fsl,imx8mp-aipstz", populating);
        Assert.Equal(List(ProfileLibrary.Default.Get("v6.12"), "of_populating_drivers"), populating);
    }

    // Switches v6.12 already has, checked in 6.12.118: drivers/base/dd.c:261 timeout 10 with modules, dd.c:317
    // "deferred probe pending: <reason>" at warning, dd.c:655 "probe with driver %s failed with error %d";
    // drivers/base/core.c:937 bus-prefixed devlink names, core.c:1140 "wait for supplier %pfwf";
    // drivers/iommu/iova.c:566 IOVA_MAG_SIZE 127; arch/arm64/mm/dma-mapping.c:41-54 arch_setup_dma_ops only records coherency
    // drivers/pci/quirks.c (6.12.118) pci_dev_acs_enabled[]: QCOM Hamoa (0x0111, line 5145) and Glymur (0x0120, 5147) root
    // ports, Loongson root ports (5183-5192), and Wangxun's AML NICs in pci_quirk_wangxun_nic_acs (5059-5060): stable
    // backports that v6.12 (6.12.0) does not have
    [Fact]
    public void Acs_quirks_are_v6_12_plus_the_stable_backports()
    {
        var debian = List(Debian, "pci_acs_quirks");
        var v612 = List(ProfileLibrary.Default.Get("v6.12"), "pci_acs_quirks");
        Assert.Equal(new[] { "loongson-rp", "qcom-hamoa-glymur-rp", "wangxun-aml-nics" }, debian.Except(v612).Order(StringComparer.Ordinal));
        Assert.Empty(v612.Except(debian));
    }

    [Fact]
    public void The_rest_is_v6_12()
    {
        Assert.Equal("10", Debian["deferred_probe_timeout"]);
        Assert.Equal("with-reason", Debian["pending_message"]);
        Assert.Equal("dev", Debian["probe_failure_message"]);
        Assert.Equal("bus-prefixed", Debian["devlink_names"]);
        Assert.Equal("full-path", Debian["link_check_reason"]);
        Assert.Equal("127", Debian["iova_magazine"]);
        Assert.Equal("core", Debian["arm64_dma"]);
        // drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c:3261-3266: the master's own duplicate StreamID is skipped (b00d24997a11)
        Assert.Equal("unique-per-master", Debian["smmu_v3_stream_ids"]);
        var changed = new[] { "fw_devlink_bindings", "clk_disabled_provider", "smmu_v3_stream_ids", "pci_acs_quirks" };
        var v612 = ProfileLibrary.Default.Get("v6.12");
        foreach (var (name, value) in Debian.Values)
            if (!changed.Contains(name)) Assert.Equal(v612[name], value);
    }
}
