using ProbeSim.Checking.Explain;

namespace ProbeSim.Checking.Tests.Explain;

public class ExplainerTests
{
    // spec S3: a master behind a disabled IPMMU; a built-in IOMMU_OF_DECLARE driver exists
    static readonly string S3 = Scenario.Soc("""
        ipmmu_hc: iommu@e6570000 { compatible = "renesas,ipmmu-r8a7795"; reg = <0xe6570000 0x1000>; #iommu-cells = <1>; status = "disabled"; };
        sata: sata@ee300000 { compatible = "renesas,r8a7795-sata"; reg = <0xee300000 0x2000>; iommus = <&ipmmu_hc 2>; };
        """);
    const string IpmmuDeclared = "drivers:\n  - { compatible: renesas,ipmmu-r8a7795, name: ipmmu-vmsa, iommu: { of-declare: true } }\n";

    [Fact]
    public void Disabled_iommu_is_the_root_cause_under_v4_12_rc1_and_the_rule_says_the_node_is_not_checked()
    {
        var (k, r) = Scenario.Boot(S3, IpmmuDeclared, profile: "v4.12-rc1");
        var e = Explainer.Explain(k, r, "ee300000.sata");
        Assert.Equal("deferred", e.State);
        var step = Assert.Single(e.Chain, s => s.Relation == "iommus[0]");
        Assert.Equal("/soc/iommu@e6570000", step.Subject);
        Assert.Equal(SupplierState.Disabled, step.State);
        Assert.True(step.RootCause);
        Assert.Equal("/soc/iommu@e6570000: status = \"disabled\"", Assert.Single(e.RootCauses).Text());
        Assert.Equal("defer", e.Iommu!.Outcome);
        Assert.Contains("of_iommu_driver_present", e.Iommu.Rule.Text());
        Assert.Contains("of_iommu_disabled_check: false", e.Iommu.Rule.Text());
    }

    [Fact]
    public void Under_v4_12_the_same_master_binds_without_an_iommu_and_the_rule_names_the_disabled_node()
    {
        var (k, r) = Scenario.Boot(S3, IpmmuDeclared, profile: "v4.12");
        var e = Explainer.Explain(k, r, "&sata");
        Assert.Equal("bound", e.State);
        Assert.Empty(e.RootCauses);
        Assert.Equal("none", e.Iommu!.Outcome);
        Assert.Equal("IOMMU /soc/iommu@e6570000 is disabled", e.Iommu.Rule.Text());
    }

    // a chain two deep: uart -> clock controller (deferred) -> reset controller whose module is never loaded
    static readonly string Chain = Scenario.Soc("""
        rst: reset-controller@1000 { compatible = "acme,rst"; reg = <0x1000 0x100>; #reset-cells = <1>; };
        cru: clock-controller@2000 { compatible = "acme,cru"; reg = <0x2000 0x100>; #clock-cells = <1>; resets = <&rst 0>; };
        uart: serial@3000 { compatible = "acme,uart"; reg = <0x3000 0x100>; clocks = <&cru 1>; };
        off: phy@4000 { compatible = "acme,phy"; reg = <0x4000 0x100>; #phy-cells = <0>; status = "disabled"; };
        """);
    const string ChainDrivers = """
        drivers:
          - { compatible: acme,rst, as: module }
          - { compatible: acme,cru }
          - { compatible: acme,uart }
        """;

    [Fact]
    public void Chain_goes_down_to_a_module_never_loaded()
    {
        var (k, r) = Scenario.Boot(Chain, ChainDrivers, cmdline: "fw_devlink=off");
        var e = Explainer.Explain(k, r, "/soc/serial@3000");
        Assert.Equal("deferred", e.State);
        Assert.Collection(e.Chain,
            s => { Assert.Equal((0, "2000.clock-controller", SupplierState.Deferred), (s.Depth, s.Subject, s.State)); Assert.StartsWith("clock clocks[0]", s.Relation); },
            s => { Assert.Equal((1, "1000.reset-controller", SupplierState.ModuleNotLoaded), (s.Depth, s.Subject, s.State)); Assert.True(s.RootCause); });
        Assert.Equal("1000.reset-controller: its driver is a module that was never loaded", Assert.Single(e.RootCauses).Text());
        Assert.Contains("root cause: 1000.reset-controller", e.SummaryText());
    }

    [Fact]
    public void Device_names_paths_and_labels_find_the_same_device_and_unknown_names_are_an_error()
    {
        var (k, r) = Scenario.Boot(Chain, ChainDrivers);
        Assert.Equal("3000.serial", Explainer.Explain(k, r, "uart").Device);
        Assert.Equal("3000.serial", Explainer.Explain(k, r, "&uart").Device);
        Assert.Equal("3000.serial", Explainer.Explain(k, r, "/soc/serial@3000/").Device);
        var err = Assert.Throws<ArgumentException>(() => Explainer.Explain(k, r, "serial@9999"));
        Assert.Contains("no device, DT path or label 'serial@9999'", err.Message);
    }

    [Fact]
    public void A_disabled_node_is_explained_by_its_status()
    {
        var (k, r) = Scenario.Boot(Chain, ChainDrivers);
        var e = Explainer.Explain(k, r, "off");
        Assert.Equal("not-present", e.State);
        Assert.Equal("/soc/phy@4000: status = \"disabled\"", Assert.Single(e.RootCauses).Text());
    }

    [Fact]
    public void A_failed_probe_is_its_own_root_cause_with_the_errno()
    {
        var (k, r) = Scenario.Boot(Chain, "drivers:\n  - { compatible: acme,rst }\n  - { compatible: acme,cru }\n  - { compatible: acme,uart, probe: { fail: EIO } }\n");
        var e = Explainer.Explain(k, r, "3000.serial");
        Assert.Equal("failed", e.State);
        Assert.Contains("failed with error -5", Assert.Single(e.RootCauses).Text());
    }

    // two clock controllers that each take a clock from the other: the chain ends in a cycle
    [Fact]
    public void Suppliers_waiting_on_each_other_end_in_a_cycle()
    {
        var dts = Scenario.Soc("""
            a: clock-controller@1000 { compatible = "acme,cka"; reg = <0x1000 0x100>; #clock-cells = <1>; clocks = <&b 0>; };
            b: clock-controller@2000 { compatible = "acme,ckb"; reg = <0x2000 0x100>; #clock-cells = <1>; clocks = <&a 0>; };
            """);
        var (k, r) = Scenario.Boot(dts, "drivers:\n  - { compatible: acme,cka }\n  - { compatible: acme,ckb }\n", cmdline: "fw_devlink=off");
        var e = Explainer.Explain(k, r, "1000.clock-controller");
        Assert.Equal("deferred", e.State);
        Assert.Contains(e.Chain, s => s.State == SupplierState.Cycle && s.Subject == "1000.clock-controller");
    }

    [Fact]
    public void Log_lines_of_the_device_come_with_it()
    {
        var (k, r) = Scenario.Boot(S3, IpmmuDeclared, profile: "v4.12");
        var e = Explainer.Explain(k, r, "ee300000.sata");
        Assert.NotEmpty(e.Log);
        Assert.All(e.Log, l => Assert.Contains("ee300000.sata", l.Text));
    }
}
