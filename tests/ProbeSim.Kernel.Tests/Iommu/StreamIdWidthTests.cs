using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Tests.Boot;

namespace ProbeSim.Kernel.Tests.Iommu;

/// <summary>The StreamID width of the SMMU hardware (issue 14 item 2), given per IOMMU driver in a scenario.</summary>
public class StreamIdWidthTests
{
    static string Board(string compatible) => Sim.Soc($$"""
        smmu: iommu@1000000 { compatible = "{{compatible}}"; reg = <0x1000000 0x20000>; #iommu-cells = <1>; };
        a: dma@2000000 { compatible = "acme,a"; reg = <0x2000000 0x1000>; iommus = <&smmu 0x7fff>; };
        b: dma@2001000 { compatible = "acme,b"; reg = <0x2001000 0x1000>; iommus = <&smmu 0x8000>; };
        """);

    static string Scenario(string compatible, string name) => $$"""
        drivers:
          - { compatible: {{compatible}}, name: {{name}}, iommu: { stream-id-bits: 15 } }
          - { compatible: acme,a, name: a }
          - { compatible: acme,b, name: b }
        """;

    [Fact]
    public void SMMUv3_refuses_a_StreamID_beyond_SIDSIZE_silently()
    {
        // 6.1.192 arm-smmu-v3.c:2587-2601 arm_smmu_sid_in_range -> -ERANGE from probe_device; of_iommu.c:175 dev_dbg only
        var r = Sim.Boot(Board("arm,smmu-v3"), Scenario("arm,smmu-v3", "arm-smmu-v3"), profile: "debian-6.1");
        Assert.NotNull(r.Dev("2000000.dma").IommuGroup);
        Assert.Null(r.Dev("2001000.dma").IommuGroup);
        Assert.Equal("b", r.Dev("2001000.dma").Driver);
        Assert.Contains(r.Log, l => l.Text == "b 2001000.dma: Adding to IOMMU failed: -34" && l.Level == LogLevel.Debug);
    }

    [Fact]
    public void Arm_smmu_refuses_it_with_an_error_line()
    {
        // 6.1.192 arm-smmu.c:1386-1389: sid & ~streamid_mask -> dev_err "stream ID 0x%x out of range for SMMU (0x%x)", -EINVAL
        var r = Sim.Boot(Board("arm,mmu-500"), Scenario("arm,mmu-500", "arm-smmu"), profile: "debian-6.1");
        Assert.NotNull(r.Dev("2000000.dma").IommuGroup);
        Assert.Null(r.Dev("2001000.dma").IommuGroup);
        Assert.Contains(r.Log, l => l.Text == "b 2001000.dma: stream ID 0x8000 out of range for SMMU (0x7fff)" && l.Level == LogLevel.Err);
    }
}

/// <summary>The attach of a group-less device is its own switch, apart from the log wording it used to share.</summary>
public class GrouplessAttachTests
{
    [Theory]
    [InlineData("v4.4", "direct", "v4")]
    [InlineData("v4.19", "direct", "v4")]
    [InlineData("v5.4", "refuse", "v5")]
    [InlineData("v6.12", "refuse", "v5")]
    public void Attach_semantics_and_wording_are_separate_switches(string profile, string attach, string log)
    {
        var p = ProbeSim.Kernel.Profiles.ProfileLibrary.Default.Get(profile);
        Assert.Equal(attach, p["groupless_attach"]);
        Assert.Equal(log, p["iommu_group_log"]);
        // rewording the group lines leaves the attach rule alone
        Assert.Equal(attach == "refuse", p.With([new("iommu_group_log", log == "v4" ? "v5" : "v4")]).Settings.GrouplessAttachRefused);
    }

    // v4.4 arm32: of_dma_configure runs when the OF core creates the device, before BUS_NOTIFY_ADD_DEVICE gives it a
    // group, so arm_setup_iommu_dma_ops attaches its mapping to a device that has none yet
    const string DeclaredLite = "drivers:\n  - { compatible: acme,smmu-lite, iommu: { of-declare: true } }\n  - { compatible: acme,late-clk, initcall: late }\n";

    [Fact]
    public void V4_4_attaches_a_device_that_has_no_group_yet()
    {
        // 4.4 drivers/iommu/iommu.c iommu_attach_device: without a group it falls back to __iommu_attach_device, so the
        // arm32 mapping attaches and the display keeps IOMMU ops
        var r = Sim.Boot(StoryTests.S6, DeclaredLite, profile: "v4.4");
        Assert.Equal("arm-iommu", r.Dev("feb00000.display").DmaOps);
        Assert.False(r.Logged("Failed to attached device feb00000.display to IOMMU_mapping"));
        // the wording switch alone changes nothing
        Assert.Equal("arm-iommu", Sim.Boot(StoryTests.S6, DeclaredLite, profile: "v4.4", set: "iommu_group_log=v5").Dev("feb00000.display").DmaOps);
    }

    [Fact]
    public void Refusing_a_groupless_attach_leaves_the_arch_mapping_unattached()
    {
        // later kernels return -ENODEV for a device without a group; arm_setup_iommu_dma_ops then warns
        // "Failed to attached device %s to IOMMU_mapping" and keeps arm_dma_ops (arch/arm/mm/dma-mapping.c)
        var r = Sim.Boot(StoryTests.S6, DeclaredLite, profile: "v4.4", set: "groupless_attach=refuse");
        Assert.True(r.Logged("Failed to attached device feb00000.display to IOMMU_mapping"));
        Assert.Equal("arm", r.Dev("feb00000.display").DmaOps);
    }
}

/// <summary>What the SMMUv3 logs when a master it refused does DMA (issue 14 item 5, oracle case smmu-late).</summary>
public class BlockedStreamLogTests
{
    [Fact]
    public void A_stream_without_a_stream_table_entry_logs_C_BAD_STREAMID()
    {
        // arm_smmu_evtq_thread (6.1.192 arm-smmu-v3.c:1603): "event 0x02 received:" and four dwords, the first StreamID << 32
        // | 0x02; seen on the real kernel as "arm-smmu-v3 9050000.smmuv3: \t0x0000000800000002" (StreamID 8)
        var r = Sim.Boot(Sim.Soc("""
            smmu: iommu@1000000 { compatible = "arm,smmu-v3"; reg = <0x1000000 0x20000>; #iommu-cells = <1>; };
            b: dma@2001000 { compatible = "acme,b"; reg = <0x2001000 0x1000>; iommus = <&smmu 0x8000>; };
            """), """
            drivers:
              - { compatible: arm,smmu-v3, name: arm-smmu-v3, iommu: { stream-id-bits: 15 } }
              - { compatible: acme,b, name: b, dma: [ { map: 4K, dir: to-device }, { access: last } ] }
            """, profile: "debian-6.1");
        var b = r.Dev("2001000.dma");
        Assert.Equal("blocked", b.Dma);
        Assert.Contains(r.Log, l => l.Text == "arm-smmu-v3 1000000.iommu: event 0x02 received:" && l.Level == LogLevel.Info);
        Assert.Contains(r.Log, l => l.Text == "arm-smmu-v3 1000000.iommu: \t0x0000800000000002");
        Assert.Contains(b.DmaEvents, e => e.Operation == "device access" && e.Faulted);
    }
}
