using ProbeSim.Kernel.Tests.Boot;

namespace ProbeSim.Kernel.Tests.Iommu;

/// <summary>A boot sees its PCI hierarchy with its profile's built-in quirks (switches pci_acs_quirks, pci_dma_alias_quirks).</summary>
public class PciQuirkBootTests
{
    // an Intel 82576 (quirks.c:4992 of 6.1.192, pci_quirk_mf_endpoint_acs) and a Marvell 88SE9123 (quirks.c:4196,
    // quirk_dma_func1_alias) below root ports with ACS
    const string Scenario = """
        drivers:
          - { compatible: pci8086,10c9, name: igb, bus: pci, pci-ids: ["8086:10c9"] }
          - { compatible: pci1b4b,9123, name: ahci, bus: pci, pci-ids: ["1b4b:9123"] }
        pci:
          host: /pcie@10000000
          devices:
            - slot: 01.0
              type: root-port
              acs: [SV, RR, CR, UF]
              below:
                - { slot: 00.0, id: "8086:10c9", class: 0x020000 }
                - { slot: 00.1, id: "8086:10c9", class: 0x020000 }
            - slot: 02.0
              type: root-port
              acs: [SV, RR, CR, UF]
              below:
                - { slot: 00.0, id: "1b4b:9123", class: 0x010601 }
        """;

    [Fact]
    public void The_profiles_quirks_give_the_82576_functions_their_own_groups()
    {
        var r = Sim.Boot(PciIommuTests.Board, Scenario, profile: "v6.1");
        Assert.NotNull(r.Dev("0000:01:00.0").IommuGroup);
        Assert.NotEqual(r.Dev("0000:01:00.0").IommuGroup, r.Dev("0000:01:00.1").IommuGroup);
        var without = Sim.Boot(PciIommuTests.Board, Scenario, profile: "v6.1", set: "pci_acs_quirks=-intel-nic-mf");
        Assert.Equal(without.Dev("0000:01:00.0").IommuGroup, without.Dev("0000:01:00.1").IommuGroup);
    }

    // of_iommu_configure maps every DMA alias through iommu-map: the quirk's function-1 alias gives a second StreamID
    [Fact]
    public void The_function_1_alias_is_mapped_through_iommu_map()
    {
        var kernel = Kernel("v6.1");
        Assert.Equal(new uint[] { 0x0200, 0x0201 }, kernel.FindDevice("0000:02:00.0")!.Iommu.Fwspec!.Ids);
        Assert.Equal(new uint[] { 0x0200 }, Kernel("v6.1", "-sata-func1").FindDevice("0000:02:00.0")!.Iommu.Fwspec!.Ids);
    }

    static ProbeSim.Kernel.Boot.Kernel Kernel(string profile, string? aliasEdit = null)
    {
        var tree = ProbeSim.DeviceTree.Source.DtsCompiler.Compile(PciIommuTests.Board, "board.dts", new ProbeSim.DeviceTree.Source.DtsCompileOptions()).Tree;
        var scenario = ProbeSim.Kernel.Drivers.ScenarioFile.Parse(Scenario, "s.yaml");
        var p = ProbeSim.Kernel.Profiles.ProfileLibrary.Default.Get(profile);
        if (aliasEdit is not null) p = p.With([KeyValuePair.Create("pci_dma_alias_quirks", aliasEdit)]);
        var kernel = new ProbeSim.Kernel.Boot.Kernel(tree, p, scenario.Over(new ProbeSim.Kernel.Drivers.DefaultDriverSet()).Resolve(tree)) { PciTopology = scenario.Pci };
        kernel.Boot();
        return kernel;
    }
}
