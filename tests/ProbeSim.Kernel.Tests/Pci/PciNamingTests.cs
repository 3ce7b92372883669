using ProbeSim.Kernel.Pci;
using static ProbeSim.Kernel.Tests.Pci.PciTestSupport;

namespace ProbeSim.Kernel.Tests.Pci;

/// <summary>Names, sysfs paths, RIDs, default kinds and per-function facts.</summary>
public class PciNamingTests
{
    private const string Basic = """
        pci:
          host: /pcie@10000000
          devices:
            - { slot: 00.0, id: "1b36:0008", class: 0x060000 }
            - slot: 01.0
              type: root-port
              external-facing: true
              below:
                - { slot: 00.0, id: "8086:10d3", class: 0x020000 }
            - { slot: 02.0, class: 0x060400, below: [{ slot: 00.0, class: 0x060400, below: [{ slot: 03.0, class: 0x060400, below: [{ slot: 00.0 }] }] }] }
            - { slot: 03.0, class: 0x020000 }
            - { slot: 04.0, type: rc-event-collector }
        """;

    [Fact]
    public void NamesAndSysfsPaths()
    {
        var t = Yaml(Basic);
        var nic = Get(t, "01:00.0");
        Assert.Equal("0000:01:00.0", nic.Name);
        Assert.Equal("pci0000:00", t.HostName);
        Assert.Equal("/sys/devices/pci0000:00/0000:00:01.0/0000:01:00.0", nic.SysfsPath);
        Assert.Equal("/pcie@10000000", t.HostDtPath);
        Assert.Equal((ushort)0x0100, nic.Rid);
        Assert.Equal((ushort)0x0008, Get(t, "00:01.0").Rid);
        Assert.Equal((0x8086, 0x10d3, 0x020000u), (nic.VendorId, nic.DeviceId, nic.ClassCode));
        Assert.Same(Get(t, "00:01.0"), nic.Parent);
        Assert.Equal([nic], Get(t, "00:01.0").Children);

        t.HostSysfsParent = "/sys/devices/platform/4010000000.pcie";
        Assert.Equal("/sys/devices/platform/4010000000.pcie/pci0000:00/0000:00:01.0/0000:01:00.0", nic.SysfsPath);
    }

    [Fact]
    public void SysfsParentFromYaml()
    {
        var t = Yaml(Basic.Replace("  host:", "  sysfs-parent: /sys/devices/platform/4010000000.pcie/\n  host:"));
        Assert.Equal("/sys/devices/platform/4010000000.pcie/pci0000:00/0000:00:00.0", Get(t, "00:00.0").SysfsPath);
    }

    [Fact]
    public void DefaultKindsFromClassAndParent()
    {
        var t = Yaml(Basic);
        Assert.Equal(PciDeviceKind.HostBridge, Get(t, "00:00.0").Kind);
        Assert.Equal(PciDeviceKind.RootPort, Get(t, "00:02.0").Kind);
        Assert.Equal(PciDeviceKind.UpstreamPort, Get(t, "02:00.0").Kind);
        Assert.Equal(PciDeviceKind.DownstreamPort, Get(t, "03:03.0").Kind);
        Assert.Equal(PciDeviceKind.Endpoint, Get(t, "04:00.0").Kind);
        Assert.Equal(PciDeviceKind.Rciep, Get(t, "00:03.0").Kind);
        Assert.Null(Get(t, "00:00.0").PcieType);
        Assert.Equal(PciExpressType.RcIntegratedEndpoint, Get(t, "00:03.0").PcieType);
        Assert.Equal(0x080700u, Get(t, "00:04.0").ClassCode);
    }

    [Fact]
    public void PcieportBindsToPortsAndEventCollectors()
    {
        var t = Yaml(Basic);
        Assert.True(Get(t, "00:01.0").PcieportBinds);
        Assert.True(Get(t, "02:00.0").PcieportBinds);
        Assert.True(Get(t, "03:03.0").PcieportBinds);
        Assert.True(Get(t, "00:04.0").PcieportBinds);
        Assert.False(Get(t, "00:00.0").PcieportBinds);
        Assert.False(Get(t, "01:00.0").PcieportBinds);
        var s5 = Yaml("pci:\n  devices:\n    - { slot: 01.0, type: pcie-to-pci-bridge, below: [{ slot: 01.0, type: pci-bridge }] }\n");
        Assert.False(Get(s5, "00:01.0").PcieportBinds);
        Assert.False(Get(s5, "01:01.0").PcieportBinds);
        Assert.True(Get(s5, "01:01.0").IsBridge);
    }

    [Fact]
    public void ExternalFacingPort_MakesEverythingBelowUntrusted()
    {
        var t = Yaml("""
            pci:
              devices:
                - slot: 01.0
                  type: root-port
                  external-facing: true
                  below:
                    - { slot: 00.0, type: upstream-port, below: [{ slot: 00.0, type: downstream-port, below: [{ slot: 00.0 }] }] }
                - { slot: 02.0, type: root-port, below: [{ slot: 00.0 }] }
            """);
        Assert.True(Get(t, "00:01.0").ExternalFacing);
        Assert.False(Get(t, "00:01.0").Untrusted);
        Assert.True(Get(t, "01:00.0").Untrusted);
        Assert.True(Get(t, "03:00.0").Untrusted);
        Assert.False(Get(t, "04:00.0").Untrusted);

        t.UntrustedRule = PciUntrustedRule.ArchRemovable;
        Assert.False(Get(t, "03:00.0").Untrusted);
    }

    [Fact]
    public void ImpossiblePortType_IsCorrected()
    {
        var t = Yaml("""
            pci:
              devices:
                - { slot: 01.0, type: root-port, below: [{ slot: 00.0, type: downstream-port, below: [{ slot: 00.0, type: upstream-port }] }] }
            """);
        Assert.Equal(PciDeviceKind.UpstreamPort, Get(t, "01:00.0").Kind);
        Assert.True(Get(t, "01:00.0").PcieTypeCorrected);
        Assert.Equal(PciDeviceKind.DownstreamPort, Get(t, "02:00.0").Kind);
        Assert.True(Get(t, "02:00.0").PcieTypeCorrected);
    }

    [Fact]
    public void Multifunction_InferredOrExplicit()
    {
        var t = Yaml("""
            pci:
              devices:
                - { slot: 01.0 }
                - { slot: 01.1 }
                - { slot: 02.0, multifunction: true }
                - { slot: 03.0 }
            """);
        Assert.True(Get(t, "00:01.0").Multifunction);
        Assert.True(Get(t, "00:01.1").Multifunction);
        Assert.True(Get(t, "00:02.0").Multifunction);
        Assert.False(Get(t, "00:03.0").Multifunction);
    }

    [Fact]
    public void ExtraKeys_AreKeptWhenAllowed()
    {
        var t = PciTopologyFile.Parse("pci:\n  devices:\n    - { slot: 00.0, driver: e1000e }\n", "x.yaml", ["driver"]);
        Assert.Equal("e1000e", t.RootBusFunctions[0].Extra["driver"].ToString());
        Assert.Equal(new PciSourceLocation("x.yaml", 3, 7), t.RootBusFunctions[0].Location);
    }

    [Fact]
    public void RootMappingWithoutPciKey_IsAccepted()
    {
        var t = PciTopologyFile.Parse("domain: 1\ndevices:\n  - { slot: 00.0 }\n", "x.yaml");
        Assert.Equal("0001:00:00.0", t.RootBusFunctions[0].Name);
    }

    [Fact]
    public void LoadFromFile()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "topo.yaml");
        File.WriteAllText(path, Basic);
        var t = PciTopologyFile.Load(path);
        Assert.Equal(9, t.Functions.Count);
    }

    [Fact]
    public void BuildFromSpec_WithoutYaml()
    {
        var spec = new PciTopologySpec { Domain = 1 };
        var rp = new PciFunctionSpec { Device = 1, Kind = PciDeviceKind.RootPort, Acs = new PciAcsCapability(PciAcs.ReqAcsFlags, PciAcs.ReqAcsFlags) };
        rp.Below.Add(new PciFunctionSpec { VendorId = 0x8086, DeviceId = 0x10d3, ClassCode = 0x020000 });
        spec.Devices.Add(rp);
        var t = PciTopology.Build(spec);
        Assert.Equal(["0001:00:01.0", "0001:01:00.0"], t.AddOrder().Select(f => f.Name));
        Assert.Equal(["00:01.0", "01:00.0"], Groups(t));

        spec.Devices.Add(new PciFunctionSpec { Device = 1 });
        var e = Assert.Throws<PciTopologyException>(() => PciTopology.Build(spec));
        Assert.Equal("<pci>: error: duplicate slot 01.0 on this bus (first at <pci>)", e.Message);
    }
}
