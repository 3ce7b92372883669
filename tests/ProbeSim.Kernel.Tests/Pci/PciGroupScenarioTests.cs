using ProbeSim.Kernel.Pci;
using static ProbeSim.Kernel.Tests.Pci.PciTestSupport;

namespace ProbeSim.Kernel.Tests.Pci;

/// <summary>Scenarios S1-S7 of iommu-core.md section 12 (pci_device_group driven in pci_bus_add_devices order).</summary>
public class PciGroupScenarioTests
{
    private const string Host = "    - { slot: 00.0, id: \"1b36:0008\", class: 0x060000 }\n";

    [Fact]
    public void S1_RootPortWithAcs_EveryDeviceAlone()
    {
        var t = Yaml("pci:\n  devices:\n" + Host + """
                - slot: 01.0
                  type: root-port
                  acs: [SV, RR, CR, UF]
                  below:
                    - { slot: 00.0, id: "8086:10d3", class: 0x020000 }
            """);
        Assert.Equal(["00:00.0", "00:01.0", "01:00.0"], Groups(t));
    }

    [Fact]
    public void S2_RootPortWithoutAcs_JoinsPortGroup()
    {
        var t = Yaml("pci:\n  devices:\n" + Host + """
                - slot: 01.0
                  type: root-port
                  below:
                    - { slot: 00.0, id: "8086:10d3", class: 0x020000 }
            """);
        Assert.Equal(["00:00.0", "00:01.0 01:00.0"], Groups(t));
    }

    [Fact]
    public void S2_MultifunctionRootPortWithoutAcs_AllInGroupOne()
    {
        var t = Yaml("pci:\n  devices:\n" + Host + """
                - slot: 01.0
                  type: root-port
                  below: [{ slot: 00.0, class: 0x020000 }]
                - slot: 01.1
                  type: root-port
                  below: [{ slot: 00.0, class: 0x020000 }]
            """);
        Assert.True(Get(t, "00:01.0").Multifunction);
        Assert.Equal(["00:00.0", "00:01.0 00:01.1 01:00.0 02:00.0"], Groups(t));
    }

    private static string Switch(string rpAcs, string dspAcs) => "pci:\n  devices:\n" + Host + $$"""
            - slot: 01.0
              type: root-port
              acs: {{rpAcs}}
              below:
                - slot: 00.0
                  type: upstream-port
                  below:
                    - { slot: 00.0, type: downstream-port, acs: {{dspAcs}}, below: [{ slot: 00.0, class: 0x010802 }] }
                    - { slot: 01.0, type: downstream-port, acs: {{dspAcs}}, below: [{ slot: 00.0, class: 0x020000 }] }
        """;

    [Fact]
    public void S3_SwitchWithAcs_EveryDeviceAlone()
    {
        var t = Yaml(Switch("[SV, RR, CR, UF]", "[SV, RR, CR, UF]"));
        Assert.Equal(["00:00.0", "00:01.0", "01:00.0", "02:00.0", "02:01.0", "03:00.0", "04:00.0"], Groups(t));
    }

    [Fact]
    public void S4_DownstreamPortsWithoutAcs_EndpointJoinsItsPort()
    {
        var t = Yaml(Switch("[SV, RR, CR, UF]", "none"));
        Assert.Equal(["00:00.0", "00:01.0", "01:00.0", "02:00.0 03:00.0", "02:01.0 04:00.0"], Groups(t));
    }

    [Fact]
    public void S4_RootPortWithoutAcsToo_EverythingBelowOneGroup()
    {
        var t = Yaml(Switch("none", "none"));
        Assert.Equal(["00:00.0", "00:01.0 01:00.0 02:00.0 02:01.0 03:00.0 04:00.0"], Groups(t));
    }

    private const string S5 = """
        pci:
          devices:
            - { slot: 00.0, class: 0x060000 }
            - slot: 02.0
              type: root-port
              acs: [SV, RR, CR, UF]
              below:
                - slot: 00.0
                  type: pcie-to-pci-bridge
                  below:
                    - { slot: 00.0, class: 0x020000 }
                    - { slot: 01.0, class: 0x0c0300 }
                    - slot: 02.0
                      class: 0x060400
                      below:
                        - { slot: 00.0, class: 0x010000 }
        """;

    [Fact]
    public void S5_ConventionalPci_OneGroupBehindTheBridge()
    {
        var t = Yaml(S5);
        Assert.Equal(PciDeviceKind.Pci, Get(t, "02:00.0").Kind);
        Assert.Equal(PciDeviceKind.PciBridge, Get(t, "02:02.0").Kind);
        Assert.Equal(["00:00.0", "00:02.0", "01:00.0 02:00.0 02:01.0 02:02.0 03:00.0"], Groups(t));
    }

    [Fact]
    public void S5_AliasRids()
    {
        var t = Yaml(S5);
        Assert.Equal(new ushort[] { 0x0300, 0x0210, 0x0200 }, Get(t, "03:00.0").DmaAliases().Select(a => a.Rid));
        Assert.Equal(["03:00.0", "02:02.0", "01:00.0"], Names(Get(t, "03:00.0").DmaAliases().Select(a => a.Function)));
        Assert.Equal(new ushort[] { 0x0200, 0x0200 }, Get(t, "02:00.0").DmaAliases().Select(a => a.Rid));
        Assert.Equal(new ushort[] { 0x0100 }, Get(t, "01:00.0").DmaAliases().Select(a => a.Rid));
    }

    private static string S6(string acs, string quirks = "") => "pci:\n" + quirks + "  devices:\n" + Host + $$"""
            - slot: 01.0
              type: root-port
              acs: [SV, RR, CR, UF]
              below:
                - { slot: 00.0, id: "8086:10c9", class: 0x020000, acs: {{acs}} }
                - { slot: 00.1, id: "8086:10c9", class: 0x020000, acs: {{acs}} }
        """;

    [Fact]
    public void S6_MultifunctionEndpointWithoutAcs_OneGroup() =>
        Assert.Equal(["00:00.0", "00:01.0", "01:00.0 01:00.1"], Groups(Yaml(S6("none"))));

    [Fact]
    public void S6_MultifunctionEndpointWithAcs_TwoGroups() =>
        Assert.Equal(["00:00.0", "00:01.0", "01:00.0", "01:00.1"], Groups(Yaml(S6("[SV, RR, CR, UF]"))));

    [Fact]
    public void S6_MultifunctionEndpointWithAcsQuirk_TwoGroups()
    {
        var quirk = "  acs-quirks:\n    - { id: \"8086:10c9\", provides: [SV, TB, RR, CR, UF, DT] }\n";
        Assert.Equal(["00:00.0", "00:01.0", "01:00.0", "01:00.1"], Groups(Yaml(S6("none", quirk))));
    }

    private const string S7 = """
        pci:
          devices:
            - { slot: 00.0, class: 0x060000 }
            - slot: 01.0
              type: root-port
              acs: [SV, RR, CR, UF]
              secondary: 5
              subordinate: 5
              below:
                - { slot: 00.0, class: 0x010601, acs: [SV, RR, CR, UF], alias-of: [00.1] }
                - { slot: 00.1, class: 0x010601, acs: [SV, RR, CR, UF] }
        """;

    [Fact]
    public void S7_DmaAliasQuirk_SharedGroupDespiteAcs()
    {
        var t = Yaml(S7);
        Assert.Equal(5, Get(t, "05:00.0").Bus);
        Assert.Equal(["00:00.0", "00:01.0", "05:00.0 05:00.1"], Groups(t));
        Assert.Equal(new ushort[] { 0x0500, 0x0501 }, Get(t, "05:00.0").DmaAliases().Select(a => a.Rid));
        Assert.All(Get(t, "05:00.0").DmaAliases(), a => Assert.Equal("05:00.0", Short(a.Function)));
    }

    [Fact]
    public void S7_DmaAliasQuirk_SharedGroupInEitherOrder()
    {
        var t = Yaml(S7);
        var groupOf = new Dictionary<PciFunction, List<PciFunction>>();
        var created = new List<List<PciFunction>>();
        foreach (var name in new[] { "00:00.0", "00:01.0", "05:00.1", "05:00.0" })
        {
            var f = Get(t, name);
            var g = t.DeviceGroup(f, d => groupOf.GetValueOrDefault(d), () => { var n = new List<PciFunction>(); created.Add(n); return n; });
            g.Add(f);
            groupOf[f] = g;
        }
        Assert.Equal(3, created.Count);
        Assert.Same(groupOf[Get(t, "05:00.0")], groupOf[Get(t, "05:00.1")]);
    }

    [Fact]
    public void S7_WithoutAlias_AcsFunctionsSeparate()
    {
        var t = Yaml(S7.Replace(", alias-of: [00.1]", ""));
        Assert.Equal(["00:00.0", "00:01.0", "05:00.0", "05:00.1"], Groups(t));
    }
}
