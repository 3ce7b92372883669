using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Tests.Boot;

namespace ProbeSim.Kernel.Tests.Iommu;

/// <summary>
/// The five stories of ../shared/README.md, end to end from a DTS under the profile of their time
/// (spec driver-core-and-dma.md section 11 and iommu-core.md section 12).
/// </summary>
public class StoryTests
{
    // ---- A: arm64 IOMMU DMA ops through bus notifiers (v4.4), S1

    // spec S1's premise: the IOMMU has an IOMMU_OF_DECLARE hook (acme,smmu is in no profile's iommu_of_declare table)
    internal const string SmmuDeclared = "drivers:\n  - { compatible: acme,smmu, iommu: { of-declare: true } }\n";

    [Fact]
    public void A_v4_4_attach_is_queued_at_creation_and_replayed_at_add_device()
    {
        var r = Sim.Boot(OfIommuScenarioTests.T0, SmmuDeclared, profile: "v4.4");
        var dma = r.Dev("2000000.dma");
        Assert.Equal(DeviceState.Bound, dma.State);
        Assert.Equal(0, dma.IommuGroup);
        Assert.Equal("DMA", dma.DomainType);
        Assert.Equal("iommu-dma", dma.DmaOps);
        Assert.True(r.Logged("iommu: Adding device 2000000.dma to group 0"));
        // the group and the ops exist before the driver probes: ADD_DEVICE did it
        var added = r.Log.Single(l => l.Text == "iommu: Adding device 2000000.dma to group 0").TimeUs;
        Assert.True(added < r.Notifiers.First(n => n.Device == "2000000.dma" && n.Event == "BIND_DRIVER").TimeUs);
    }

    // v4.4 arch/arm64/mm/dma-mapping.c prints nothing when it queues (860-877) or replays (879-897): the two debug
    // lines are the model's and say so with Kernel.ModelLogPrefix
    [Fact]
    public void A_v4_4_queue_and_replay_are_debug_lines_marked_as_the_models()
    {
        var r = Sim.Boot(OfIommuScenarioTests.T0, SmmuDeclared, profile: "v4.4");
        var mine = r.Log.Where(l => l.Device == "2000000.dma" && l.Text.StartsWith(Kernel.Boot.Kernel.ModelLogPrefix, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, mine.Count);
        Assert.All(mine, l => Assert.Equal(LogLevel.Debug, l.Level));
        Assert.Contains("queue_iommu_attach", mine[0].Text);
        Assert.Contains("__iommu_attach_notifier: BUS_NOTIFY_ADD_DEVICE of 2000000.dma", mine[1].Text);
        // the replay comes after the IOMMU core's group (iommu_bus_notifier runs first: the arm64 notifier has priority -100, :916)
        Assert.True(r.Log.ToList().IndexOf(mine[1]) > r.Log.ToList().FindIndex(l => l.Text == "iommu: Adding device 2000000.dma to group 0"));
        Assert.DoesNotContain(r.Log, l => l.Text.Contains("fwspec", StringComparison.Ordinal));
    }

    [Fact]
    public void A_v4_4_iommu_initialised_late_leaves_swiotlb_forever()
    {
        // S1b: no IOMMU_OF_DECLARE hook: the IOMMU probes at device_initcall, after the masters were configured
        var r = Sim.Boot(OfIommuScenarioTests.T0, "drivers:\n  - { compatible: acme,smmu, iommu: { of-declare: false } }\n", profile: "v4.4");
        var dma = r.Dev("2000000.dma");
        Assert.Equal(DeviceState.Bound, dma.State);
        Assert.Null(dma.IommuGroup);
        Assert.Equal("swiotlb", dma.DmaOps);
    }

    [Fact]
    public void A_v4_11_attaches_at_bind_driver()
    {
        var r = Sim.Boot(OfIommuScenarioTests.T0, SmmuDeclared, profile: "v4.11");
        Assert.Equal("iommu-dma", r.Dev("2000000.dma").DmaOps);
        Assert.Equal(0, r.Dev("2000000.dma").IommuGroup);
    }

    [Fact]
    public void A_v4_2_records_coherency_only()
    {
        var r = Sim.Boot(OfIommuScenarioTests.T0, profile: "v4.2");
        Assert.Equal("swiotlb", r.Dev("2000000.dma").DmaOps);
    }

    // ---- B: missing or exhausted IOMMUs, iommu-core S8 (arm-smmu v2, two context banks, three masters)

    static readonly string S8 = Sim.Soc("""
        smmu: iommu@1000000 { compatible = "arm,mmu-500"; reg = <0x1000000 0x10000>; #iommu-cells = <1>; };
        m0: dma@2000000 { compatible = "acme,m0"; reg = <0x2000000 0x1000>; iommus = <&smmu 0x100>; };
        m1: dma@2001000 { compatible = "acme,m1"; reg = <0x2001000 0x1000>; iommus = <&smmu 0x101>; };
        m2: dma@2002000 { compatible = "acme,m2"; reg = <0x2002000 0x1000>; iommus = <&smmu 0x102>; };
        """);
    const string TwoBanks = "drivers:\n  - { compatible: arm,mmu-500, iommu: { context-banks: 2 } }\n";

    [Fact]
    public void B_v4_12_third_master_fails_to_join_and_bypasses()
    {
        var r = Sim.Boot(S8, TwoBanks, profile: "v4.12");
        Assert.Equal(0, r.Dev("2000000.dma").IommuGroup);
        Assert.Equal(1, r.Dev("2001000.dma").IommuGroup);
        var m2 = r.Dev("2002000.dma");
        Assert.Equal(DeviceState.Bound, m2.State);
        Assert.Null(m2.IommuGroup);
        Assert.Equal("swiotlb", m2.DmaOps);
        Assert.True(r.Logged("iommu: Failed to add device 2002000.dma to group 2: -28"));
        // arm-smmu in v4.12 lets an unmatched stream bypass: the device works untranslated
        Assert.Equal("no-iommu", m2.Dma);
        Assert.Equal(2, r.Iommus.Single().ContextBanksInUse);
    }

    [Fact]
    public void B_v5_10_adds_then_removes_and_the_stream_is_blocked()
    {
        var r = Sim.Boot(S8, TwoBanks, profile: "v5.10");
        var m2 = r.Dev("2002000.dma");
        Assert.True(r.Logged("acme-m2 2002000.dma: Adding to iommu group 2"));
        Assert.True(r.Logged("acme-m2 2002000.dma: Removing from iommu group 2"));
        Assert.Equal(DeviceState.Bound, m2.State);
        Assert.Equal("direct", m2.DmaOps);
        Assert.Equal("blocked", m2.Dma);
        Assert.Equal(2, r.IommuGroups.Count);
    }

    [Fact]
    public void B_v6_6_warns_without_a_removing_line()
    {
        var r = Sim.Boot(S8, TwoBanks, profile: "v6.6");
        Assert.True(r.Logged("acme-m2 2002000.dma: Adding to iommu group 2"));
        Assert.Contains(r.Log, l => l.Text.StartsWith("WARNING: CPU: 0 PID: 1 at drivers/iommu/iommu.c"));
        Assert.DoesNotContain(r.Log, l => l.Text.Contains("Removing from iommu group"));
        Assert.Null(r.Dev("2002000.dma").IommuGroup);
        Assert.Equal("direct", r.Dev("2002000.dma").DmaOps);
        Assert.Equal(new[] { 0, 1 }, r.IommuGroups.Select(g => g.Id));
    }

    [Fact]
    public void B_passthrough_needs_no_context_banks()
    {
        var r = Sim.Boot(S8, TwoBanks, profile: "v6.6", cmdline: "iommu.passthrough=1");
        Assert.All(new[] { "2000000.dma", "2001000.dma", "2002000.dma" }, n => Assert.Equal("identity", r.Dev(n).DomainType));
        Assert.All(r.IommuGroups, g => Assert.Equal("identity", g.Type));
        Assert.Equal(0, r.Iommus.Single().ContextBanksInUse);
        Assert.True(r.Logged("iommu: Default domain type: Passthrough (set via kernel command line)"));
        Assert.Equal("direct", r.Dev("2002000.dma").DmaOps);
    }

    [Fact]
    public void B_masters_sharing_a_stream_id_share_a_group_and_a_bank()
    {
        var shared = S8.Replace("iommus = <&smmu 0x102>", "iommus = <&smmu 0x101>");
        var r = Sim.Boot(shared, TwoBanks, profile: "v6.6");
        Assert.Equal(1, r.Dev("2001000.dma").IommuGroup);
        Assert.Equal(1, r.Dev("2002000.dma").IommuGroup);
        Assert.Equal("iommu-dma", r.Dev("2002000.dma").DmaOps);
        Assert.Equal(2, r.Iommus.Single().ContextBanksInUse);
    }

    // ---- C: the v4.12-rc1 regressions, S3 (disabled IOMMU), S4 (never registers), S5 (arm32 stale dma_ops)

    static readonly string S3 = Sim.Soc("""
        ipmmu_hc: iommu@e6570000 { compatible = "renesas,ipmmu-r8a7795"; reg = <0xe6570000 0x1000>; #iommu-cells = <1>; status = "disabled"; };
        sata: sata@ee300000 { compatible = "renesas,r8a7795-sata"; reg = <0xee300000 0x2000>; iommus = <&ipmmu_hc 2>; };
        """);
    const string IpmmuDeclared = "drivers:\n  - { compatible: renesas,ipmmu-r8a7795, name: ipmmu-vmsa, iommu: { of-declare: true } }\n";

    [Fact]
    public void C_v4_12_rc1_master_behind_a_disabled_iommu_defers_forever()
    {
        var r = Sim.Boot(S3, IpmmuDeclared, profile: "v4.12-rc1");
        var sata = r.Dev("ee300000.sata");
        Assert.Equal(DeviceState.Deferred, sata.State);
        Assert.Null(r.DevicesDeferred);
        Assert.True(sata.ProbeAttempts >= 2);
    }

    [Theory]
    [InlineData("v4.12")]
    [InlineData("v6.6")]
    public void C_v4_12_disabled_iommu_means_no_iommu(string profile)
    {
        var r = Sim.Boot(S3, IpmmuDeclared, profile: profile);
        var sata = r.Dev("ee300000.sata");
        Assert.Equal(DeviceState.Bound, sata.State);
        Assert.Equal(1, sata.ProbeAttempts);
        Assert.Null(sata.IommuGroup);
        Assert.Empty(r.Devlinks);
    }

    static readonly string S4 = S3.Replace(" status = \"disabled\";", "");

    [Fact]
    public void C_v4_12_iommu_that_never_registers_keeps_the_master_deferred_until_a_later_bind()
    {
        const string noRegister = "drivers:\n  - { compatible: renesas,ipmmu-r8a7795, name: ipmmu-vmsa, iommu: { of-declare: true, register: false } }\n";
        var r = Sim.Boot(S4, noRegister, profile: "v4.12");
        Assert.Equal(DeviceState.Deferred, r.Dev("ee300000.sata").State);
        // an unrelated device bound by a module loaded later triggers the retry; boot is over, so no IOMMU
        var withLate = S4.Replace("sata: sata@", "late: late@3000000 { compatible = \"acme,late\"; reg = <0x3000000 0x100>; };\n sata: sata@");
        var later = Sim.Boot(withLate, noRegister + "  - { compatible: acme,late, as: module, load-at: 5 }\n", profile: "v4.12");
        Assert.Equal(DeviceState.Bound, later.Dev("ee300000.sata").State);
        Assert.Null(later.Dev("ee300000.sata").IommuGroup);
        Assert.True(later.Dev("ee300000.sata").BoundAtUs > later.Log.Single(l => l.Text.StartsWith("Kernel command line")).TimeUs + 5_000_000);
    }

    [Fact]
    public void C_v4_12_fixed_driver_registers_and_the_master_joins_group_0()
    {
        var r = Sim.Boot(S4, IpmmuDeclared + "order: [renesas-r8a7795-sata, ipmmu-vmsa]\n", profile: "v4.12");
        var sata = r.Dev("ee300000.sata");
        Assert.Equal(DeviceState.Bound, sata.State);
        Assert.Equal(0, sata.IommuGroup);
        Assert.Equal("iommu-dma", sata.DmaOps);
        Assert.True(r.Logged("iommu: Adding device ee300000.sata to group 0"));
    }

    [Fact]
    public void C_v6_6_iommu_that_never_registers_times_out()
    {
        var r = Sim.Boot(S4, "drivers:\n  - { compatible: renesas,ipmmu-r8a7795, iommu: no-register }\n", profile: "v6.6");
        Assert.Equal(DeviceState.Bound, r.Dev("ee300000.sata").State);
        Assert.True(r.Logged("renesas-r8a7795-sata ee300000.sata: deferred probe timeout, ignoring dependency"));
    }

    internal static readonly string S5 = """
        /dts-v1/;
        / { #address-cells = <1>; #size-cells = <1>;
          cpus { #address-cells = <1>; #size-cells = <0>; cpu@0 { device_type = "cpu"; compatible = "arm,cortex-a15"; reg = <0>; }; };
          soc { compatible = "simple-bus"; #address-cells = <1>; #size-cells = <1>; ranges;
            ipmmu_du: iommu@fe951000 { compatible = "renesas,ipmmu-vmsa"; reg = <0xfe951000 0x1000>; #iommu-cells = <1>; };
            du: display@feb00000 { compatible = "renesas,du-r8a7791"; reg = <0xfeb00000 0x40000>; iommus = <&ipmmu_du 0>; clocks = <&late_clk 0>; };
            late_clk: clock-controller@e6150000 { compatible = "acme,late-clk"; reg = <0xe6150000 0x1000>; #clock-cells = <1>; };
          };
        };
        """;
    // mainline v4.12 ipmmu-vmsa: no iommu_device, no of_xlate, no declare entry; on arm32 add_device attaches a shared mapping
    internal const string S5Drivers = """
        drivers:
          - { compatible: renesas,ipmmu-vmsa, name: ipmmu-vmsa, iommu: { register: false, of-declare: false } }
          - { compatible: acme,late-clk, initcall: late }
        """;

    [Fact]
    public void C_v4_12_rc1_arm32_deferred_probe_leaves_stale_iommu_dma_ops()
    {
        var r = Sim.Boot(S5, S5Drivers, profile: "v4.12-rc1");
        var du = r.Dev("feb00000.display");
        Assert.Equal(DeviceState.Bound, du.State);
        Assert.True(du.ProbeAttempts >= 2);
        Assert.Equal("arm-iommu", du.DmaOps);
        Assert.Equal("broken", du.Dma);
        Assert.Contains("without a dma_iommu_mapping", du.DmaNote.Text());
    }

    [Fact]
    public void C_v4_12_dma_ops_setup_guard_keeps_the_shared_mapping()
    {
        var r = Sim.Boot(S5, S5Drivers, profile: "v4.12");
        var du = r.Dev("feb00000.display");
        Assert.Equal(DeviceState.Bound, du.State);
        Assert.True(du.ProbeAttempts >= 2);
        Assert.Equal("arm-iommu", du.DmaOps);
        Assert.Equal("iommu", du.Dma);
        Assert.Null(du.DmaNote);
        Assert.True(r.Logged("iommu: Adding device feb00000.display to group 0"));
    }

    // S6: arm32, plain ops kept across a deferral while the IOMMU arrives late (v4.14), cleared from v5.4
    internal static readonly string S6 = S5.Replace("renesas,ipmmu-vmsa", "acme,smmu-lite").Replace("ipmmu_du", "iommu0");
    internal const string S6Drivers = "drivers:\n  - { compatible: acme,smmu-lite, initcall: late, iommu: { of-declare: false } }\n  - { compatible: acme,late-clk, initcall: late }\n";

    [Fact]
    public void C_v4_14_arm32_plain_ops_survive_the_deferral()
    {
        var r = Sim.Boot(S6, S6Drivers, profile: "v4.14");
        var du = r.Dev("feb00000.display");
        Assert.Equal(DeviceState.Bound, du.State);
        Assert.Equal("arm", du.DmaOps);
    }

    [Fact]
    public void C_v5_4_arm32_teardown_clears_ops_and_the_iommu_is_used()
    {
        var r = Sim.Boot(S6, S6Drivers, profile: "v5.4");
        var du = r.Dev("feb00000.display");
        Assert.Equal(DeviceState.Bound, du.State);
        Assert.Equal("arm-iommu", du.DmaOps);
        Assert.Equal("iommu", du.Dma);
    }

    [Theory]
    [InlineData("v5.10")]
    [InlineData("v6.1")]
    public void C_arm32_master_reprobed_after_its_clock_deferred_gets_a_fresh_mapping(string profile)
    {
        // the display's probe defers after dma_configure attached its mapping; arm_teardown_iommu_dma_ops ->
        // arm_iommu_detach_device leaves the group with no domain (arm32 groups have no default domain: 6.1
        // drivers/iommu/iommu.c:2025-2041, 2146-2153), so the re-probe's arm_setup_iommu_dma_ops attaches a new mapping
        // and the device ends with IOMMU ops (6.1 arch/arm/mm/dma-mapping.c:1722-1745); before issue 14 the model refused
        // that attach ("Failed to attached device ... to IOMMU_mapping") and ended with arm ops
        const string deferOnce = "drivers:\n  - { compatible: acme,smmu-lite, iommu: { of-declare: false } }\n  - { compatible: acme,late-clk, initcall: late }\n  - { compatible: renesas,du-r8a7791, probe: [ {defer: 1}, succeed ], resources: false }\n";
        var r = Sim.Boot(S6, deferOnce, profile: profile);
        var du = r.Dev("feb00000.display");
        Assert.Equal(DeviceState.Bound, du.State);
        Assert.True(du.ProbeAttempts >= 2);
        Assert.Equal("arm-iommu", du.DmaOps);
        Assert.Equal("iommu", du.Dma);
        Assert.False(r.Logged("Failed to attached device feb00000.display to IOMMU_mapping"));
    }

    // ---- D: BUS_NOTIFY_DRIVER_NOT_BOUND lets a BIND_DRIVER listener undo what it did (S2)

    [Theory]
    [InlineData("v4.4", "ADD_DEVICE,BIND_DRIVER")]
    [InlineData("v4.11", "ADD_DEVICE,BIND_DRIVER,DRIVER_NOT_BOUND")]
    [InlineData("v5.19", "ADD_DEVICE,BIND_DRIVER,DRIVER_NOT_BOUND")]
    public void D_failed_probe_notifier_sequence(string profile, string events)
    {
        var r = Sim.Boot(OfIommuScenarioTests.T0, "drivers:\n  - { compatible: acme,dmac, probe: {fail: EINVAL} }\n", profile: profile);
        Assert.Equal(events, string.Join(",", r.Events("2000000.dma")));
    }

    [Theory]
    [InlineData("v4.12", "ADD_DEVICE,DRIVER_NOT_BOUND,BIND_DRIVER,BOUND_DRIVER")]
    [InlineData("v5.10", "ADD_DEVICE,DRIVER_NOT_BOUND,BIND_DRIVER,BOUND_DRIVER")]
    [InlineData("v5.19", "ADD_DEVICE,BIND_DRIVER,BOUND_DRIVER")]
    public void D_iommu_not_ready_then_ready(string profile, string events)
    {
        // (d): the dmac's first dma_configure defers on the IOMMU, which registers later
        var r = Sim.Boot(OfIommuScenarioTests.T0, "order: [acme-dmac, acme-smmu]\n" + SmmuDeclared, profile: profile);
        Assert.Equal(events, string.Join(",", r.Events("2000000.dma")));
        Assert.Equal(0, r.Dev("2000000.dma").IommuGroup);
    }
}
