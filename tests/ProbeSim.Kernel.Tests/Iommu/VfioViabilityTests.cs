using ProbeSim.DeviceTree.Source;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Tests.Iommu;

/// <summary>
/// Kernel.VfioViability: whether VFIO can use a group now, by the profile's rule. v6.1: VFIO_GROUP_GET_STATUS sets
/// VFIO_GROUP_FLAGS_VIABLE with a container or when !iommu_group_dma_owner_claimed (drivers/vfio/vfio_main.c:894-899),
/// owner_cnt counting the drivers whose pci_dma_configure called iommu_device_use_default_domain, i.e. all but
/// driver_managed_dma ones (drivers/pci/pci-driver.c:1697; vfio-pci drivers/vfio/pci/vfio_pci.c:201, pci-stub
/// drivers/pci/pci-stub.c:39, pcieport drivers/pci/pcie/portdrv_pci.c:205). v5.10: vfio_group_viable, vfio_dev_viable on
/// every member: unbound, a VFIO device, a non-normal header type or "pci-stub" (v5.10 drivers/vfio/vfio.c:630-646, 661-688).
/// </summary>
public class VfioViabilityTests
{
    // 01:00.0 binds e1000e; 01:00.1 has no driver; multi-function without ACS: one group (drivers/iommu/iommu.c:1398-1410).
    // On a DT board a PCI function joins its group when a driver probes it (really_probe -> pci_dma_configure ->
    // of_dma_configure, drivers/base/dd.c:620, drivers/pci/pci-driver.c:1686-1688), so 01:00.1 is in no group until then.
    static VfioGroupViability Viability(string scenario, string profile, string device = "0000:01:00.0")
    {
        var tree = DtsCompiler.Compile(PciIommuTests.Board, "test.dts", new DtsCompileOptions()).Tree;
        var options = new BootOptions { Profile = profile }.WithScenario(ScenarioFile.Parse(scenario, "test.yaml"), profileGiven: true);
        var kernel = options.CreateKernel(tree, "test.dts");
        kernel.Boot();
        return kernel.VfioViability(kernel.FindDevice(device)!.Iommu.Group!);
    }

    static VfioMemberUse Use(VfioGroupViability v, string device) => v.Members.Single(m => m.Device == device).Use;

    [Fact]
    public void V6_1_a_kernel_dma_api_driver_in_the_group_makes_it_not_viable()
    {
        var v = Viability(RefusedActionTests.Pci, "v6.1");
        Assert.Equal((VfioViabilityRule.DmaOwnership, false), (v.Rule, v.Viable));
        Assert.Equal([new VfioGroupMember("0000:01:00.0", "e1000e", VfioMemberUse.KernelDmaUser)], v.Members);
    }

    [Fact]
    public void V6_1_unbinding_the_kernel_driver_makes_it_viable()
    {
        // device_driver_detach -> pci_dma_cleanup -> iommu_device_unuse_default_domain: owner_cnt back to 0; the device stays
        // in its group (iommu_release_device runs when the device is removed, not unbound)
        var v = Viability(RefusedActionTests.Pci + "actions:\n  - { at: 1, unbind: 0000:01:00.0 }\n", "v6.1");
        Assert.True(v.Viable);
        Assert.Equal([new VfioGroupMember("0000:01:00.0", null, VfioMemberUse.Unbound)], v.Members);
    }

    [Fact]
    public void V6_1_pci_stub_and_vfio_pci_are_driver_managed_dma_and_the_group_is_viable()
    {
        var v = Viability(RefusedActionTests.Pci + """
            actions:
              - { at: 1, driver-override: 0000:01:00.0, driver: pci-stub }
              - { at: 1.1, unbind: 0000:01:00.0 }
              - { at: 1.2, bind: 0000:01:00.0, driver: pci-stub }
              - { at: 2, driver-override: 0000:01:00.1, driver: vfio-pci }
              - { at: 2.1, bind: 0000:01:00.1, driver: vfio-pci }

            """, "v6.1");
        Assert.True(v.Viable);
        Assert.Equal(VfioMemberUse.DriverManagedDma, Use(v, "0000:01:00.0"));
        Assert.Equal(VfioMemberUse.VfioDriver, Use(v, "0000:01:00.1"));
    }

    [Fact]
    public void V5_10_a_driver_not_on_the_allow_list_makes_it_not_viable_and_pci_stub_is_allowed()
    {
        var before = Viability(RefusedActionTests.Pci, "v5.10");
        Assert.Equal((VfioViabilityRule.DevViable, false), (before.Rule, before.Viable));
        Assert.Equal(VfioMemberUse.DriverNotAllowed, Use(before, "0000:01:00.0"));
        // vfio_driver_allowed[] = { "pci-stub" } (v5.10 drivers/vfio/vfio.c:630-646)
        var after = Viability(RefusedActionTests.Pci + """
            actions:
              - { at: 1, driver-override: 0000:01:00.0, driver: pci-stub }
              - { at: 1.1, unbind: 0000:01:00.0 }
              - { at: 1.2, bind: 0000:01:00.0, driver: pci-stub }

            """, "v5.10");
        Assert.True(after.Viable);
        Assert.Equal(VfioMemberUse.AllowedDriver, Use(after, "0000:01:00.0"));
    }

    // pcieport matches the PCIe-to-PCI bridge by class, so really_probe runs pci_dma_configure (the bridge joins the root
    // port's group: no ACS there, drivers/iommu/iommu.c:1529-1540) before pcie_portdrv_probe refuses it with -ENODEV
    // (drivers/base/dd.c:620, 638; drivers/pci/pcie/portdrv_pci.c:107-112): it stays in the group without a driver. The
    // conventional function behind it takes the bridge's requester ID and so its group (iommu.c:1518-1519).
    internal const string BehindBridge = """
        drivers:
          - { compatible: pci8086,1229, name: e100, bus: pci, pci-ids: ["8086:1229"] }
        pci:
          host: /pcie@10000000
          devices:
            - slot: 01.0
              type: root-port
              below:
                - slot: 00.0
                  type: pcie-to-pci-bridge
                  below:
                    - { slot: 01.0, type: pci, id: "8086:1229", class: 0x020000 }

        """;

    [Theory]
    // v6.1: pcieport is driver_managed_dma (portdrv_pci.c:205); v5.10: a bridge's header type is allowed (vfio.c:630-646)
    [InlineData("v6.1", VfioViabilityRule.DmaOwnership, VfioMemberUse.DriverManagedDma, VfioMemberUse.KernelDmaUser)]
    [InlineData("v5.10", VfioViabilityRule.DevViable, VfioMemberUse.PciBridge, VfioMemberUse.DriverNotAllowed)]
    public void A_root_port_under_pcieport_in_the_group_does_not_block(string profile, VfioViabilityRule rule, VfioMemberUse port, VfioMemberUse nic)
    {
        var v = Viability(BehindBridge, profile, "0000:02:01.0");
        Assert.Equal(rule, v.Rule);
        Assert.Equal(
            [new VfioGroupMember("0000:00:01.0", "pcieport", port), new VfioGroupMember("0000:01:00.0", null, VfioMemberUse.Unbound),
             new VfioGroupMember("0000:02:01.0", "e100", nic)], v.Members);
        Assert.False(v.Viable);
    }
}
