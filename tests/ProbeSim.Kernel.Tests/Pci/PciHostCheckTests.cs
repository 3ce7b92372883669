using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Pci;
using static ProbeSim.Kernel.Tests.Pci.PciTestSupport;

namespace ProbeSim.Kernel.Tests.Pci;

/// <summary>
/// A PCI hierarchy is enumerated from the probe of its host bridge node: one whose <c>host:</c> names no node of the
/// board, or a board without any host bridge, used to drop the hierarchy without a word. Both are errors now.
/// </summary>
public class PciHostCheckTests
{
    private const string WithHost = """
        / {
            #address-cells = <1>; #size-cells = <1>;
            soc { compatible = "simple-bus"; #address-cells = <1>; #size-cells = <1>; ranges;
                pcie@40000000 { compatible = "pci-host-ecam-generic"; device_type = "pci"; reg = <0x40000000 0x1000000>; };
            };
        };
        """;

    private const string WithoutHost = """
        / {
            #address-cells = <1>; #size-cells = <1>;
            soc { compatible = "simple-bus"; #address-cells = <1>; #size-cells = <1>; ranges;
                serial@1000 { compatible = "acme,uart"; reg = <0x1000 0x100>; };
            };
        };
        """;

    private const string Endpoint = "    - { slot: 00.0, id: \"8086:10d3\", class: 0x020000 }\n";

    private static BootResult Boot(string dts, PciTopology pci, string? givenBy = null) =>
        new BootOptions { Pci = pci, PciGivenBy = givenBy }.Boot(TestDts.Compile(dts), "board.dts");

    [Fact]
    public void A_host_path_the_board_lacks_is_an_error_at_host()
    {
        var pci = Yaml("pci:\n  host: /soc/pcie@50000000\n  devices:\n" + Endpoint);
        var e = Assert.Throws<PciTopologyException>(() => Boot(WithHost, pci));
        Assert.Equal("test.yaml:2:3: error: host: board board.dts has no node /soc/pcie@50000000 (its PCI host bridges: /soc/pcie@40000000)", e.Message);
    }

    [Fact]
    public void A_host_path_written_otherwise_names_the_node()
    {
        var pci = Yaml("pci:\n  host: /soc//pcie@40000000/\n  devices:\n" + Endpoint);
        var e = Assert.Throws<PciTopologyException>(() => Boot(WithHost, pci));
        Assert.Contains("(did you mean /soc/pcie@40000000?)", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_board_without_a_host_bridge_is_an_error_naming_the_board_and_the_option()
    {
        var pci = Yaml("pci:\n  devices:\n" + Endpoint);
        var e = Assert.Throws<PciTopologyException>(() => Boot(WithoutHost, pci, "--pci"));
        Assert.Equal("test.yaml:2:3: error: --pci: board board.dts has no PCI host bridge (no node with device_type = \"pci\"): the PCI hierarchy would be dropped", e.Message);
    }

    [Fact]
    public void A_scenario_pci_key_is_checked_at_its_place()
    {
        var scenario = ScenarioFile.Parse("profile: v6.6\npci:\n  host: /pcie\n  devices:\n" + Endpoint, "s.yaml");
        var e = Assert.Throws<PciTopologyException>(() =>
            new BootOptions().WithScenario(scenario, profileGiven: false).Boot(TestDts.Compile(WithHost), "board.dts"));
        Assert.StartsWith("s.yaml:3:3: error: host: board board.dts has no node /pcie", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hierarchy_below_an_existing_host_is_enumerated()
    {
        var r = Boot(WithHost, Yaml("pci:\n  host: /soc/pcie@40000000\n  devices:\n" + Endpoint));
        Assert.Contains(r.Devices, d => d.Name == "0000:00:00.0");
        r = Boot(WithHost, Yaml("pci:\n  devices:\n" + Endpoint), "--pci");
        Assert.Contains(r.Devices, d => d.Name == "0000:00:00.0");
    }
}
