using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Tests.Boot;

namespace ProbeSim.Kernel.Tests.Iommu;

/// <summary>Issue 14 items 3 and 6 (docs/kernel/arm32-and-failure-origin.md): arm32 re-probe, and where a failure comes from.</summary>
public class Arm32AndFailureOriginTests
{
    // arm32 master behind a plain IOMMU whose driver defers once after dma_configure attached a per-device mapping
    static readonly string Arm32Board = StoryTests.S5.Replace("renesas,ipmmu-vmsa", "acme,smmu-lite").Replace("ipmmu_du", "iommu0");
    const string DeferOnce = """
        drivers:
          - { compatible: acme,smmu-lite, iommu: { of-declare: false } }
          - { compatible: acme,late-clk, initcall: late }
          - { compatible: renesas,du-r8a7791, probe: [ {defer: 1}, succeed ], resources: false }
        """;

    [Theory]
    [InlineData("v4.12")]
    [InlineData("v4.14")]
    [InlineData("v5.4")]
    [InlineData("v5.10")]
    [InlineData("v6.1")]
    [InlineData("v6.6")]
    public void Arm32_reprobe_after_a_deferral_attaches_a_fresh_mapping(string profile)
    {
        // arm_iommu_detach_device -> iommu_detach_device: a group without a default domain goes back to no domain
        // (4.12.0 drivers/iommu/iommu.c:1436-1445; 6.1 drivers/iommu/iommu.c:2025-2041 -> 1951-1962 -> 2146-2153), so the
        // re-probe's arm_setup_iommu_dma_ops attaches its new mapping (6.1 arch/arm/mm/dma-mapping.c:1722-1745)
        var r = Sim.Boot(Arm32Board, DeferOnce, profile: profile);
        var du = r.Dev("feb00000.display");
        Assert.Equal(DeviceState.Bound, du.State);
        Assert.True(du.ProbeAttempts >= 2);
        Assert.Equal("arm-iommu", du.DmaOps);
        Assert.False(r.Logged("Failed to attached device feb00000.display to IOMMU_mapping"));
    }

    [Fact]
    public void V5_10_ipmmu_attaches_its_arm32_mapping_from_probe_finalize()
    {
        // 5.10.7 drivers/iommu/ipmmu-vmsa.c:865-871 ipmmu_probe_finalize -> ipmmu_init_arm_mapping, called from
        // iommu_probe_device after the (absent) default domain (drivers/iommu/iommu.c:265-280)
        const string registering = """
            drivers:
              - { compatible: renesas,ipmmu-vmsa, name: ipmmu-vmsa, iommu: { register: true, of-declare: false } }
              - { compatible: acme,late-clk, initcall: late }
            """;
        var r = Sim.Boot(StoryTests.S5, registering, profile: "v5.10");
        var du = r.Dev("feb00000.display");
        Assert.Equal(DeviceState.Bound, du.State);
        Assert.Equal("arm-iommu", du.DmaOps);
        Assert.Equal("iommu", du.Dma);
    }

    [Theory]
    [InlineData("v4.12", true)]
    [InlineData("v5.10", true)]
    [InlineData("v5.19", false)]
    public void A_deferral_from_dma_configure_is_logged_by_really_probe_until_call_driver_probe(string profile, bool logged)
    {
        // 4.12.0 drivers/base/dd.c:360-362 dma_configure -> dma_failed, then the closing switch at dd.c:440-444 logs
        // "Driver %s requests probe deferral" with dev->driver already NULL (dd.c:434); 5.19.0 dd.c:615-618 jumps past
        // call_driver_probe, whose switch (dd.c:559-562) is the only one left
        // the fictional acme,smmu counts as declared (IOMMU_OF_DECLARE), so v4.12's of_iommu_driver_present defers the master
        var r = Sim.Boot(OfIommuScenarioTests.T0, "order: [acme-dmac, acme-smmu]\ndrivers:\n  - { compatible: acme,smmu, iommu: { of-declare: true } }\n", profile: profile);
        Assert.Equal(logged, r.Logged("platform 2000000.dma: Driver acme-dmac requests probe deferral"));
    }

    const string FailWithDmam = "drivers:\n  - { compatible: acme,dmac, dmam-alloc: 4K, probe: {fail: EINVAL} }\n";

    [Fact]
    public void V4_12_unwind_tears_dma_down_before_devres_so_the_managed_buffer_leaks()
    {
        // 4.12.0 drivers/base/dd.c:424-432: probe_failed: dma_deconfigure; dma_failed: DRIVER_NOT_BOUND;
        // pinctrl_bind_failed: devres_release_all (the same order in 4.20.0 dd.c:541-549 and 5.1.0 dd.c:551-559)
        var r = Sim.Boot(OfIommuScenarioTests.T0, FailWithDmam, profile: "v4.12");
        var u = r.Unwinds.First(x => x.Device == "2000000.dma");
        Assert.Equal(new[] { UnwindStep.DmaDeconfigure, UnwindStep.DriverNotBound, UnwindStep.DevresReleaseAll }, u.Steps);
        Assert.Equal(new[] { "dmam_alloc_coherent 4096 bytes" }, u.Released);
        // arm64 v4.12 teardown dropped iommu_dma_ops before dmam_release ran dma_free_coherent
        Assert.Single(u.Leaks);
    }

    [Fact]
    public void V5_4_unwind_releases_devres_before_the_teardown_and_nothing_leaks()
    {
        // 5.2.1 drivers/base/dd.c:552-559 (the reorder), 5.4.286 dd.c:605-612: NOT_BOUND, devres_release_all, arch_teardown_dma_ops
        var r = Sim.Boot(OfIommuScenarioTests.T0, FailWithDmam, profile: "v5.4");
        var u = r.Unwinds.First(x => x.Device == "2000000.dma");
        Assert.Equal(new[] { UnwindStep.DriverNotBound, UnwindStep.DevresReleaseAll, UnwindStep.DmaDeconfigure }, u.Steps);
        Assert.Empty(u.Leaks);
    }

    [Fact]
    public void V6_1_an_ownership_conflict_fails_dma_configure_not_the_drivers_probe()
    {
        var r = Sim.Boot(PciIommuTests.Board, RefusedActionTests.Pci + """
            actions:
              - { at: 1, unbind: 0000:01:00.0 }
              - { at: 1.5, driver-override: 0000:01:00.1, driver: vfio-pci }
              - { at: 1.6, bind: 0000:01:00.1, driver: vfio-pci }
              - { at: 2, vfio-set-container: 0000:01:00.1 }
              - { at: 3, bind: 0000:01:00.0, driver: e1000e }

            """, profile: "v6.1");
        // 6.1 drivers/pci/pci-driver.c pci_dma_configure -> iommu_device_use_default_domain -EBUSY
        // (drivers/iommu/iommu.c:3126-3138); really_probe jumps to pinctrl_bind_failed before call_driver_probe
        // (drivers/base/dd.c:619-622, 704), so nothing logs "probe with driver ... failed"
        var dev = r.Dev("0000:01:00.0");
        Assert.Equal(DeviceState.Failed, dev.State);
        Assert.Contains("dma_configure failed with -16 (EBUSY)", dev.Note.Text());
        Assert.Contains("e1000e's probe never ran", dev.Note.Text());
        Assert.DoesNotContain(r.Log, l => l.Text.Contains("probe with driver e1000e failed"));
    }
}

/// <summary>When iommu_attach_group refuses a driver's domain (profile switch attach_group_busy).</summary>
public class AttachGroupBusyTests
{
    [Theory]
    // <= v5.18 __iommu_attach_group: -EBUSY only if group->default_domain && group->domain != default_domain
    // (4.12.0 drivers/iommu/iommu.c:1404, 5.10.7 iommu.c:2259): an arm32 group has no default domain, so a driver may
    // attach its own domain over the arch's mapping; 5.19.0 iommu.c:2089 refuses any current domain but default/blocking
    [InlineData("v5.10", 0)]
    [InlineData("v5.19", -16)]
    public void An_arm32_group_on_the_arch_mapping_takes_a_drivers_domain_until_v5_19(string profile, int expected)
    {
        var r = Sim.Boot(StoryTests.S6, StoryTests.S6Drivers + "actions:\n  - { at: 1, iommu-attach-group: feb00000.display, domain: drm }\n", profile: profile);
        Assert.Equal("arm-iommu", r.Dev("feb00000.display").DmaOps);
        Assert.Equal(expected, r.Actions.Single(a => a.Describe() == "iommu-attach-group feb00000.display drm").Result);
    }
}
