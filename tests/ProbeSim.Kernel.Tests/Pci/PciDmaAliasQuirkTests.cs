using ProbeSim.Kernel.Pci;
using static ProbeSim.Kernel.Tests.Pci.PciQuirkSupport;
using static ProbeSim.Kernel.Tests.Pci.PciTestSupport;

namespace ProbeSim.Kernel.Tests.Pci;

/// <summary>
/// The DMA alias header fixups of Linux 6.1.192 drivers/pci/quirks.c:4164-4367 and 5947-5954, applied when a
/// topology is seen with a kernel's quirks: each family once with the fixup and once without it.
/// </summary>
public class PciDmaAliasQuirkTests
{
    private static ushort[] Rids(PciTopology t, string name) => Get(t, name).DmaAliases().Select(a => a.Rid).ToArray();

    private static string Slot(string functions) => $$"""
        pci:
          devices:
            - slot: 01.0
              type: root-port
              acs: [SV, RR, CR, UF]
              below:
        {{functions}}
        """;

    // quirks.c:4196-4197: the Marvell 88SE9123 DMAs with function 1's requester ID (quirk_dma_func1_alias, 4182-4186);
    // its functions have ACS, so only the alias puts them together
    private static readonly string Marvell = Slot("""
                - { slot: 00.0, id: "1b4b:9123", class: 0x010601, acs: [SV, RR, CR, UF] }
                - { slot: 00.1, id: "1b4b:91a4", class: 0x01018f, acs: [SV, RR, CR, UF] }
        """);

    [Fact]
    public void Marvell_88se9123_aliased_to_function_1_joins_function_1s_group()
    {
        var t = Quirked(Marvell);
        Assert.Equal(new[] { PciDevfn.Make(0, 1) }, Get(t, "01:00.0").DmaAliasDevfns);
        Assert.Equal(new ushort[] { 0x0100, 0x0101 }, Rids(t, "01:00.0"));
        Assert.Equal(["00:01.0", "01:00.0 01:00.1"], Groups(t));
        Assert.Equal(["00:01.0", "01:00.0", "01:00.1"], Groups(Quirked(Marvell, Without("sata-func1"))));
    }

    // quirk_dma_func1_alias: function 1 itself gets no alias; a missing function 1 is a ghost requester ID
    [Fact]
    public void Function_1_alias_needs_no_function_1()
    {
        var t = Quirked(Slot("""            - { slot: 00.0, id: "1b4b:9123", class: 0x010601 }"""));
        Assert.Equal(new ushort[] { 0x0100, 0x0101 }, Rids(t, "01:00.0"));
    }

    // quirks.c:4175 (Ricoh e832) with quirk_dma_func0_alias (4164-4168): functions other than 0 DMA as function 0
    [Fact]
    public void Ricoh_function_aliases_function_0()
    {
        var yaml = Slot("""
                    - { slot: 00.0, id: "1180:e822", class: 0x080500, acs: [SV, RR, CR, UF] }
                    - { slot: 00.2, id: "1180:e832", class: 0x0c0010, acs: [SV, RR, CR, UF] }
            """);
        Assert.Equal(["00:01.0", "01:00.0 01:00.2"], Groups(Quirked(yaml)));
        Assert.Equal(["00:01.0", "01:00.0", "01:00.2"], Groups(Quirked(yaml, Without("ricoh-func0"))));
    }

    // quirks.c:4262-4280: an Adaptec 3405 (9005:0285, subsystem 9005:02bb; the ATU at 0e.0 behind the card's
    // PCIe-to-PCI-X bridge) also DMAs as 01.0 of its bus
    [Fact]
    public void Adaptec_3405_has_the_fixed_alias_01_0_only_with_its_subsystem()
    {
        var yaml = Slot("""
                    - slot: 00.0
                      type: pcie-to-pci-bridge
                      below: [{ slot: 0e.0, id: "9005:0285", subsystem: "9005:02bb", class: 0x010400 }]
            """);
        Assert.Equal(new ushort[] { 0x0270, 0x0208, 0x0200 }, Rids(Quirked(yaml), "02:0e.0"));
        Assert.Equal(new ushort[] { 0x0270, 0x0200 }, Rids(Quirked(yaml, Without("adaptec-3405-fixed")), "02:0e.0"));
        Assert.Equal(new ushort[] { 0x0270, 0x0200 }, Rids(Quirked(yaml.Replace("02bb", "02ff")), "02:0e.0"));
    }

    // quirks.c:4300-4301 (ASMedia 1080) with quirk_use_pcie_bridge_dma_alias (4291-4298): the conventional-looking
    // bridge below a PCIe port aliases its secondary bus like a PCIe-to-PCI bridge
    private static string Asmedia(string parentType) => $$"""
        pci:
          devices:
            - slot: 01.0
              type: {{parentType}}
              below:
                - { slot: 00.0, id: "1b21:1080", type: pci-bridge, below: [{ slot: 03.0 }] }
        """;

    [Fact]
    public void Asmedia_bridge_aliases_its_secondary_bus()
    {
        var t = Quirked(Asmedia("root-port"));
        Assert.Equal(PciDevFlags.PcieBridgeAlias, Get(t, "01:00.0").Flags);
        Assert.Equal(new ushort[] { 0x0218, 0x0200 }, Rids(t, "02:03.0"));
        Assert.Equal(new ushort[] { 0x0218, 0x0100 }, Rids(Quirked(Asmedia("root-port"), Without("pcie-bridge-alias")), "02:03.0"));
    }

    // quirk_use_pcie_bridge_dma_alias: not on the root bus, and not below a PCIe-to-PCI bridge
    [Fact]
    public void Pcie_bridge_alias_only_below_a_pcie_port_that_is_no_pcie_to_pci_bridge()
    {
        Assert.Equal(PciDevFlags.None, Get(Quirked(Asmedia("pcie-to-pci-bridge")), "01:00.0").Flags);
        var onRoot = Quirked("pci:\n  devices:\n    - { slot: 02.0, id: \"1b21:1080\", type: pci-bridge }\n");
        Assert.Equal(PciDevFlags.None, Get(onRoot, "00:02.0").Flags);
    }

    // quirks.c:4317-4324 quirk_mic_x200_dma_alias: the NTB's requester IDs 10.0, 11.0 and 12.3
    [Fact]
    public void Mic_x200_aliases_its_lookup_table_devfns()
    {
        var yaml = Slot("""            - { slot: 00.0, id: "8086:2260", class: 0x068000 }""");
        Assert.Equal(new ushort[] { 0x0100, 0x0180, 0x0188, 0x0193 }, Rids(Quirked(yaml), "01:00.0"));
        Assert.Equal(new ushort[] { 0x0100 }, Rids(Quirked(yaml, Without("mic-x200")), "01:00.0"));
    }

    // quirks.c:4340-4353 quirk_pex_vca_alias: functions 0-4 of every slot, so the whole bus is one group
    [Fact]
    public void Vca_pex_aliases_functions_0_to_4_of_every_slot()
    {
        var yaml = $$"""
            pci:
              devices:
                - slot: 01.0
                  type: root-port
                  acs: [SV, RR, CR, UF]
                  below:
                    - slot: 00.0
                      type: upstream-port
                      below:
                        - { slot: 00.0, type: downstream-port, acs: [SV, RR, CR, UF], below: [{ slot: 00.0, id: "8086:2954", class: 0x068000 }] }
                        - { slot: 01.0, type: downstream-port, acs: [SV, RR, CR, UF], below: [{ slot: 00.0 }] }
            """;
        var t = Quirked(yaml);
        Assert.Equal(32 * 5, Get(t, "03:00.0").DmaAliasDevfns.Count);
        Assert.Empty(Get(Quirked(yaml, Without("vca-pex")), "03:00.0").DmaAliasDevfns);
    }

    // quirks.c:5947-5954 quirk_plx_ntb_dma_alias: every devfn of the bus, so the NTB's bus is one group
    [Fact]
    public void Plx_ntb_pulls_its_whole_bus_into_its_group()
    {
        const string yaml = """
            pci:
              devices:
                - { slot: 02.0, id: "10b5:87b0", type: rciep }
                - { slot: 03.0, id: "1af4:1041", type: rciep }
            """;
        Assert.Equal(256, Get(Quirked(yaml), "00:02.0").DmaAliasDevfns.Count);
        Assert.Equal(["00:02.0 00:03.0"], Groups(Quirked(yaml)));
        Assert.Equal(["00:02.0", "00:03.0"], Groups(Quirked(yaml, Without("plx-ntb"))));
    }

    // quirks.c:4360-4367 quirk_bridge_cavm_thrx2_pcie_root: the alias walk stops below the ThunderX2 root bridge
    [Fact]
    public void Thunderx2_root_bridge_ends_the_alias_walk()
    {
        const string yaml = """
            pci:
              devices:
                - { slot: 00.0, id: "14e4:9000", type: pcie-to-pci-bridge, below: [{ slot: 03.0 }] }
            """;
        Assert.Equal(new ushort[] { 0x0118 }, Rids(Quirked(yaml), "01:03.0"));
        Assert.Equal(new ushort[] { 0x0118, 0x0100 }, Rids(Quirked(yaml, Without("thunderx2-xlate-root")), "01:03.0"));
    }

    // a description's own alias-of and quirks stay, and the kernel's fixups add to them
    [Fact]
    public void Fixups_add_to_what_the_description_says()
    {
        var t = Quirked(Slot("""            - { slot: 00.0, id: "1b4b:9123", class: 0x010601, alias-of: [02.0] }"""));
        Assert.Equal(new[] { PciDevfn.Make(0, 1), PciDevfn.Make(2, 0) }, Get(t, "01:00.0").DmaAliasDevfns);
    }

    // quirks.c:4179-4180 (Glenfly) first read in 6.12.0 and quirks.c:4232 (Marvell 9235) in 6.6.0; neither in 6.1.0-rc7
    [Theory]
    [InlineData("6766:3d41", "v6.1", false)]
    [InlineData("6766:3d41", "v6.12", true)]
    [InlineData("1b4b:9235", "v6.1", false)]
    [InlineData("1b4b:9235", "v6.6", true)]
    [InlineData("1b4b:9235", "debian-6.1", true)]
    public void Fixups_by_release(string id, string profile, bool aliased)
    {
        var t = Quirked(Slot($"            - {{ slot: 00.0, id: \"{id}\", class: 0x010601 }}\n            - {{ slot: 00.2, id: \"{id}\", class: 0x010601 }}"), profile);
        Assert.Equal(aliased, Get(t, "01:00.2").DmaAliasDevfns.Count > 0);
    }
}
