using ProbeSim.TestSupport;
using ProbeSim.Checking.Invariants;

namespace ProbeSim.Checking.Tests.Invariants;

/// <summary>Each invariant: a scenario that breaks it and one that keeps it (spec scenarios, evaluated on the default boot).</summary>
public class InvariantTests
{
    static List<Violation> Check(string invariant, string dts, string? scenario, string profile, string cmdline = "", params string[] set)
    {
        var (k, _) = Scenario.Boot(dts, scenario, profile, cmdline, set);
        return InvariantTable.Find(invariant)!.Evaluate(k).ToList();
    }

    // spec S3 (driver-core §8.1): a master behind a disabled IPMMU, a built-in IOMMU_OF_DECLARE driver
    static readonly string S3 = Scenario.Soc("""
        ipmmu_hc: iommu@e6570000 { compatible = "renesas,ipmmu-r8a7795"; reg = <0xe6570000 0x1000>; #iommu-cells = <1>; status = "disabled"; };
        sata: sata@ee300000 { compatible = "renesas,r8a7795-sata"; reg = <0xee300000 0x2000>; iommus = <&ipmmu_hc 2>; };
        """);
    const string IpmmuDeclared = "drivers:\n  - { compatible: renesas,ipmmu-r8a7795, name: ipmmu-vmsa, iommu: { of-declare: true } }\n";

    [Fact]
    public void Deferred_forever_breaks_on_a_disabled_iommu_under_v4_12_rc1_and_holds_under_v4_12()
    {
        var v = Assert.Single(Check("deferred-forever", S3, IpmmuDeclared, "v4.12-rc1"));
        Assert.Equal("ee300000.sata", v.Device);
        Assert.Contains("iommus[0] /soc/iommu@e6570000 (status = \"disabled\")", v.Finding.Text());
        Assert.Empty(Check("deferred-forever", S3, IpmmuDeclared, "v4.12"));
    }

    // story C (driver-core §9.2): arm32, ipmmu-vmsa attaches a shared mapping at add_device; the display defers on a late clock
    internal static readonly string S5 = """
        /dts-v1/;
        / { #address-cells = <1>; #size-cells = <1>;
          cpus { #address-cells = <1>; #size-cells = <0>; cpu@0 { device_type = "cpu"; compatible = "arm,cortex-a15"; reg = <0>; }; };
          soc { compatible = "simple-bus"; #address-cells = <1>; #size-cells = <1>; ranges;
            ipmmu_du: iommu@fe951000 { compatible = "renesas,ipmmu-vmsa"; reg = <0xfe951000 0x1000>; #iommu-cells = <1>; };
            du: display@feb00000 { compatible = "renesas,du-r8a7791"; reg = <0xfeb00000 0x40000>; iommus = <&ipmmu_du 0>; clocks = <&late_clk 0>; };
            late_clk: clock-controller@e6150000 { compatible = "acme,late-clk"; reg = <0xe6150000 0x1000>; #clock-cells = <1>; };
          };
        };
        """;
    internal const string S5Drivers = """
        drivers:
          - { compatible: renesas,ipmmu-vmsa, name: ipmmu-vmsa, iommu: { register: false, of-declare: false } }
          - { compatible: acme,late-clk, initcall: late }
        """;

    [Fact]
    public void Iommu_ops_without_domain_breaks_with_stale_arm32_ops_under_v4_12_rc1_and_holds_with_the_guard()
    {
        var v = Assert.Single(Check("iommu-ops-without-domain", S5, S5Drivers, "v4.12-rc1"));
        Assert.Equal("feb00000.display", v.Device);
        Assert.Empty(Check("iommu-ops-without-domain", S5, S5Drivers, "v4.12"));
    }

    [Fact]
    public void Iommu_state_leak_breaks_when_a_deferred_display_keeps_arm_iommu_ops_and_holds_when_teardown_clears_them()
    {
        // the late clock never comes: the display stays deferred after its first dma_configure
        var never = S5Drivers.Replace("initcall: late", "as: absent");
        var v = Assert.Single(Check("iommu-state-leak", S5, never, "v4.12-rc1"));
        Assert.Equal("feb00000.display", v.Device);
        Assert.Contains("arm-iommu dma_ops", v.Finding.Text());
        // v5.4: arch_teardown_dma_ops clears the ops; the shared mapping ipmmu's add_device attached stays with the device
        Assert.Empty(Check("iommu-state-leak", S5, never, "v5.4"));
    }

    // iommu-core S8: arm-smmu with two context banks and three masters
    static readonly string S8 = Scenario.Soc("""
        smmu: iommu@1000000 { compatible = "arm,mmu-500"; reg = <0x1000000 0x10000>; #iommu-cells = <1>; };
        m0: dma@2000000 { compatible = "acme,m0"; reg = <0x2000000 0x1000>; iommus = <&smmu 0x100>; };
        m1: dma@2001000 { compatible = "acme,m1"; reg = <0x2001000 0x1000>; iommus = <&smmu 0x101>; };
        m2: dma@2002000 { compatible = "acme,m2"; reg = <0x2002000 0x1000>; iommus = <&smmu 0x102>; };
        """);
    const string TwoBanks = "drivers:\n  - { compatible: arm,mmu-500, iommu: { context-banks: 2 } }\n";

    [Fact]
    public void No_dma_path_breaks_when_the_third_master_is_blocked_under_v5_10_and_holds_with_enough_banks()
    {
        var v = Assert.Single(Check("no-dma-path", S8, TwoBanks, "v5.10"));
        Assert.Equal("2002000.dma", v.Device);
        Assert.Empty(Check("no-dma-path", S8, TwoBanks.Replace("context-banks: 2", "context-banks: 3"), "v5.10"));
    }

    [Fact]
    public void Dma_access_fault_breaks_on_a_mapped_buffer_of_a_blocked_stream_and_holds_on_a_translated_one()
    {
        var m2 = "drivers:\n  - { compatible: arm,mmu-500, iommu: { context-banks: 2 } }\n  - { compatible: acme,m2, dma: [ { map: 4K }, { access: last } ] }\n";
        var v = Assert.Single(Check("dma-access-fault", S8, m2, "v5.10"));
        Assert.Equal("2002000.dma", v.Device);
        Assert.Empty(Check("dma-access-fault", S8, m2.Replace("acme,m2", "acme,m0"), "v5.10"));
    }

    // a uart takes a clock; fw_devlink=off makes no device link, so unbinding the clock controller leaves the uart bound
    static readonly string Clocked = Scenario.Soc("""
        cru: clock-controller@1000 { compatible = "acme,cru"; reg = <0x1000 0x100>; #clock-cells = <1>; };
        uart: serial@2000 { compatible = "acme,uart"; reg = <0x2000 0x100>; clocks = <&cru 0>; };
        """);
    const string UnbindCru = "actions:\n  - { at: 1, unbind: 1000.clock-controller }\n";

    [Fact]
    public void Supplier_unbound_breaks_without_device_links_and_holds_when_the_link_unbinds_the_consumer_first()
    {
        var v = Assert.Single(Check("supplier-unbound", Clocked, UnbindCru, "v6.6", "fw_devlink=off"));
        Assert.Equal("2000.serial", v.Device);
        Assert.Empty(Check("supplier-unbound", Clocked, UnbindCru, "v6.6"));
    }

    [Fact]
    public void Kernel_crash_breaks_on_the_stale_ops_oops_and_holds_with_the_guard()
    {
        var withDma = S5Drivers + "\n  - { compatible: renesas,du-r8a7791, dma: [ { alloc-coherent: 16K } ] }\n";
        Assert.Single(Check("kernel-crash", S5, withDma, "v4.12-rc1"));
        Assert.Empty(Check("kernel-crash", S5, withDma, "v4.12"));
    }

    // iommu-core S11 (v5.10): VFIO takes the container of a group whose other function e1000e still drives
    const string PciBoard = SmmuV3PciBoard.Dts;
    const string PciScenario = """
        drivers:
          - { compatible: pci8086,10d3, name: e1000e, bus: pci, pci-ids: ["8086:10d3"] }
        pci:
          host: /pcie@10000000
          devices:
            - slot: 01.0
              type: root-port
              acs: [SV, RR, CR, UF]
              below:
                - { slot: 00.0, id: "8086:10d3", class: 0x020000 }
                - { slot: 00.1, id: "8086:10d4", class: 0x020000 }
        actions:
          - { at: 1, driver-override: 0000:01:00.1, driver: vfio-pci }
          - { at: 1.1, bind: 0000:01:00.1, driver: vfio-pci }
          - { at: 2, vfio-set-container: 0000:01:00.1 }
        """;

    [Fact]
    public void Shared_dma_owner_breaks_when_v5_10_vfio_claims_a_group_e1000e_uses_and_holds_under_v6_6()
    {
        var v = Assert.Single(Check("shared-dma-owner", PciBoard, PciScenario, "v5.10"));
        Assert.Equal("0000:01:00.0", v.Device);
        Assert.Empty(Check("shared-dma-owner", PciBoard, PciScenario, "v6.6"));
    }

    [Fact]
    public void The_table_lists_every_invariant_once_with_a_spec_rule()
    {
        Assert.Equal(InvariantTable.All.Count, InvariantTable.All.Select(i => i.Name).Distinct().Count());
        Assert.All(InvariantTable.All, i => Assert.False(string.IsNullOrWhiteSpace(i.SpecRule)));
        Assert.Throws<ArgumentException>(() => InvariantTable.Select("deferred-forever,nope"));
    }
}
