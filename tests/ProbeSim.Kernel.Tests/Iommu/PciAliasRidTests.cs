using ProbeSim.DeviceTree.Source;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Tests.Iommu;

/// <summary>
/// iommu-core R3.4 and S5: which requester IDs of_iommu_configure translates through iommu-map for a device behind a
/// PCIe-to-PCI bridge: every DMA alias from v4.17/v4.19 (own RID, the PCI bridge, the bridge's secondary bus), only the
/// last one before (v4.12-v4.14).
/// </summary>
public class PciAliasRidTests
{
    const string Scenario = """
        drivers:
          - { compatible: pci8086,1229, name: e100, bus: pci, pci-ids: ["8086:1229"] }
        pci:
          host: /pcie@10000000
          devices:
            - slot: 02.0
              type: root-port
              acs: [SV, RR, CR, UF]
              below:
                - slot: 00.0
                  type: pcie-to-pci-bridge
                  below:
                    - { slot: 00.0, id: "8086:100e", class: 0x020000 }
                    - { slot: 01.0, id: "8086:100e", class: 0x020000 }
                    - slot: 02.0
                      type: pci-bridge
                      below:
                        - { slot: 00.0, id: "8086:1229", class: 0x020000 }
        """;

    static IReadOnlyList<uint> Ids(string profile)
    {
        var tree = DtsCompiler.Compile(PciIommuTests.Board, "board.dts", new DtsCompileOptions()).Tree;
        var scenario = ScenarioFile.Parse(Scenario, "s.yaml");
        var kernel = new ProbeSim.Kernel.Boot.Kernel(tree, ProfileLibrary.Default.Get(profile), scenario.Over(new DefaultDriverSet()).Resolve(tree)) { PciTopology = scenario.Pci };
        kernel.Boot();
        return kernel.FindDevice("0000:03:00.0")!.Iommu.Fwspec!.Ids;
    }

    [Fact]
    public void V5_10_translates_every_alias() => Assert.Equal(new uint[] { 0x0300, 0x0210, 0x0200 }, Ids("v5.10"));

    [Fact]
    public void V4_14_translates_only_the_last_alias() => Assert.Equal(new uint[] { 0x0200 }, Ids("v4.14"));
}
