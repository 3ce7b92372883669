using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Tests.Boot;

namespace ProbeSim.Kernel.Tests.Iommu;

/// <summary>
/// A driver's scripted DMA activity runs through the ops its device ended with: iommu-dma over the group's domain
/// (IOVA allocator, page tables, strict or flush-queue unmap) or dma-direct; device accesses are translated or fault.
/// </summary>
public class DmaActivityTests
{
    static string DmacWith(string dma, string extra = "") =>
        "drivers:\n  - { compatible: acme,dmac" + extra + ", dma: " + dma + " }\n";

    [Fact]
    public void Iommu_dma_maps_top_down_below_the_mask_and_faults_after_a_strict_unmap()
    {
        var r = Sim.Boot(OfIommuScenarioTests.T0, DmacWith("[ {map: 8K}, {access: last}, {unmap: last}, {map: 4K} ]", ", dma-mask: 48"));
        var ev = r.Dev("2000000.dma").DmaEvents;
        // iommu-core R9.4 derived example: a platform device with a 48-bit limit, fresh domain, 8 KiB -> 0xFFFFFFFFE000
        Assert.Equal(0xFFFF_FFFF_E000UL, ev[0].DmaAddress);
        Assert.StartsWith("reached PA", ev[1].Result);
        // the freed IOVA comes back from the rcache for the same size order... a 4 KiB request gets its own slot below
        Assert.Equal("dma_map_single", ev[3].Operation);
        Assert.NotNull(ev[3].DmaAddress);
    }

    [Fact]
    public void Strict_unmap_faults_at_once_while_dma_fq_leaves_a_stale_window_until_the_flush()
    {
        // the device's first access fills the IOTLB; the driver unmaps; the device touches the buffer again
        const string script = "[ {map: 4K}, {access: last}, {unmap: last}, {access: last}, {wait: 20ms}, {access: last} ]";
        var strict = Sim.Boot(OfIommuScenarioTests.T0, DmacWith(script)).Dev("2000000.dma").DmaEvents;
        Assert.StartsWith("fault", strict[3].Result);
        var lazy = Sim.Boot(OfIommuScenarioTests.T0, DmacWith(script), cmdline: "iommu.strict=0");
        Assert.Equal("DMA-FQ", lazy.Dev("2000000.dma").DomainType);
        var ev = lazy.Dev("2000000.dma").DmaEvents;
        Assert.Contains("stale IOTLB entry", ev[3].Result);
        Assert.StartsWith("fault", ev[4].Result);
    }

    [Fact]
    public void Platform_device_with_the_default_32_bit_mask_gets_iovas_below_4g()
    {
        var r = Sim.Boot(OfIommuScenarioTests.T0, DmacWith("[ {map: 8K}, {map: 4K} ]"));
        var ev = r.Dev("2000000.dma").DmaEvents;
        Assert.Equal(0xFFFF_E000UL, ev[0].DmaAddress);
        Assert.Equal(0xFFFF_D000UL, ev[1].DmaAddress);
    }

    [Fact]
    public void Direct_dma_without_an_iommu_maps_to_the_physical_address()
    {
        var r = Sim.Boot(OfIommuScenarioTests.T0, "drivers:\n  - { compatible: acme,smmu, as: absent }\n  - { compatible: acme,dmac, dma: [ {map: 4K}, {access: last} ] }\n", cmdline: "deferred_probe_timeout=0");
        var ev = r.Dev("2000000.dma").DmaEvents;
        Assert.Equal("direct", r.Dev("2000000.dma").DmaOps);
        Assert.Equal($"mapped PA 0x{ev[0].DmaAddress:x}", ev[0].Result);
    }

    [Fact]
    public void Story_C_stale_arm32_ops_oops_at_the_first_allocation()
    {
        var scenario = StoryTests.S5Drivers + "\n  - { compatible: renesas,du-r8a7791, dma: [ {alloc-coherent: 16K} ] }\n";
        var rc1 = Sim.Boot(StoryTests.S5, scenario, profile: "v4.12-rc1");
        Assert.NotNull(rc1.Crash);
        Assert.StartsWith("oops", rc1.Dev("feb00000.display").DmaEvents.Single().Result);
        Assert.True(rc1.Logged("Unable to handle kernel NULL pointer dereference at virtual address 00000000"));

        var fixedKernel = Sim.Boot(StoryTests.S5, scenario, profile: "v4.12");
        Assert.Null(fixedKernel.Crash);
        Assert.StartsWith("CPU PA", fixedKernel.Dev("feb00000.display").DmaEvents.Single().Result);
    }

    [Fact]
    public void Exhausted_smmu_master_is_blocked_when_it_does_dma()
    {
        var dts = StoryTestsS8;
        var r = Sim.Boot(dts, "drivers:\n  - { compatible: arm,mmu-500, iommu: { context-banks: 2 } }\n  - { compatible: acme,m2, dma: [ {map: 4K}, {access: last} ] }\n", profile: "v5.10");
        Assert.StartsWith("fault", r.Dev("2002000.dma").DmaEvents[1].Result);
        Assert.True(r.Logged("arm-smmu 1000000.iommu: Blocked unknown Stream ID 0x102; boot with \"arm-smmu.disable_bypass=0\" to allow, but this may have security implications"));
    }

    static readonly string StoryTestsS8 = Sim.Soc("""
        smmu: iommu@1000000 { compatible = "arm,mmu-500"; reg = <0x1000000 0x10000>; #iommu-cells = <1>; };
        m0: dma@2000000 { compatible = "acme,m0"; reg = <0x2000000 0x1000>; iommus = <&smmu 0x100>; };
        m1: dma@2001000 { compatible = "acme,m1"; reg = <0x2001000 0x1000>; iommus = <&smmu 0x101>; };
        m2: dma@2002000 { compatible = "acme,m2"; reg = <0x2002000 0x1000>; iommus = <&smmu 0x102>; };
        """);
}
