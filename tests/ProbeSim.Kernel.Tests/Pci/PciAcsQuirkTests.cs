using ProbeSim.Kernel.Pci;
using static ProbeSim.Kernel.Tests.Pci.PciQuirkSupport;
using static ProbeSim.Kernel.Tests.Pci.PciTestSupport;

namespace ProbeSim.Kernel.Tests.Pci;

/// <summary>
/// The built-in device-specific ACS table (pci_dev_acs_enabled[], Linux 6.1.192 drivers/pci/quirks.c:4951-5116) and
/// what it does to IOMMU groups: each family once with the quirk and once without it.
/// </summary>
public class PciAcsQuirkTests
{
    private const PciAcsFlags Req = PciAcs.ReqAcsFlags;

    private static string Endpoints(string idAndType, string extra = "") => $$"""
        pci:
          devices:
            - slot: 01.0
              type: root-port
              acs: [SV, RR, CR, UF]
              below:
                - { slot: 00.0, id: "{{idAndType}}", class: 0x020000{{extra}} }
                - { slot: 00.1, id: "{{idAndType}}", class: 0x020000{{extra}} }
        """;

    // quirks.c:4992-4999 lists the 82576 (8086:10c9) with pci_quirk_mf_endpoint_acs (quirks.c:4870-4884)
    [Fact]
    public void Multifunction_intel_82576_endpoint_functions_get_separate_groups()
    {
        Assert.Equal(["00:01.0", "01:00.0", "01:00.1"], Groups(Quirked(Endpoints("8086:10c9"))));
        Assert.Equal(["00:01.0", "01:00.0 01:00.1"], Groups(Quirked(Endpoints("8086:10c9"), Without("intel-nic-mf"))));
        Assert.Equal(["00:01.0", "01:00.0 01:00.1"], Groups(Yaml(Endpoints("8086:10c9"))));
    }

    // quirks.c:4870-4884: the listed functions provide everything but egress control, whatever their type
    [Fact]
    public void Multifunction_quirk_provides_everything_but_egress_control()
    {
        var f = Get(Quirked(Endpoints("8086:10c9")), "01:00.0");
        Assert.True(PciAcs.AcsEnabled(f, Req | PciAcsFlags.TB | PciAcsFlags.DT));
        Assert.False(PciAcs.AcsEnabled(f, Req | PciAcsFlags.EC));
    }

    // the description's own acs-quirks come first and always answer, as entries at the head of the table would
    [Fact]
    public void A_descriptions_own_entry_answers_before_the_built_in_table()
    {
        var yaml = Endpoints("8086:10c9").Replace("pci:\n", "pci:\n  acs-quirks:\n    - { id: \"8086:10c9\", provides: [] }\n");
        Assert.Equal(["00:01.0", "01:00.0 01:00.1"], Groups(Quirked(yaml)));
    }

    private static string RootPort(string id, string extra = "", string type = "root-port") => $$"""
        pci:
          devices:
            - slot: 1c.0
              id: "{{id}}"
              type: {{type}}
              {{extra}}
              below:
                - { slot: 00.0, id: "8086:10d3", class: 0x020000 }
        """;

    // quirks.c:5030 pci_quirk_intel_pch_acs; 8086:1c10 is a Cougar Point root port of pci_quirk_intel_pch_acs_ids[]
    // (quirks.c:4691); quirks.c:4734-4736: isolating once PCI_DEV_FLAGS_ACS_ENABLED_QUIRK is set
    [Fact]
    public void Intel_pch_root_port_with_the_workaround_enabled_gives_its_endpoint_its_own_group()
    {
        var yaml = RootPort("8086:1c10", "quirks: [acs-enabled-quirk]");
        Assert.Equal(["00:1c.0", "01:00.0"], Groups(Quirked(yaml)));
        Assert.Equal(["00:1c.0 01:00.0"], Groups(Quirked(yaml, Without("intel-pch-rp"))));
    }

    // quirks.c:4738: without the enable workaround (pci_request_acs came after the scan, as on DT) the quirk answers
    // that nothing is provided, whatever the port's ACS registers say
    [Fact]
    public void Intel_pch_root_port_without_the_workaround_is_not_isolated_even_with_acs_registers()
    {
        var yaml = RootPort("8086:1c10", "acs: [SV, RR, CR, UF]");
        Assert.Equal(["00:1c.0 01:00.0"], Groups(Quirked(yaml)));
        Assert.Equal(["00:1c.0", "01:00.0"], Groups(Quirked(yaml, Without("intel-pch-rp"))));
    }

    // quirks.c:4719-4720: root ports only; a listed ID of another type is left to pci_acs_enabled
    [Fact]
    public void Intel_pch_quirk_is_for_root_ports_only() =>
        Assert.Null(PciAcs.DevSpecificAcsEnabled(Get(Quirked(RootPort("8086:1c10", type: "downstream-port")), "00:1c.0"), Req));

    // quirks.c:5019-5028, 5041-5050, 5060-5071, 5080-5110: root ports that isolate without an ACS capability
    [Theory]
    [InlineData("17cb:0400", "qcom-qdf2xxx-rp")]
    [InlineData("17cb:0115", "qcom-sa8775p-rp")]
    [InlineData("17cb:0120", "qcom-hamoa-glymur-rp")]
    [InlineData("1dbf:0401", "hxt-sd4800-rp")]
    [InlineData("10e8:e004", "amcc-xgene-rp")]
    [InlineData("1def:e00c", "ampere-rp")]
    [InlineData("14e4:d714", "broadcom-paxb-rp")]
    [InlineData("0014:7a09", "loongson-rp")]
    [InlineData("1957:8d9b", "nxp-lx2-rp")]
    [InlineData("1c36:0031", "annapurna-rp")]
    [InlineData("177d:a100", "cavium-thunderx1-rp")]
    [InlineData("177d:af84", "cavium-thunderx2-3-rp")]
    [InlineData("1d17:0710", "zhaoxin-ports")]
    [InlineData("1d17:0740", "zhaoxin-ports-0733-0752")]
    public void Listed_root_port_gives_its_endpoint_its_own_group(string id, string group)
    {
        Assert.Equal(["00:1c.0", "01:00.0"], Groups(Quirked(RootPort(id))));
        Assert.Equal(["00:1c.0 01:00.0"], Groups(Quirked(RootPort(id), Without(group))));
    }

    // quirks.c:4769-4785 pci_quirk_al_acs, 4606-4623 pci_quirk_cavium_acs_match: root ports only
    [Theory]
    [InlineData("1c36:0031")]
    [InlineData("177d:a100")]
    public void Root_port_quirks_that_check_the_type_leave_other_ports_alone(string id) =>
        Assert.Null(PciAcs.DevSpecificAcsEnabled(Get(Quirked(RootPort(id, type: "downstream-port")), "00:1c.0"), Req));

    // quirks.c:4658-4678: a Zhaoxin root or downstream port outside the list is deemed not to isolate (the quirk
    // answers 0), even with enabled ACS registers
    [Fact]
    public void Unlisted_zhaoxin_port_is_not_isolated_whatever_its_registers()
    {
        var yaml = RootPort("1d17:0800", "acs: [SV, RR, CR, UF]");
        Assert.Equal(["00:1c.0 01:00.0"], Groups(Quirked(yaml)));
        Assert.Equal(["00:1c.0", "01:00.0"], Groups(Quirked(yaml, Without("zhaoxin-ports"))));
    }

    // quirks.c:5114 and 4933-4945 pci_quirk_wangxun_nic_acs: listed NICs isolate their functions, others do not
    [Fact]
    public void Wangxun_nic_functions_are_isolated_and_other_wangxun_devices_are_not()
    {
        Assert.Equal(["00:01.0", "01:00.0", "01:00.1"], Groups(Quirked(Endpoints("8088:1001"))));
        Assert.Equal(["00:01.0", "01:00.0 01:00.1"], Groups(Quirked(Endpoints("8088:1001"), Without("wangxun-nics"))));
        var other = Endpoints("8088:0200", ", acs: [SV, RR, CR, UF]");
        Assert.Equal(["00:01.0", "01:00.0 01:00.1"], Groups(Quirked(other)));
        Assert.Equal(["00:01.0", "01:00.0", "01:00.1"], Groups(Quirked(other, Without("wangxun-nics"))));
    }

    // quirks.c:5017 and 4886-4898 pci_quirk_rciep_acs: Intel RCiEPs isolate, other Intel functions are not its business
    [Fact]
    public void Intel_multifunction_rcieps_get_separate_groups()
    {
        const string yaml = """
            pci:
              devices:
                - { slot: 02.0, id: "8086:1234", type: rciep }
                - { slot: 02.1, id: "8086:1235", type: rciep }
            """;
        Assert.Equal(["00:02.0", "00:02.1"], Groups(Quirked(yaml)));
        Assert.Equal(["00:02.0 00:02.1"], Groups(Quirked(yaml, Without("intel-rciep"))));
        Assert.Equal(["00:02.0 00:02.1"], Groups(Quirked(yaml.Replace("8086:", "1af4:"))));
    }

    // quirks.c:4952-4959 and 4580-4604 pci_quirk_amd_sb_acs: multifunction southbridge functions on the root bus, only
    // with an ACPI IVRS table (an AMD IOMMU); a DT machine has none
    [Fact]
    public void Amd_southbridge_functions_are_isolated_only_with_an_ivrs_table()
    {
        const string yaml = """
            pci:
              devices:
                - { slot: 14.0, id: "1002:4385", type: pci }
                - { slot: 14.1, id: "1002:439c", type: pci }
            """;
        Assert.Equal(["00:14.0 00:14.1"], Groups(Quirked(yaml)));
        Assert.Equal(["00:14.0", "00:14.1"], Groups(Quirked(yaml, Quirks().WithAcpiIvrs(true))));
        Assert.Equal(["00:14.0 00:14.1"], Groups(Quirked(yaml, Without("amd-sb").WithAcpiIvrs(true))));
    }

    // quirks.c:5031 and 4849-4868 pci_quirk_intel_spt_pch_acs: a Sunrise Point root port (8086:a110, quirks.c:4838)
    // is judged by the control register at ACS+8; the one at +6 does not count
    [Fact]
    public void Intel_spt_root_port_is_judged_by_its_control_register_at_acs_plus_8()
    {
        var yaml = RootPort("8086:a110", "acs: [SV, RR, CR, UF]");
        // a description does not give the register at +8: it reads as nothing enabled
        Assert.Equal(["00:1c.0 01:00.0"], Groups(Quirked(yaml)));
        Assert.Equal(["00:1c.0", "01:00.0"], Groups(Quirked(yaml, Without("intel-spt-pch-rp"))));
        // quirks.c:5264-5292 pci_quirk_enable_intel_spt_pch_acs sets SV, RR, CR, UF at +8 (not at +6)
        var t = Quirked(RootPort("8086:a110", "acs-cap: [SV, RR, CR, UF]\n      acs-ctrl: []"));
        var rp = Get(t, "00:1c.0");
        Assert.True(PciAcs.EnableAcs(rp));
        Assert.Equal(PciAcsFlags.None, rp.Acs!.Value.Control);
        Assert.Equal(Req, rp.IntelSptAcsControl);
        Assert.Equal(["00:1c.0", "01:00.0"], Groups(t));
    }

    // quirks.c:5035 pci_quirk_cavium_acs changed: v4.11 every Cavium device (4.11.0 quirks.c:4088-4099), v4.12 devices
    // a000-a0ff (4.12.0 quirks.c:4107-4122), v4.14 root ports a000-a7ff, v5.4 also ThunderX2/3 (quirks.c:4616-4618)
    [Theory]
    [InlineData("v4.11", "endpoint", "177d:b000", true)]
    [InlineData("v4.12", "endpoint", "177d:a0ff", true)]
    [InlineData("v4.12", "endpoint", "177d:a100", null)]
    [InlineData("v4.14", "root-port", "177d:a7ff", true)]
    [InlineData("v4.14", "endpoint", "177d:a0ff", null)]
    [InlineData("v4.19", "root-port", "177d:af84", null)]
    [InlineData("v5.4", "root-port", "177d:af84", true)]
    [InlineData("v4.4", "root-port", "177d:a000", null)]
    public void Cavium_quirk_by_release(string profile, string type, string id, bool? expected)
    {
        var t = Quirked($"pci:\n  devices:\n    - {{ slot: 01.0, id: \"{id}\", type: {type} }}\n", profile);
        Assert.Equal(expected, PciAcs.DevSpecificAcsEnabled(t.RootBusFunctions[0], Req));
    }
}
