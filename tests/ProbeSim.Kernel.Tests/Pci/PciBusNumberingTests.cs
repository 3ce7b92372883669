using ProbeSim.Kernel.Pci;
using static ProbeSim.Kernel.Tests.Pci.PciTestSupport;

namespace ProbeSim.Kernel.Tests.Pci;

/// <summary>pci_scan_child_bus_extend / pci_scan_bridge_extend numbering and the two device orders.</summary>
public class PciBusNumberingTests
{
    private const string NestedSwitches = """
        pci:
          devices:
            - { slot: 00.0, class: 0x060000 }
            - slot: 01.0
              type: root-port
              below:
                - slot: 00.0
                  type: upstream-port
                  below:
                    - { slot: 00.0, type: downstream-port, below: [{ slot: 00.0, class: 0x010802 }] }
                    - slot: 01.0
                      type: downstream-port
                      below:
                        - slot: 00.0
                          type: upstream-port
                          below:
                            - { slot: 00.0, type: downstream-port, below: [{ slot: 00.0 }] }
                    - { slot: 02.0, type: downstream-port }
            - { slot: 02.0, type: root-port, below: [{ slot: 00.0, class: 0x020000 }] }
        """;

    [Fact]
    public void SwitchTopology_DepthFirstNumbering()
    {
        var t = Yaml(NestedSwitches);
        Assert.True(t.ReassignedAllBuses);
        (string Name, int Sec, int Sub)[] expected =
        [
            ("00:01.0", 1, 7), ("01:00.0", 2, 7), ("02:00.0", 3, 3), ("02:01.0", 4, 6),
            ("04:00.0", 5, 6), ("05:00.0", 6, 6), ("02:02.0", 7, 7), ("00:02.0", 8, 8),
        ];
        foreach (var (name, sec, sub) in expected)
        {
            var f = Get(t, name);
            Assert.Equal((sec, sub), ((int)f.SecondaryBus!, (int)f.SubordinateBus!));
        }
        Assert.Equal(8, t.LastBusNumber);
        Assert.Null(Get(t, "03:00.0").SecondaryBus);
    }

    [Fact]
    public void AddOrder_BusDevicesThenEachBridgeSubtree()
    {
        var t = Yaml(NestedSwitches);
        string[] order = ["00:00.0", "00:01.0", "00:02.0", "01:00.0", "02:00.0", "02:01.0", "02:02.0", "03:00.0", "04:00.0", "05:00.0", "06:00.0", "08:00.0"];
        Assert.Equal(order, Names(t.AddOrder()));
        Assert.Equal(order, Names(t.ScanOrder()));
        Assert.Equal(order, Names(t.Functions));
    }

    [Fact]
    public void DevicesOnABusAreInDevfnOrder()
    {
        var t = Yaml("""
            pci:
              devices:
                - { slot: 03.0 }
                - { slot: 00.1 }
                - { slot: 1f.7 }
                - { slot: 00.0 }
                - { slot: 1f.0 }
            """);
        Assert.Equal(["00:00.0", "00:00.1", "00:03.0", "00:1f.0", "00:1f.7"], Names(t.AddOrder()));
        Assert.Equal(0xff, Get(t, "00:1f.7").Devfn);
    }

    private const string Mixed = """
        pci:
          devices:
            - { slot: 01.0, type: root-port, below: [{ slot: 00.0 }] }
            - { slot: 02.0, type: root-port, secondary: 5, subordinate: 5, below: [{ slot: 00.0 }] }
        """;

    [Fact]
    public void FirmwareNumbers_KeptAndOthersNumberedAfterThem()
    {
        var t = Yaml(Mixed);
        Assert.False(t.ReassignedAllBuses);
        Assert.Equal((byte?)6, Get(t, "00:01.0").SecondaryBus);
        Assert.Equal((byte?)5, Get(t, "00:02.0").SecondaryBus);
        // pass 0 (configured bridges) registers 05:00.0 before pass 1 numbers the other port
        Assert.Equal(["00:01.0", "00:02.0", "05:00.0", "06:00.0"], Names(t.ScanOrder()));
        Assert.Equal(["00:01.0", "00:02.0", "06:00.0", "05:00.0"], Names(t.AddOrder()));
    }

    [Fact]
    public void ReassignBuses_IgnoresGivenNumbers()
    {
        var t = Yaml(Mixed.Replace("pci:\n", "pci:\n  reassign-buses: true\n"));
        Assert.True(t.ReassignedAllBuses);
        Assert.Equal((byte?)1, Get(t, "00:01.0").SecondaryBus);
        Assert.Equal((byte?)2, Get(t, "00:02.0").SecondaryBus);
    }

    [Fact]
    public void BrokenFirmwareNumbers_AreRenumbered()
    {
        var t = Yaml("""
            pci:
              devices:
                - slot: 01.0
                  type: root-port
                  secondary: 2
                  subordinate: 4
                  below:
                    - { slot: 00.0, type: upstream-port, secondary: 1, subordinate: 1, below: [{ slot: 00.0, type: downstream-port }] }
            """);
        var usp = Get(t, "02:00.0");
        Assert.Equal((3, 4), ((int)usp.SecondaryBus!, (int)usp.SubordinateBus!));
        Assert.Contains(t.Warnings, w => w.Contains("bridge configuration invalid", StringComparison.Ordinal));
    }

    [Fact]
    public void CardBusBridge_ReservesBusNumbers()
    {
        var t = Yaml("""
            pci:
              devices:
                - { slot: 03.0, type: cardbus-bridge }
                - { slot: 04.0, type: root-port, below: [{ slot: 00.0 }] }
            """);
        var cb = Get(t, "00:03.0");
        Assert.Equal(PciHeaderType.CardBus, cb.HeaderType);
        Assert.Equal((1, 4), ((int)cb.SecondaryBus!, (int)cb.SubordinateBus!));
        Assert.Equal((byte?)5, Get(t, "00:04.0").SecondaryBus);
        Assert.NotNull(t.Find("05:00.0"));
    }

    [Fact]
    public void RootBusNumberAndDomain_StartTheNumbering()
    {
        var t = Yaml("""
            pci:
              domain: 2
              root-bus: 0x10
              devices:
                - { slot: 01.0, type: root-port, below: [{ slot: 00.0 }] }
            """);
        Assert.Equal("pci0002:10", t.HostName);
        Assert.Equal("0002:11:00.0", t.AddOrder()[1].Name);
        Assert.Equal((byte?)0x11, t.AddOrder()[0].SecondaryBus);
    }
}
