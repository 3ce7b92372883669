using ProbeSim.Kernel.Pci;
using static ProbeSim.Kernel.Tests.Pci.PciTestSupport;

namespace ProbeSim.Kernel.Tests.Pci;

/// <summary>pci_for_each_dma_alias (iommu-core R5.6).</summary>
public class PciDmaAliasTests
{
    private static ushort[] Rids(PciTopology t, string name) => Get(t, name).DmaAliases().Select(a => a.Rid).ToArray();

    private static string Bridged(string bridge) => $$"""
        pci:
          devices:
            - slot: 01.0
              type: root-port
              below:
                - { slot: 00.0, {{bridge}}, below: [{ slot: 03.0 }] }
        """;

    [Fact]
    public void PcieToPciBridge_AliasesAsSecondaryBusDevfnZero() =>
        Assert.Equal(new ushort[] { 0x0218, 0x0200 }, Rids(Yaml(Bridged("type: pcie-to-pci-bridge")), "02:03.0"));

    [Fact]
    public void ConventionalBridge_AliasesAsItself() =>
        Assert.Equal(new ushort[] { 0x0218, 0x0100 }, Rids(Yaml(Bridged("type: pci-bridge")), "02:03.0"));

    [Fact]
    public void ConventionalBridgeWithPcieBridgeAliasQuirk_AliasesAsSecondaryBus()
    {
        var t = Yaml(Bridged("type: pci-bridge, quirks: [pcie-bridge-alias]"));
        Assert.Equal(PciDevFlags.PcieBridgeAlias, Get(t, "01:00.0").Flags);
        Assert.Equal(new ushort[] { 0x0218, 0x0200 }, Rids(t, "02:03.0"));
    }

    [Fact]
    public void PciToPcieBridge_AliasesAsItself()
    {
        var t = Yaml("pci:\n  devices:\n    - { slot: 03.0, type: pci-to-pcie-bridge, below: [{ slot: 00.0 }] }\n");
        Assert.Equal(PciDeviceKind.Endpoint, Get(t, "01:00.0").Kind);
        Assert.Equal(new ushort[] { 0x0100, 0x0018 }, Rids(t, "01:00.0"));
    }

    [Fact]
    public void PortsAddNothing()
    {
        var t = Yaml("pci:\n  devices:\n    - { slot: 01.0, type: root-port, below: [{ slot: 00.0, type: upstream-port, below: [{ slot: 00.0, type: downstream-port, below: [{ slot: 00.0 }] }] }] }\n");
        Assert.Equal(new ushort[] { 0x0300 }, Rids(t, "03:00.0"));
    }

    [Fact]
    public void BridgeXlateRoot_StopsTheWalkWithoutVisitingTheBridge()
    {
        var t = Yaml(Bridged("type: pcie-to-pci-bridge, quirks: [bridge-xlate-root]"));
        Assert.Equal(new ushort[] { 0x0218 }, Rids(t, "02:03.0"));
        Assert.Equal(new ushort[] { 0x0100 }, Rids(t, "01:00.0"));
    }

    [Fact]
    public void QuirkAliases_FollowOwnRidInDevfnOrder()
    {
        var t = Yaml("pci:\n  devices:\n    - { slot: 02.0, alias-of: [10.0, 01.0, 12.3] }\n");
        Assert.Equal(new ushort[] { 0x0010, 0x0008, 0x0080, 0x0093 }, Rids(t, "00:02.0"));
    }

    [Fact]
    public void NonzeroCallbackResult_StopsAndIsReturned()
    {
        var t = Yaml(Bridged("type: pcie-to-pci-bridge"));
        var seen = new List<ushort>();
        var ret = PciSearch.ForEachDmaAlias(Get(t, "02:03.0"), (_, rid) =>
        {
            seen.Add(rid);
            return 7;
        });
        Assert.Equal(7, ret);
        Assert.Equal(new ushort[] { 0x0218 }, seen);
    }

    [Fact]
    public void DevsAreDmaAliases_EitherDirection()
    {
        var t = Yaml("pci:\n  devices:\n    - { slot: 05.0, alias-of: [05.1] }\n    - { slot: 05.1 }\n    - { slot: 06.0 }\n");
        Assert.True(PciSearch.DevsAreDmaAliases(Get(t, "00:05.0"), Get(t, "00:05.1")));
        Assert.True(PciSearch.DevsAreDmaAliases(Get(t, "00:05.1"), Get(t, "00:05.0")));
        Assert.False(PciSearch.DevsAreDmaAliases(Get(t, "00:05.0"), Get(t, "00:06.0")));
    }
}
