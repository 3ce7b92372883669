using ProbeSim.Acpi.Ivrs;
using ProbeSim.Kernel.Iommu.Amd;
using static ProbeSim.Kernel.Tests.Iommu.Amd.AmdIvrs;

namespace ProbeSim.Kernel.Tests.Iommu.Amd;

/// <summary>
/// Detection, the ACS request and every way Linux 6.1's amd-iommu gives up on AMD-Vi before PCI enumeration.
/// "init.c" is drivers/iommu/amd/init.c of linux-source-6.1.
/// </summary>
public class AmdIommuInitTests
{
    private static readonly IvrsTable Simple = Parse(Ivhd10(D(0, 0, 2), All()));
    private static readonly AmdIommuPlatform NoIrqRemap = new() { IrqRemapPrepare = false };

    [Fact]
    public void A_good_table_is_detected_requests_acs_and_reaches_acpi_finished()
    {
        var s = AmdIommuInit.Run(Simple);
        // amd_iommu_detect (init.c:3442-3448): detected once IOMMU_IVRS_DETECTED is reached
        Assert.True(s.Detected);
        // detect_ivrs (init.c:3231-3232): pci_request_acs before PCI enumeration
        Assert.True(s.AcsRequested);
        // state_next (init.c:3261-3262): the IVRS passes succeed
        Assert.Equal(AmdIommuInitState.AcpiFinished, s.State);
        Assert.Null(s.Failure);
        Assert.Equal(["ivhd0"], s.Iommus.Select(i => i.SysfsName));
    }

    [Fact]
    public void Without_an_ivrs_table_nothing_is_detected_and_acs_is_not_requested()
    {
        var s = AmdIommuInit.Run(null);
        // detect_ivrs (init.c:3205-3207): no table; state_next (init.c:3249-3251): IOMMU_NOT_FOUND
        Assert.Equal(AmdIommuInitState.NotFound, s.State);
        Assert.IsType<AmdNoIvrs>(s.Failure);
        Assert.False(s.Detected);
        Assert.False(s.AcsRequested);
        Assert.Empty(s.Iommus);
    }

    [Fact]
    public void Amd_iommu_off_disables_after_detection_which_still_requests_acs()
    {
        var s = AmdIommuInit.Run(Simple, AmdIommuCmdline.Parse("quiet amd_iommu=off"));
        // state_next (init.c:3257-3259): amd_iommu_disabled is IOMMU_CMDLINE_DISABLED ...
        Assert.Equal(AmdIommuInitState.CmdlineDisabled, s.State);
        Assert.Equal(new AmdDisabledOnCmdline("state_next"), s.Failure);
        Assert.Equal(-22, s.Failure!.Errno);
        Assert.Null(s.Tables);
        Assert.Empty(s.Iommus);
        // ... but amd_iommu_detect (init.c:3442) reached IOMMU_IVRS_DETECTED first, and detect_ivrs (init.c:3232) requested ACS
        Assert.True(s.Detected);
        Assert.True(s.AcsRequested);
    }

    [Fact]
    public void Amd_iommu_off_in_an_older_kernel_stops_amd_iommu_detect_before_the_acs_request()
    {
        var rules = new AmdIommuRules { CmdlineOffStopsDetect = true };
        var s = AmdIommuInit.Run(Simple, AmdIommuCmdline.Parse("amd_iommu=off"), NoIrqRemap, rules);
        Assert.Equal(AmdIommuInitState.Start, s.State);
        Assert.Equal(new AmdDisabledOnCmdline("amd_iommu_detect"), s.Failure);
        Assert.False(s.AcsRequested);
        // interrupt-remapping setup still runs detect_ivrs (ACS requested) and then fails early_amd_iommu_init
        var withIr = AmdIommuInit.Run(Simple, AmdIommuCmdline.Parse("amd_iommu=off"), rules: rules);
        Assert.True(withIr.AcsRequested);
        Assert.Equal(AmdIommuInitState.InitError, withIr.State);
        Assert.Equal(new AmdDisabledOnCmdline("amd_iommu_detect"), withIr.Failure);
    }

    [Fact]
    public void Iommu_off_skips_detection_and_acs_is_requested_only_through_interrupt_remapping()
    {
        var cmd = AmdIommuCmdline.Parse("iommu=off");
        // amd_iommu_detect (init.c:3436-3437): no_iommu returns before detect_ivrs
        var s = AmdIommuInit.Run(Simple, cmd, NoIrqRemap);
        Assert.Equal(AmdIommuInitState.Start, s.State);
        Assert.IsType<AmdNoIommuOnCmdline>(s.Failure);
        Assert.False(s.Detected);
        Assert.False(s.AcsRequested);
        // amd_iommu_prepare (init.c:3339) runs detect_ivrs (ACS requested), early_amd_iommu_init (init.c:3091-3092) fails
        var ir = AmdIommuInit.Run(Simple, cmd);
        Assert.True(ir.AcsRequested);
        Assert.Equal(AmdIommuInitState.InitError, ir.State);
        Assert.IsType<AmdNoIommuOnCmdline>(ir.Failure);
        // setup_irqremap (drivers/iommu/irq_remapping.c:64-66) and irq_remapping_prepare (irq_remapping.c:99-100)
        Assert.False(AmdIommuInit.Run(Simple, AmdIommuCmdline.Parse("iommu=off intremap=off")).AcsRequested);
        Assert.False(AmdIommuInit.Run(Simple, AmdIommuCmdline.Parse("iommu=off nointremap")).AcsRequested);
    }

    [Fact]
    public void Iommu_soft_does_not_keep_amd_iommu_off()
    {
        var s = AmdIommuInit.Run(Simple, AmdIommuCmdline.Parse("iommu=soft"));
        // iommu_setup (arch/x86/kernel/pci-dma.c:173-174) only enables SWIOTLB; amd_iommu_detect (init.c:3436) does not look at it
        Assert.Equal(AmdIommuInitState.AcpiFinished, s.State);
    }

    [Fact]
    public void Stoney_ridge_graphics_on_bus_0_keeps_amd_iommu_off_unless_force_enable()
    {
        var platform = new AmdIommuPlatform { Bus0Functions = [(0, 0x1022, 0x15d0), (1, 0x1002, 0x98e4)] };
        var s = AmdIommuInit.Run(Simple, platform: platform);
        // detect_ivrs (init.c:3219-3227): 1002:98e4 on bus 0 returns false, before pci_request_acs
        Assert.Equal(AmdIommuInitState.NotFound, s.State);
        Assert.Equal(new AmdStoneyRidgeGraphics(1), s.Failure);
        Assert.False(s.AcsRequested);
        // detect_ivrs (init.c:3216-3217): amd_iommu=force_enable skips the check
        var forced = AmdIommuInit.Run(Simple, AmdIommuCmdline.Parse("amd_iommu=force_enable"), platform);
        Assert.Equal(AmdIommuInitState.AcpiFinished, forced.State);
        Assert.True(forced.AcsRequested);
        Assert.Equal(AmdIommuInitState.AcpiFinished, AmdIommuInit.Run(Simple, platform: platform, rules: new AmdIommuRules { StoneyRidgeCheck = false }).State);
    }

    [Fact]
    public void A_bad_checksum_fails_the_ivrs_passes_after_acs_was_requested()
    {
        var ivrs = IvrsParser.Parse(ProbeSim.Acpi.Tests.IvrsBytes.Table().Bytes(Ivhd10(D(0, 0, 2), All())).Build(checksumDelta: 1));
        var s = AmdIommuInit.Run(ivrs);
        // check_ivrs_checksum (init.c:600-605) from early_amd_iommu_init (init.c:3107-3109): -ENODEV, IOMMU_INIT_ERROR
        Assert.Equal(AmdIommuInitState.InitError, s.State);
        var f = Assert.IsType<AmdIvrsBadChecksum>(s.Failure);
        Assert.Equal("check_ivrs_checksum", f.KernelFunction);
        Assert.Equal(-19, f.Errno);
        Assert.Empty(s.Iommus);
        // detect_ivrs (init.c:3205-3232) only looks for the table
        Assert.True(s.AcsRequested);
    }

    [Fact]
    public void A_target_type_that_is_no_ivhd_type_fails()
    {
        // get_highest_supported_ivhd_type (init.c:1898-1910) takes the first block's type, here an IVMD's
        var ivrs = Parse(Memory(0x21, D(0, 1, 0)), Ivhd10(D(0, 0, 2), All()));
        Assert.Equal((byte)0x21, ivrs.TargetIvhdType);
        var t = AmdIommuTables.Build(ivrs);
        // find_last_devid_from_ivhd (init.c:562-564): "Unsupported IVHD type", so init_iommu_one (init.c:1765-1767) fails
        Assert.Equal(new AmdUnsupportedIvhdType(0x21, 48), t.Failure);
        Assert.Equal(-12, t.Failure!.Errno);
        Assert.Empty(t.Iommus);
    }

    [Fact]
    public void An_ivhd_without_device_entries_fails_its_segment()
    {
        var ivrs = Parse(Ivhd10(D(0, 0, 2), All()), Ivhd10(D(0x40, 0, 2), Special(0, D(0, 0x14, 0), 1)));
        var t = AmdIommuTables.Build(ivrs);
        // find_last_devid_acpi (init.c:629-632): -EINVAL for the segment, at the first IVHD of that segment
        Assert.Equal(new AmdIvhdWithoutDevices(0, ivrs.Ivhds[1].Offset), t.Failure);
        Assert.Empty(t.Iommus);
        Assert.NotNull(ivrs.Rejection);
    }

    [Fact]
    public void A_special_entry_of_unknown_variety_fails()
    {
        var ivrs = Parse(Ivhd10(D(0, 0, 2), All(), Special(0, D(0, 0x14, 0), 3)));
        var t = AmdIommuTables.Build(ivrs);
        // add_special_device (init.c:1212-1218): -EINVAL, init_iommu_from_acpi (init.c:1501-1503) returns it
        Assert.Equal(new AmdUnknownSpecialVariety(3, ivrs.Ivhds[0].Entries[1].Offset), t.Failure);
    }

    [Fact]
    public void A_33rd_ivhd_is_more_iommus_than_the_driver_supports()
    {
        var blocks = Enumerable.Range(0, 33).Select(i => Ivhd10(D(i, 0, 2), Select(D(i, 1, 0)))).ToArray();
        var ivrs = Parse(blocks);
        var t = AmdIommuTables.Build(ivrs);
        // init_iommu_one (init.c:1775-1780): index 32 reaches MAX_IOMMUS (amd_iommu_types.h:23), -ENOSYS
        Assert.Equal(new AmdTooManyIommus(32, ivrs.Ivhds[32].Offset), t.Failure);
        Assert.Equal(-38, t.Failure!.Errno);
        Assert.Equal(32, Good(Parse(blocks[..32])).Iommus.Count);
    }

    [Fact]
    public void A_table_without_blocks_gives_no_iommu_and_no_failure()
    {
        // init_iommu_all (init.c:1928): no block of any type, no IOMMU
        var s = AmdIommuInit.Run(Parse());
        Assert.Equal(AmdIommuInitState.AcpiFinished, s.State);
        Assert.Empty(s.Iommus);
    }

    [Fact]
    public void The_iommus_own_pci_function_must_exist_at_pci_init()
    {
        var t = Good(Parse(Ivhd10(D(0, 0, 2), All()), Ivhd10(D(0x40, 0, 2), RangeStart(D(0x40, 0, 0)), RangeEnd(D(0x40, 0x1f, 7)))));
        // iommu_init_pci (init.c:2059-2063): pci_get_domain_bus_and_slot finds nothing, -ENODEV; amd_iommu_init_pci (init.c:2217-2222) stops
        var f = t.PciInit((seg, devid) => devid != D(0x40, 0, 2));
        Assert.Equal(new AmdIommuPciFunctionMissing(1, 0, D(0x40, 0, 2)), f);
        Assert.Null(t.PciInit((_, _) => true));
    }
}
