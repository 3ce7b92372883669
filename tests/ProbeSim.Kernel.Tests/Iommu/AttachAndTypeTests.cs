using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Tests.Boot;

namespace ProbeSim.Kernel.Tests.Iommu;

/// <summary>iommu-core S13 (unmanaged domains and iommu_attach_device/group) and S14 (the writable group type).</summary>
public class AttachAndTypeTests
{
    // two masters with the same stream ID: arm-smmu puts them in one group
    static readonly string Shared = Sim.Soc("""
        smmu: iommu@1000000 { compatible = "arm,mmu-500"; reg = <0x1000000 0x10000>; #iommu-cells = <1>; };
        a: dma@2000000 { compatible = "acme,a"; reg = <0x2000000 0x1000>; iommus = <&smmu 0x100>; };
        b: dma@2001000 { compatible = "acme,b"; reg = <0x2001000 0x1000>; iommus = <&smmu 0x100>; };
        c: dma@2002000 { compatible = "acme,c"; reg = <0x2002000 0x1000>; iommus = <&smmu 0x200>; };
        """);

    static int Result(BootResult r, string action) => r.Actions.Single(a => a.Describe() == action).Result;

    [Fact]
    public void S13_attach_device_needs_a_single_device_group_and_attach_group_moves_every_member()
    {
        var r = Sim.Boot(Shared, """
            actions:
              - { at: 1, iommu-attach-device: 2000000.dma, domain: drm }
              - { at: 2, iommu-attach-group: 2000000.dma, domain: drm }
              - { at: 3, iommu-attach-group: 2000000.dma, domain: other }
              - { at: 4, iommu-attach-device: 2002000.dma, domain: single }
            """);
        Assert.Equal(-22, Result(r, "iommu-attach-device 2000000.dma drm"));
        Assert.Equal(0, Result(r, "iommu-attach-group 2000000.dma drm"));
        Assert.Equal(-16, Result(r, "iommu-attach-group 2000000.dma other"));
        Assert.Equal(0, Result(r, "iommu-attach-device 2002000.dma single"));
        // b's DMA-API mappings now go through the driver's domain; the group's type is still its default
        Assert.Equal("unmanaged", r.Dev("2001000.dma").DomainType);
        Assert.Equal("DMA", r.IommuGroups.Single(g => g.Devices.Contains("2001000.dma")).Type);
    }

    [Fact]
    public void S13_detach_group_returns_to_the_default_domain()
    {
        var r = Sim.Boot(Shared, "actions:\n  - { at: 1, iommu-attach-group: 2000000.dma, domain: drm }\n  - { at: 2, iommu-detach-group: 2000000.dma, domain: drm }\n");
        Assert.Equal("DMA", r.Dev("2001000.dma").DomainType);
    }

    const string TypeWrites = """
        actions:
          - { at: 1, iommu-group-type: 2002000.dma, type: identity }
          - { at: 2, iommu-group-type: 2002000.dma, type: DMA-FQ }
          - { at: 3, unbind: 2002000.dma }
          - { at: 4, iommu-group-type: 2002000.dma, type: identity }
          - { at: 5, iommu-group-type: 2000000.dma, type: identity }
        """;

    [Fact]
    public void S14_v5_19_type_write_needs_an_unbound_single_device()
    {
        var r = Sim.Boot(Shared, TypeWrites, profile: "v5.19");
        var results = r.Actions.Where(a => a.Describe().StartsWith("iommu-group-type")).Select(a => a.Result).ToArray();
        // bound -> -EBUSY; DMA -> DMA-FQ in place; unbound -> identity; two-device group -> -EINVAL
        Assert.Equal(new[] { -16, 0, 0, -22 }, results);
        Assert.True(r.Logged("iommu: Device is still bound to driver"));
        Assert.Equal("identity", r.IommuGroups.Single(g => g.Devices.Contains("2002000.dma")).Type);
    }

    [Fact]
    public void S14_v6_6_owned_group_is_eperm_and_multi_device_groups_may_change()
    {
        var r = Sim.Boot(Shared, TypeWrites, profile: "v6.6");
        var results = r.Actions.Where(a => a.Describe().StartsWith("iommu-group-type")).Select(a => a.Result).ToArray();
        // bound (owner_cnt 1) -> -EPERM; DMA-FQ in place; unbound -> identity; a bound two-device group -> -EPERM
        Assert.Equal(new[] { -1, 0, 0, -1 }, results);
    }

    [Fact]
    public void S14_v5_10_type_is_read_only()
    {
        var r = Sim.Boot(Shared, TypeWrites, profile: "v5.10");
        Assert.Equal(-13, r.Actions.First(a => a.Describe().StartsWith("iommu-group-type")).Result);
    }
}

/// <summary>arm64 arch_setup_dma_ops from v4.12 (issue 14 item 6): the group's current domain decides the ops.</summary>
public class Arm64CurrentDomainTests
{
    [Fact]
    public void A_master_rebound_while_its_group_is_on_a_drivers_domain_keeps_the_platform_ops_silently()
    {
        // 4.12.0 arch/arm64/mm/dma-mapping.c do_iommu_attach: iommu_get_domain_for_dev (the group's current domain); a
        // non-DMA domain keeps the platform ops without the "Failed to set up IOMMU" warning, which only a missing domain gives
        var r = Sim.Boot(AttachAndTypeTestsBoards.Shared, """
            actions:
              - { at: 1, iommu-attach-group: 2000000.dma, domain: drm }
              - { at: 2, unbind: 2001000.dma }
              - { at: 3, bind: 2001000.dma, driver: b }
            drivers:
              - { compatible: acme,a, name: a }
              - { compatible: acme,b, name: b }
            """, profile: "v5.10");
        var b = r.Dev("2001000.dma");
        Assert.Equal("b", b.Driver);
        Assert.Equal("direct", b.DmaOps);
        Assert.DoesNotContain(r.Log, l => l.Text.Contains("Failed to set up IOMMU for device 2001000.dma"));
    }
}

internal static class AttachAndTypeTestsBoards
{
    internal static readonly string Shared = Sim.Soc("""
        smmu: iommu@1000000 { compatible = "arm,mmu-500"; reg = <0x1000000 0x10000>; #iommu-cells = <1>; };
        a: dma@2000000 { compatible = "acme,a"; reg = <0x2000000 0x1000>; iommus = <&smmu 0x100>; };
        b: dma@2001000 { compatible = "acme,b"; reg = <0x2001000 0x1000>; iommus = <&smmu 0x100>; };
        """);
}
