using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Pci;

namespace ProbeSim.Kernel.Tests.Drivers;

/// <summary>
/// A scenario's actions are checked against the board when the scenario is applied: an action on a device the board
/// cannot have, or with a driver or module the driver set lacks, is an error at the action's entry (it used to run
/// and return -ENODEV, which only the JSON showed).
/// </summary>
public class ScenarioActionCheckTests
{
    private const string Board = """
        / {
            #address-cells = <1>;
            #size-cells = <1>;
            compatible = "acme,board";
            soc {
                compatible = "simple-bus";
                #address-cells = <1>; #size-cells = <1>; ranges;
                dmac: dma@2000000 { compatible = "acme,dmac"; reg = <0x2000000 0x1000>; };
                i2c@3000 { compatible = "acme,i2c"; reg = <0x3000 0x100>; #address-cells = <1>; #size-cells = <0>;
                    pmic@4c { compatible = "acme,pmic"; reg = <0x4c>; };
                };
                spi@5000 { compatible = "acme,spi"; reg = <0x5000 0x100>; #address-cells = <1>; #size-cells = <0>;
                    flash@1 { compatible = "jedec,spi-nor"; reg = <1>; };
                };
                pcie@40000000 { compatible = "pci-host-ecam-generic"; device_type = "pci"; reg = <0x40000000 0x1000000>; };
            };
        };
        """;

    private static readonly Lazy<DtTree> Tree = new(() => TestDts.Compile(Board));

    private static readonly PciTopology Pci = PciTopologyFile.Parse("""
        pci:
          devices:
            - { slot: 00.0, id: "1b36:0008", class: 0x060000 }
            - { slot: 01.0, id: "8086:10d3", class: 0x020000 }
        """, "pci.yaml");

    private static BootResult Boot(string actions, PciTopology? pci = null)
    {
        var scenario = ScenarioFile.Parse("drivers:\n  - { compatible: acme,nic, name: e1000e, bus: pci, pci-ids: [\"8086:10d3\"], as: module, module: acme_nic, load-at: never }\n" + actions, "s.yaml");
        return new BootOptions { Pci = pci }.WithScenario(scenario, profileGiven: false).Boot(Tree.Value, "board.dts");
    }

    private static ScenarioException Fails(string actions, PciTopology? pci = null) => Assert.Throws<ScenarioException>(() => Boot(actions, pci));

    [Theory]
    [InlineData("actions:\n  - { at: 1, unbind: 2000000.dmx }\n", "no device '2000000.dmx' on board board.dts (name a device such as 2000000.dma, a DT path or a label)")]
    [InlineData("actions:\n  - { at: 1, unbind: /soc/dma@2000001 }\n", "no device '/soc/dma@2000001' on board board.dts")]
    [InlineData("actions:\n  - { at: 1, vfio-set-container: nolabel }\n", "no device 'nolabel' on board board.dts")]
    [InlineData("actions:\n  - { at: 1, unbind: 0-004d }\n", "no device '0-004d' on board board.dts")]
    [InlineData("actions:\n  - { at: 1, unbind: spi0.2 }\n", "no device 'spi0.2' on board board.dts")]
    [InlineData("actions:\n  - { at: 1, unbind: 0000:00:02.0 }\n", "no device '0000:00:02.0' on board board.dts")]
    [InlineData("actions:\n  - { at: 1, bind: 2000000.dma, driver: acme-dmx }\n", "no driver 'acme-dmx' in driver set default+s.yaml")]
    [InlineData("actions:\n  - { at: 1, driver-override: 2000000.dma, driver: vfio-platfrom }\n", "no driver 'vfio-platfrom' in driver set default+s.yaml")]
    [InlineData("actions:\n  - { at: 1, load-module: e1000 }\n", "load-module: no module 'e1000' in driver set default+s.yaml")]
    public void An_action_naming_nothing_on_the_board_is_an_error_at_its_entry(string actions, string reason)
    {
        var e = Fails(actions, Pci);
        Assert.Equal(new SourceLocation("s.yaml", 4, 5), e.Location);
        Assert.StartsWith($"s.yaml:4:5: error: {reason}", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("2000000.dma")]            // the device name
    [InlineData("/soc/dma@2000000")]       // a DT path
    [InlineData("dmac")]                   // a label
    [InlineData("0-004c")]                 // an I2C child (any bus number)
    [InlineData("7-004c")]
    [InlineData("spi3.1")]                 // an SPI child
    [InlineData("0000:00:01.0")]           // a PCI function
    [InlineData("40000000.pcie")]
    public void Devices_the_board_can_have_are_accepted(string device)
    {
        var r = Boot($"actions:\n  - {{ at: 1, unbind: \"{device}\" }}\n", Pci);
        Assert.Equal("s.yaml:4:5", Assert.Single(r.Actions).Origin);
    }

    [Theory]
    [InlineData("bind: 2000000.dma, driver: acme-dmac")]
    [InlineData("driver-override: 2000000.dma, driver: vfio-platform")] // an implicit driver
    [InlineData("driver-override: 2000000.dma, driver: \"\"")]          // clears the override
    [InlineData("load-module: acme_nic")]
    [InlineData("load-module: acme-nic")]                              // modprobe takes '-' for '_'
    public void Drivers_and_modules_of_the_set_are_accepted(string action)
    {
        var r = Boot($"actions:\n  - {{ at: 1, {action} }}\n", Pci);
        Assert.Single(r.Actions);
    }

    [Fact]
    public void A_pci_function_is_a_device_only_with_the_hierarchy()
    {
        var e = Fails("actions:\n  - { at: 1, unbind: 0000:00:01.0 }\n");
        Assert.Contains("no device '0000:00:01.0'", e.Reason);
    }
}
