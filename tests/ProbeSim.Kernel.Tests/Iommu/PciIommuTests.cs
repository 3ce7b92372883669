using ProbeSim.TestSupport;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Tests.Boot;

namespace ProbeSim.Kernel.Tests.Iommu;

/// <summary>
/// PCI below a DT host bridge behind an SMMUv3 with iommu-map: groups (iommu-core R5.5, S1-S7 as they come out on a DT
/// system, where a function is grouped when its driver's dma_configure runs), RIDs, and DMA ownership with VFIO (S11, S12).
/// </summary>
public class PciIommuTests
{
    internal static readonly string Board = SmmuV3PciBoard.Dts;

    const string E1000e = "  - { compatible: pci8086,10d3, name: e1000e, bus: pci, pci-ids: [\"8086:10d3\"] }\n";

    static string Scenario(string devices, string drivers = E1000e, string actions = "") =>
        "drivers:\n" + drivers + "pci:\n  host: /pcie@10000000\n  devices:\n" + devices + actions;

    const string S1Devices = """
            - { slot: 00.0, id: "1b36:0008", class: 0x060000 }
            - slot: 01.0
              type: root-port
              acs: [SV, RR, CR, UF]
              below:
                - { slot: 00.0, id: "8086:10d3", class: 0x020000 }

        """;

    [Fact]
    public void S1_root_port_with_acs_gives_each_function_its_own_group_in_probe_order()
    {
        var r = Sim.Boot(Board, Scenario(S1Devices));
        Assert.Equal("pcieport", r.Dev("0000:00:01.0").Driver);
        Assert.Equal(0, r.Dev("0000:00:01.0").IommuGroup);
        Assert.Equal(1, r.Dev("0000:01:00.0").IommuGroup);
        Assert.Equal("e1000e", r.Dev("0000:01:00.0").Driver);
        Assert.Equal("iommu-dma", r.Dev("0000:01:00.0").DmaOps);
        // the host bridge function has no driver: on DT nothing configures it, so it gets no group
        Assert.Null(r.Dev("0000:00:00.0").IommuGroup);
        Assert.True(r.Logged("pcieport 0000:00:01.0: Adding to iommu group 0"));
        Assert.True(r.Logged("e1000e 0000:01:00.0: Adding to iommu group 1"));
        Assert.Equal("/sys/devices/platform/4010000000.pcie/pci0000:00/0000:00:01.0/0000:01:00.0", r.Dev("0000:01:00.0").SysfsPath);
    }

    [Fact]
    public void S2_root_port_without_acs_shares_its_group_with_the_device_below()
    {
        var r = Sim.Boot(Board, Scenario(S1Devices.Replace("acs: [SV, RR, CR, UF]", "acs: none")));
        Assert.Equal(0, r.Dev("0000:00:01.0").IommuGroup);
        Assert.Equal(0, r.Dev("0000:01:00.0").IommuGroup);
        Assert.Equal(new[] { "0000:00:01.0", "0000:01:00.0" }, r.IommuGroups.Single().Devices);
    }

    const string MfDevices = """
            - slot: 01.0
              type: root-port
              acs: [SV, RR, CR, UF]
              below:
                - { slot: 00.0, id: "8086:10d3", class: 0x020000 }
                - { slot: 00.1, id: "8086:10d3", class: 0x020000 }

        """;

    [Fact]
    public void S6_multifunction_endpoint_without_acs_is_one_group()
    {
        var r = Sim.Boot(Board, Scenario(MfDevices));
        Assert.Equal(1, r.Dev("0000:01:00.0").IommuGroup);
        Assert.Equal(1, r.Dev("0000:01:00.1").IommuGroup);
    }

    [Fact]
    public void Iommu_map_without_a_translation_for_the_rid_means_no_iommu()
    {
        var board = Board.Replace("iommu-map = <0x0 &smmu 0x0 0x10000>", "iommu-map = <0x0 &smmu 0x0 0x100>");
        var r = Sim.Boot(board, Scenario(S1Devices));
        Assert.Equal(0, r.Dev("0000:00:01.0").IommuGroup);
        var nic = r.Dev("0000:01:00.0");
        Assert.Equal(DeviceState.Bound, nic.State);
        Assert.Null(nic.IommuGroup);
        Assert.True(r.Logged("OF: /pcie@10000000: no iommu-map translation for id 0x100 on (null)"));
    }

    // 01:00.1 has no driver of its own, so user space can give it to vfio-pci
    static readonly string MfVfio = MfDevices.Replace("{ slot: 00.1, id: \"8086:10d3\"", "{ slot: 00.1, id: \"8086:10d4\"");

    // ---- story E: DMA ownership between a kernel driver and VFIO in one group (iommu-core S11, S12; driver-core S13)

    const string VfioOn01 = """
        actions:
          - { at: 1, driver-override: 0000:01:00.1, driver: vfio-pci }
          - { at: 1.1, bind: 0000:01:00.1, driver: vfio-pci }
          - { at: 2, vfio-set-container: 0000:01:00.1 }
          - { at: 3, iommufd-bind: 0000:01:00.1 }
          - { at: 4, unbind: 0000:01:00.0 }
          - { at: 5, vfio-set-container: 0000:01:00.1 }
          - { at: 6, vfio-open-device: 0000:01:00.1 }

        """;

    static int Result(BootResult r, string action) => r.Actions.First(a => a.Describe() == action).Result;

    [Fact]
    public void S11_v6_6_vfio_cannot_claim_a_group_a_kernel_driver_uses()
    {
        var r = Sim.Boot(Board, Scenario(MfVfio, actions: VfioOn01));
        Assert.Equal("vfio-pci", r.Dev("0000:01:00.1").Driver);
        var claims = r.Actions.Where(a => a.Describe() == "vfio-set-container 0000:01:00.1").Select(a => a.Result).ToArray();
        Assert.Equal(new[] { -1, 0 }, claims);
        Assert.Equal(-1, Result(r, "iommufd-bind 0000:01:00.1"));
        Assert.Equal(0, Result(r, "vfio-open-device 0000:01:00.1"));
        var g = r.IommuGroups.Single(x => x.Devices.Contains("0000:01:00.1"));
        Assert.Equal("vfio", g.Owner);
        Assert.Equal("unmanaged", g.Domain);
        Assert.Equal("DMA", g.Type);
        Assert.Equal("user:vfio", r.Dev("0000:01:00.1").DmaOwner);
        Assert.Equal("user", r.Dev("0000:01:00.1").Dma);
    }

    [Fact]
    public void S11_v5_10_set_container_succeeds_and_the_device_fd_is_refused()
    {
        var r = Sim.Boot(Board, Scenario(MfVfio, actions: "actions:\n  - { at: 1, driver-override: 0000:01:00.1, driver: vfio-pci }\n  - { at: 1.1, bind: 0000:01:00.1, driver: vfio-pci }\n  - { at: 2, vfio-set-container: 0000:01:00.1 }\n  - { at: 3, vfio-open-device: 0000:01:00.1 }\n"), profile: "v5.10");
        Assert.Equal(0, Result(r, "vfio-set-container 0000:01:00.1"));
        Assert.Equal(-22, Result(r, "vfio-open-device 0000:01:00.1"));
        // e1000e's DMA now goes through the user domain
        Assert.Equal("unmanaged", r.Dev("0000:01:00.0").DomainType);
    }

    const string VfioOwnsThenBind = """
        actions:
          - { at: 1, unbind: 0000:01:00.0 }
          - { at: 1.5, driver-override: 0000:01:00.1, driver: vfio-pci }
          - { at: 1.6, bind: 0000:01:00.1, driver: vfio-pci }
          - { at: 2, vfio-set-container: 0000:01:00.1 }
          - { at: 3, bind: 0000:01:00.0, driver: e1000e }

        """;

    [Fact]
    public void S12_v6_6_kernel_driver_bind_into_an_owned_group_is_ebusy_and_silent()
    {
        var r = Sim.Boot(Board, Scenario(MfVfio, actions: VfioOwnsThenBind));
        Assert.Equal(0, Result(r, "vfio-set-container 0000:01:00.1"));
        Assert.Equal(-16, Result(r, "bind 0000:01:00.0 e1000e"));
        // unbound, with dma_configure's -EBUSY as the last error
        Assert.Equal(DeviceState.Failed, r.Dev("0000:01:00.0").State);
        Assert.Equal(-16, r.Dev("0000:01:00.0").Error);
        Assert.Null(r.Crash);
        var t = r.Actions.Single(a => a.Describe() == "bind 0000:01:00.0 e1000e").TimeUs;
        Assert.DoesNotContain(r.Log, l => l.TimeUs >= t && l.Level <= LogLevel.Warning);
    }

    [Fact]
    public void S12_pci_stub_binds_into_an_owned_group()
    {
        var r = Sim.Boot(Board, Scenario(MfVfio, actions: VfioOwnsThenBind
            .Replace("{ at: 3, bind: 0000:01:00.0, driver: e1000e }", "{ at: 2.5, driver-override: 0000:01:00.0, driver: pci-stub }\n  - { at: 3, bind: 0000:01:00.0, driver: pci-stub }")));
        Assert.Equal(0, Result(r, "bind 0000:01:00.0 pci-stub"));
    }

    [Fact]
    public void S12_v5_10_kernel_driver_bind_crashes_the_kernel()
    {
        var r = Sim.Boot(Board, Scenario(MfVfio, actions: VfioOwnsThenBind), profile: "v5.10");
        Assert.NotNull(r.Crash);
        Assert.True(r.Logged("kernel BUG at drivers/vfio/vfio.c:759!"));
    }
}
