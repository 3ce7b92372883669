using ProbeSim.Kernel.Iommu.Amd;
using static ProbeSim.Kernel.Tests.Iommu.Amd.AmdIvrs;

namespace ProbeSim.Kernel.Tests.Iommu.Amd;

/// <summary>
/// The command line as Linux 6.1 reads it for amd-iommu: amd_iommu=, iommu=, intremap=, ivrs_ioapic, ivrs_hpet,
/// ivrs_acpihid. "init.c" is drivers/iommu/amd/init.c of linux-source-6.1.
/// </summary>
public class AmdIommuCmdlineTests
{
    [Fact]
    public void Nothing_given_is_every_default()
    {
        var c = AmdIommuCmdline.Parse("root=/dev/sda1 quiet");
        Assert.False(c.Off || c.ForceIsolation || c.ForceEnable || c.NoIommu || c.IrqRemapDisabled);
        Assert.Null(c.DefaultPassthrough);
        Assert.Empty(c.UnknownOptions);
        Assert.Empty(c.IoApicOverrides);
        Assert.Empty(c.RejectedOverrides);
    }

    [Fact]
    public void Amd_iommu_options_are_prefixes_separated_by_commas_and_accumulate()
    {
        var c = AmdIommuCmdline.Parse("amd_iommu=force_isolation,,fullflush amd-iommu=offline,bogus amd_iommu=pgtbl_v2");
        // parse_amd_iommu_options (init.c:3488-3496): strncmp prefixes, so "offline" is "off"; "-" and "_" alike (parameqn, kernel/params.c:86-95)
        Assert.True(c.ForceIsolation);
        Assert.True(c.FullFlush);
        Assert.True(c.Off);
        Assert.False(c.ForceEnable);
        // parse_amd_iommu_options (init.c:3503-3504): "Unknown option", ignored; pgtbl_v2 is known (init.c:3499-3500)
        Assert.Equal(["bogus"], c.UnknownOptions);
        // "amd_iommu" without '=' is no amd_iommu= parameter (obsolete_checksetup, init/main.c:207-208)
        Assert.False(AmdIommuCmdline.Parse("amd_iommu off").Off);
    }

    [Fact]
    public void X86_iommu_options()
    {
        // iommu_setup (arch/x86/kernel/pci-dma.c:138-139, 173-179)
        Assert.True(AmdIommuCmdline.Parse("iommu=off").NoIommu);
        Assert.True(AmdIommuCmdline.Parse("iommu=pt").DefaultPassthrough);
        Assert.False(AmdIommuCmdline.Parse("iommu=pt,nopt").DefaultPassthrough);
        Assert.True(AmdIommuCmdline.Parse("iommu=nopt iommu=pt").DefaultPassthrough);
        Assert.True(AmdIommuCmdline.Parse("iommu=soft").Swiotlb);
        // iommu_setup (pci-dma.c:167-170): "usedac" returns before the options after it
        Assert.False(AmdIommuCmdline.Parse("iommu=usedac,off").NoIommu);
        // do_early_param (init/main.c:715-716) matches the whole name: iommu.passthrough is not iommu=
        Assert.Null(AmdIommuCmdline.Parse("iommu.passthrough=1").DefaultPassthrough);
    }

    [Fact]
    public void Intremap_off_and_nointremap_disable_interrupt_remapping_and_on_undoes_it()
    {
        // setup_irqremap (drivers/iommu/irq_remapping.c:61-66), setup_nointremap (irq_remapping.c:48-53)
        Assert.True(AmdIommuCmdline.Parse("intremap=off").IrqRemapDisabled);
        Assert.True(AmdIommuCmdline.Parse("nointremap").IrqRemapDisabled);
        Assert.False(AmdIommuCmdline.Parse("intremap=off intremap=on").IrqRemapDisabled);
        Assert.False(AmdIommuCmdline.Parse("intremap=nosid").IrqRemapDisabled);
    }

    [Fact]
    public void Ivrs_ioapic_and_hpet_overrides_in_both_forms()
    {
        var c = AmdIommuCmdline.Parse("ivrs_ioapic=5@00:14.0 ivrs_ioapic=6@0001:40:00.1 ivrs_ioapic[7]=00:14.2 ivrs_hpet[0]=0:00:14.3 ivrs_hpet=1@0x10:1f.7");
        // parse_ivrs_ioapic (init.c:3521-3529): "=id@[seg:]bus:dev.fn" and the deprecated "[id]=[seg:]bus:dev.fn"
        Assert.Equal([new AmdSpecialOverride(5, 0, D(0, 0x14, 0), false), new AmdSpecialOverride(6, 1, D(0x40, 0, 1), false),
            new AmdSpecialOverride(7, 0, D(0, 0x14, 2), true)], c.IoApicOverrides);
        // parse_ivrs_hpet (init.c:3559-3567); %x takes a 0x prefix (_parse_integer_fixup_radix, lib/kstrtox.c:37-38)
        Assert.Equal([new AmdSpecialOverride(0, 0, D(0, 0x14, 3), true), new AmdSpecialOverride(1, 0, D(0x10, 0x1f, 7), false)], c.HpetOverrides);
        Assert.Empty(c.RejectedOverrides);
    }

    [Fact]
    public void Bad_or_surplus_special_overrides_are_dropped()
    {
        var c = AmdIommuCmdline.Parse("ivrs_ioapic=5@00-14.0 ivrs_ioapic[x]=00:14.0 " +
            "ivrs_ioapic=1@0:1.0 ivrs_ioapic=2@0:2.0 ivrs_ioapic=3@0:3.0 ivrs_ioapic=4@0:4.0 ivrs_ioapic=5@0:5.0");
        // parse_ivrs_ioapic (init.c:3532-3533): "Invalid command line"; (init.c:3536-3539): EARLY_MAP_SIZE (init.c:216) is 4
        Assert.Equal([AmdOverrideRejection.InvalidFormat, AmdOverrideRejection.InvalidFormat, AmdOverrideRejection.MapFull],
            c.RejectedOverrides.Select(r => r.Reason));
        Assert.Equal("ivrs_ioapic=5@0:5.0", c.RejectedOverrides[2].Parameter);
        Assert.Equal([1, 2, 3, 4], c.IoApicOverrides.Select(o => (int)o.Id));
        // parse_ivrs_ioapic (init.c:3546): the early map stores the id as a u8
        Assert.Equal(4, AmdIommuCmdline.Parse("ivrs_ioapic=260@0:1.0").IoApicOverrides[0].Id);
    }

    [Fact]
    public void Ivrs_acpihid_overrides()
    {
        var c = AmdIommuCmdline.Parse("ivrs_acpihid=AMDI0020:00@00:14.5 ivrs_acpihid[0001:00:14.6]=AMD0040:ID0");
        // parse_ivrs_acpihid (init.c:3620-3631): "=HID:UID@[seg:]bus:dev.fn"; (init.c:3657-3658): leading UID zeros dropped
        // parse_ivrs_acpihid (init.c:3611-3615): the deprecated "[[seg:]bus:dev.fn]=HID:UID"
        Assert.Equal([new AmdAcpiHidOverride("AMDI0020", "0", 0, D(0, 0x14, 5), false), new AmdAcpiHidOverride("AMD0040", "ID0", 1, D(0, 0x14, 6), true)],
            c.AcpiHidOverrides);
        // parse_ivrs_acpihid (init.c:3644-3665): no UID, an empty HID, a HID of 9 characters
        var bad = AmdIommuCmdline.Parse("ivrs_acpihid=AMDI0020@00:14.5 ivrs_acpihid=:1@00:14.5 ivrs_acpihid=AMDI00200:1@00:14.5 ivrs_acpihid=X:1@zz");
        Assert.Equal([AmdOverrideRejection.InvalidHidOrUid, AmdOverrideRejection.InvalidHidOrUid, AmdOverrideRejection.HidTooLong, AmdOverrideRejection.InvalidFormat],
            bad.RejectedOverrides.Select(r => r.Reason));
    }

    [Fact]
    public void An_acpihid_override_replaces_the_ivrs_requestor_id()
    {
        var hid = ProbeSim.Acpi.Tests.IvrsBytes.AcpiHid(D(0, 0x14, 5), 0, "AMDI0020", "", 1, [0]);
        var t = Good(Parse(IvhdOfType(0x40, D(0, 0, 2), RangeStart(D(0, 0, 0)), RangeEnd(D(0, 0x1f, 7)), hid)),
            AmdIommuCmdline.Parse("ivrs_acpihid=AMDI0020:0@00:14.6"));
        // add_acpi_hid_device (init.c:1251-1261): the command-line entry (same HID and UID) wins; no IVRS entry is added
        var e = Assert.Single(t.AcpiHids);
        Assert.Equal(new AmdAcpiHidDevice("AMDI0020", "0", 0, D(0, 0x14, 6), true), e);
    }
}
