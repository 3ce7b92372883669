using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Tests.Boot;

namespace ProbeSim.Kernel.Tests.Iommu;

/// <summary>
/// The profile's iommu_of_declare table: which IOMMU compatibles had an IOMMU_OF_DECLARE entry, and what that changes
/// (early ops through of_iommu_init up to v4.11, of_iommu_driver_present in v4.12-v4.17).
/// Sources: docs/kernel/iommu-of-declare-and-notifiers.md.
/// </summary>
public class IommuOfDeclareTests
{
    // one master behind one IOMMU; the master's driver registers first so that only a declare entry can make it wait
    static string Tree(string iommuCompatible) => Sim.Soc($$"""
        mmu: iommu@1000000 { compatible = "{{iommuCompatible}}"; reg = <0x1000000 0x10000>; #iommu-cells = <1>; };
        dma0: dma@2000000 { compatible = "acme,dmac"; reg = <0x2000000 0x1000>; iommus = <&mmu 0x10>; };
        """);
    static string MasterFirst(string iommuDriver) => $"order: [acme-dmac, {iommuDriver}]\n";

    // v4.4.11: of_iommu_init (drivers/iommu/of_iommu.c:176-187, called from arch/arm64/kernel/setup.c:361) runs the hook
    // of exynos-iommu.c:1252 (exynos_iommu_of_setup, 1237-1250: platform device and of_iommu_set_ops); of_iommu_configure
    // (of_iommu.c:160-161) finds ops only through of_iommu_get_ops, so a master created before the IOMMU's driver probes gets
    // none; arm-smmu.c and rockchip-iommu.c of v4.4.11 have no IOMMU_OF_DECLARE.
    [Theory]
    [InlineData("samsung,exynos-sysmmu", "samsung-exynos-sysmmu", "iommu-dma")]
    [InlineData("arm,mmu-500", "arm-mmu-500", "swiotlb")]
    [InlineData("rockchip,iommu", "rockchip-iommu", "swiotlb")]
    public void V4_4_only_exynos_has_early_ops(string compatible, string driver, string dmaOps)
    {
        var r = Sim.Boot(Tree(compatible), MasterFirst(driver), profile: "v4.4");
        var dma = r.Dev("2000000.dma");
        Assert.Equal(DeviceState.Bound, dma.State);
        Assert.Equal(dmaOps, dma.DmaOps);
        Assert.Equal(dmaOps == "iommu-dma", dma.IommuGroup is not null);
    }

    // v4.11.0: arm-smmu.c:2255-2260 declare every arm-smmu compatible (hook arm_smmu_of_init, arm-smmu.c:2243), run by
    // of_iommu_init (of_iommu.c:178-193, postcore_initcall_sync); rockchip-iommu.c has none
    [Theory]
    [InlineData("arm,mmu-500", "arm-mmu-500", "iommu-dma")]
    [InlineData("rockchip,iommu", "rockchip-iommu", "swiotlb")]
    public void V4_11_arm_smmu_has_early_ops_and_rockchip_does_not(string compatible, string driver, string dmaOps)
    {
        var r = Sim.Boot(Tree(compatible), MasterFirst(driver), profile: "v4.11");
        Assert.Equal(dmaOps, r.Dev("2000000.dma").DmaOps);
    }

    // v4.12.0 of_iommu.c:119-134: no ops and of_iommu_driver_present (99-109: still booting and the node matches
    // __iommu_of_table) -> -EPROBE_DEFER; otherwise NULL, the master probes without an IOMMU.
    // arm-smmu.c:2336 IOMMU_OF_DECLARE(arm_mmu500, ...); ipmmu-vmsa.c and rockchip-iommu.c of v4.12.0 have none.
    [Theory]
    [InlineData("arm,mmu-500", "arm-mmu-500", true)]
    [InlineData("renesas,ipmmu-vmsa", "renesas-ipmmu-vmsa", false)]
    [InlineData("rockchip,iommu", "rockchip-iommu", false)]
    public void V4_12_of_iommu_driver_present_only_for_declared_compatibles(string compatible, string driver, bool waits)
    {
        var r = Sim.Boot(Tree(compatible), MasterFirst(driver), profile: "v4.12");
        var dma = r.Dev("2000000.dma");
        Assert.Equal(DeviceState.Bound, dma.State);
        Assert.Equal(waits, r.Events("2000000.dma").Contains("DRIVER_NOT_BOUND"));
        Assert.Equal(waits, dma.IommuGroup is not null);
    }

    // mtk_iommu.c: IOMMU_OF_DECLARE(mtkm4u, "mediatek,mt8173-m4u", ...) at :687 in v4.12.0, gone by v4.14.5
    // (subsys_initcall at :752); qcom_iommu.c:927 of v4.14.5 declares qcom,msm-iommu-v1
    [Theory]
    [InlineData("v4.12", "mediatek,mt8173-m4u", true)]
    [InlineData("v4.14", "mediatek,mt8173-m4u", false)]
    [InlineData("v4.12", "qcom,msm-iommu-v1", false)]
    [InlineData("v4.14", "qcom,msm-iommu-v1", true)]
    public void The_table_changes_between_v4_12_and_v4_14(string profile, string compatible, bool waits)
    {
        var r = Sim.Boot(Tree(compatible), MasterFirst(compatible.Replace(',', '-')), profile: profile);
        Assert.Equal(waits, r.Events("2000000.dma").Contains("DRIVER_NOT_BOUND"));
    }

    // no IOMMU_OF_DECLARE in 4.18.0 or later; of_iommu_xlate asks driver_deferred_probe_check_state instead
    [Fact]
    public void V4_19_has_no_table()
    {
        Assert.Empty(ProbeSim.Kernel.Profiles.ProfileLibrary.Default.Get("v4.19").Settings.IommuOfDeclare);
    }

    [Fact]
    public void A_scenario_of_declare_overrides_the_profile_table()
    {
        var r = Sim.Boot(Tree("rockchip,iommu"), MasterFirst("rockchip-iommu") + "drivers:\n  - { compatible: \"rockchip,iommu\", iommu: { of-declare: true } }\n", profile: "v4.12");
        Assert.Contains("DRIVER_NOT_BOUND", r.Events("2000000.dma"));
    }
}
