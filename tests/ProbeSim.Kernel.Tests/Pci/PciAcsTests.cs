using ProbeSim.Kernel.Pci;
using static ProbeSim.Kernel.Tests.Pci.PciTestSupport;

namespace ProbeSim.Kernel.Tests.Pci;

/// <summary>pci_acs_enabled / pci_acs_path_enabled (iommu-core R5.7) and the quirk hook.</summary>
public class PciAcsTests
{
    private const PciAcsFlags Req = PciAcs.ReqAcsFlags;

    private static PciFunction One(string device, string quirks = "") =>
        Yaml("pci:\n" + quirks + "  devices:\n    - " + device + "\n").RootBusFunctions[0];

    [Theory]
    [InlineData("{ slot: 00.0, type: root-port }", false)]
    [InlineData("{ slot: 00.0, type: root-port, acs: [SV, RR, CR, UF] }", true)]
    [InlineData("{ slot: 00.0, type: root-port, acs: [SV, RR, CR] }", true)] // UF not implemented counts as on
    [InlineData("{ slot: 00.0, type: root-port, acs-cap: [SV, RR, CR], acs-ctrl: [SV, RR, CR] }", true)]
    [InlineData("{ slot: 00.0, type: root-port, acs-cap: [SV, RR, CR, UF], acs-ctrl: [SV, RR, CR] }", false)]
    [InlineData("{ slot: 00.0, type: root-port, acs-cap: 0x1f, acs-ctrl: 0x1d }", true)]
    [InlineData("{ slot: 00.0, type: downstream-port, acs: [SV, RR, CR, UF] }", true)]
    [InlineData("{ slot: 00.0, type: endpoint }", true)]
    [InlineData("{ slot: 00.0, type: upstream-port }", true)]
    [InlineData("{ slot: 00.0, type: legacy-endpoint }", true)]
    [InlineData("{ slot: 00.0, type: rciep }", true)]
    [InlineData("{ slot: 00.0, type: endpoint, multifunction: true }", false)]
    [InlineData("{ slot: 00.0, type: rciep, multifunction: true, acs: [RR, CR] }", true)]
    [InlineData("{ slot: 00.0, type: pci }", false)]
    [InlineData("{ slot: 00.0, type: host-bridge }", false)]
    [InlineData("{ slot: 00.0, type: pcie-to-pci-bridge, acs: [SV, RR, CR, UF] }", false)]
    [InlineData("{ slot: 00.0, type: pci-to-pcie-bridge, acs: [SV, RR, CR, UF] }", false)]
    [InlineData("{ slot: 00.0, type: rc-event-collector, acs: [SV, RR, CR, UF] }", false)]
    public void AcsEnabled_ByType(string device, bool expected) =>
        Assert.Equal(expected, PciAcs.AcsEnabled(One(device), Req));

    [Fact]
    public void EgressControl_MustBeEnabledEvenIfNotImplemented()
    {
        var rp = One("{ slot: 00.0, type: root-port, acs: [SV, RR, CR, UF] }");
        Assert.False(PciAcs.AcsEnabled(rp, Req | PciAcsFlags.EC));
        Assert.True(PciAcs.AcsEnabled(rp, Req | PciAcsFlags.DT));
    }

    [Fact]
    public void Quirk_AnswersFirst()
    {
        const string quirks = "  acs-quirks:\n    - { id: \"10de:*\", provides: [RR, CR] }\n";
        Assert.False(PciAcs.AcsEnabled(One("{ slot: 00.0, id: \"10de:1234\", type: root-port, acs: [SV, RR, CR, UF] }", quirks), Req));
        Assert.True(PciAcs.AcsEnabled(One("{ slot: 00.0, id: \"10de:1234\", type: pci }", quirks), PciAcsFlags.RR | PciAcsFlags.CR));
        Assert.True(PciAcs.AcsEnabled(One("{ slot: 00.0, id: \"10df:1234\", type: root-port, acs: [SV, RR, CR, UF] }", quirks), Req));
    }

    [Fact]
    public void Quirk_CanBeAddedToTheTopology()
    {
        var rp = One("{ slot: 00.0, id: \"17cb:0400\", type: root-port }");
        Assert.False(PciAcs.AcsEnabled(rp, Req));
        rp.Topology.AcsQuirks.Add(new PciAcsQuirk(0x17cb, 0x0400, PciAcsFlags.SV | PciAcsFlags.RR | PciAcsFlags.CR | PciAcsFlags.UF));
        Assert.True(PciAcs.AcsEnabled(rp, Req));
    }

    private const string Chain = """
        pci:
          devices:
            - slot: 01.0
              type: root-port
              acs: [SV, RR, CR, UF]
              below:
                - slot: 00.0
                  type: upstream-port
                  below:
                    - { slot: 00.0, type: downstream-port, acs: [SV, RR, CR, UF], below: [{ slot: 00.0 }] }
                    - { slot: 01.0, type: downstream-port, below: [{ slot: 00.0 }] }
            - { slot: 02.0, type: root-port, below: [{ slot: 00.0 }] }
        """;

    [Fact]
    public void PathEnabled_UpToTheRootBus()
    {
        var t = Yaml(Chain);
        Assert.True(PciAcs.AcsPathEnabled(Get(t, "03:00.0"), null, Req));
        Assert.False(PciAcs.AcsPathEnabled(Get(t, "04:00.0"), null, Req));
        Assert.False(PciAcs.AcsPathEnabled(Get(t, "05:00.0"), null, Req));
        Assert.True(PciAcs.AcsPathEnabled(Get(t, "00:01.0"), null, Req));
    }

    [Fact]
    public void PathEnabled_WithEnd()
    {
        var t = Yaml(Chain);
        Assert.True(PciAcs.AcsPathEnabled(Get(t, "03:00.0"), Get(t, "01:00.0"), Req));
        Assert.False(PciAcs.AcsPathEnabled(Get(t, "04:00.0"), Get(t, "01:00.0"), Req));
        // an end that is not above the start: the walk reaches the root bus and fails
        Assert.False(PciAcs.AcsPathEnabled(Get(t, "03:00.0"), Get(t, "00:02.0"), Req));
    }

    [Fact]
    public void EnableAcs_SetsStandardControls_AndTranslationBlockingWhenExternal()
    {
        var t = Yaml("""
            pci:
              devices:
                - { slot: 01.0, type: root-port, acs-cap: [SV, TB, RR, CR, UF, EC], acs-ctrl: [] }
                - { slot: 02.0, type: root-port, external-facing: true, acs-cap: [SV, TB, RR, CR, UF], acs-ctrl: [] }
                - { slot: 03.0, type: root-port }
            """);
        Assert.False(PciAcs.AcsEnabled(Get(t, "00:01.0"), Req));
        Assert.True(PciAcs.EnableAcs(Get(t, "00:01.0")));
        Assert.Equal(Req, Get(t, "00:01.0").Acs!.Value.Control);
        Assert.True(PciAcs.AcsEnabled(Get(t, "00:01.0"), Req));
        PciAcs.EnableAcs(Get(t, "00:02.0"));
        Assert.Equal(Req | PciAcsFlags.TB, Get(t, "00:02.0").Acs!.Value.Control);
        Assert.False(PciAcs.EnableAcs(Get(t, "00:03.0")));
        Assert.Null(Get(t, "00:03.0").Acs);
    }
}
