using ProbeSim.Acpi.Ivrs;
using ProbeSim.Acpi.Tables;
using static ProbeSim.Acpi.Tests.IvrsBytes;

namespace ProbeSim.Acpi.Tests;

/// <summary>IVRS header, IVHD and IVMD blocks and every IVHD device entry type, from hand-written byte layouts.</summary>
public class IvrsStructureTests
{
    private static IvhdBlock OneIvhd(byte type, params byte[][] entries) =>
        Assert.Single(IvrsParser.Parse(Table().Bytes(Ivhd(type, 0, Bdf(0, 0, 2), 0x40, 0xfeb80000, 0, 0, 0, 0, 0, entries)).Build()).Ivhds);

    [Fact]
    public void Ivinfo_fields()
    {
        // EFRSup, DMA remap, GVA size 2, PA size 48, VA size 64, HT ATS reserved
        uint info = 1 | 2 | 2 << 5 | 48 << 8 | 64u << 15 | 1u << 22;
        var ivrs = IvrsParser.Parse(Table(info).Build());
        Assert.Equal(info, ivrs.IvInfo.Raw);
        Assert.True(ivrs.IvInfo.EfrSupported);
        Assert.True(ivrs.IvInfo.DmaRemapSupport);
        Assert.Equal(2, ivrs.IvInfo.GuestVirtualAddressSize);
        Assert.Equal(48, ivrs.IvInfo.PhysicalAddressSize);
        Assert.Equal(64, ivrs.IvInfo.VirtualAddressSize);
        Assert.True(ivrs.IvInfo.HtAtsReserved);
        Assert.Empty(ivrs.Blocks);
        Assert.Null(ivrs.TargetIvhdType);
    }

    [Fact]
    public void Ivhd_type_10_header_fields()
    {
        var block = Ivhd(0x10, 0xb0, Bdf(0, 0, 2), 0x40, 0xfeb80000, 3, 0x1f00 | 4, 0x80048f6e);
        var ivrs = IvrsParser.Parse(Table().Bytes(block).Build());
        var h = Assert.Single(ivrs.Ivhds);
        Assert.Equal(48, h.Offset);
        Assert.Equal(0x10, h.Type);
        Assert.Equal(24, h.Length);
        Assert.Equal(IvhdFlags.IotlbSup | IvhdFlags.Coherent | IvhdFlags.PprSup, h.Features);
        Assert.Equal(0x0002, h.DeviceId);
        Assert.Equal(0x40, h.CapabilityOffset);
        Assert.Equal(0xfeb80000UL, h.BaseAddress);
        Assert.Equal(3, h.Segment);
        Assert.Equal(4, h.MsiNumber);
        Assert.Equal(0x1f, h.UnitId);
        Assert.Equal(0x80048f6eu, h.FeatureReporting);
        Assert.Null(h.Efr);
        Assert.Null(h.Efr2);
        Assert.Empty(h.Entries);
        Assert.Null(h.LastDeviceId);
    }

    [Theory]
    [InlineData(0x11)]
    [InlineData(0x40)]
    public void Ivhd_types_11_and_40_carry_the_efr_images(byte type)
    {
        var block = Ivhd(type, 0, Bdf(0, 0, 2), 0x40, 0xfeb80000, 0, 0, 0x00000001, 0x246577efa2254afaUL, 0x10);
        var h = Assert.Single(IvrsParser.Parse(Table().Bytes(block).Build()).Ivhds);
        Assert.Equal(40, h.Length);
        Assert.Equal(0x246577efa2254afaUL, h.Efr);
        Assert.Equal(0x10UL, h.Efr2);
        Assert.Equal(1u, h.FeatureReporting);
    }

    [Fact]
    public void Four_byte_entries_all_select_and_range()
    {
        var h = OneIvhd(0x10,
            Entry4(0x02, Bdf(0, 0x14, 0), 0xd7),  // SELECT 00:14.0, INITPass|EIntPass|NMIPass|Lint0|Lint1
            Entry4(0x03, Bdf(1, 0, 0), 0x00),     // START_RANGE 01:00.0
            Entry4(0x04, Bdf(1, 0x1f, 7), 0x00),  // END_RANGE 01:1f.7
            Entry4(0x01, 0, 0x01));               // ALL
        Assert.Equal([typeof(IvhdSelectEntry), typeof(IvhdRangeStartEntry), typeof(IvhdRangeEndEntry), typeof(IvhdAllEntry)],
            h.Entries.Select(e => e.GetType()));
        Assert.Equal([72L, 76, 80, 84], h.Entries.Select(e => e.Offset));
        Assert.Equal(0xd7, h.Entries[0].DteSetting);
        Assert.Equal(
            [
                new IvhdDeviceRange(0xa0, 0xa0, 0xd7, 0, null, false, 72),
                new IvhdDeviceRange(0x100, 0x1ff, 0, 0, null, false, 80),
                new IvhdDeviceRange(0, 0xffff, 1, 0, null, true, 84),
            ],
            h.Devices);
        Assert.Equal(0xffff, h.LastDeviceId);
    }

    [Fact]
    public void Alias_select_and_alias_range()
    {
        var h = OneIvhd(0x10,
            Entry8(0x42, Bdf(2, 0, 0), 0x00, 0, Bdf(1, 0, 0), 0),  // ALIAS_SELECT 02:00.0 seen as 01:00.0
            Entry8(0x43, Bdf(3, 0, 0), 0x00, 0, Bdf(0, 0x1e, 0), 0), // ALIAS_START_RANGE 03:00.0.. seen as 00:1e.0
            Entry4(0x04, Bdf(3, 0x1f, 7), 0));
        var a = Assert.IsType<IvhdAliasSelectEntry>(h.Entries[0]);
        Assert.Equal(Bdf(2, 0, 0), a.DeviceId);
        Assert.Equal(Bdf(1, 0, 0), a.SourceId);
        Assert.Equal(Bdf(0, 0x1e, 0), Assert.IsType<IvhdAliasRangeStartEntry>(h.Entries[1]).SourceId);
        Assert.Equal(
            [
                new IvhdDeviceRange(0x200, 0x200, 0, 0, 0x100, false, 72),
                new IvhdDeviceRange(0x300, 0x3ff, 0, 0, 0xf0, false, 88),
            ],
            h.Devices);
        Assert.Equal(0x3ff, h.LastDeviceId);
    }

    [Fact]
    public void Ext_select_and_ext_range_keep_the_extended_setting()
    {
        var h = OneIvhd(0x11,
            Ext8(0x46, Bdf(0, 8, 0), 0x00, 0x10000000),   // EXT_SELECT with ATS disabled
            Ext8(0x47, Bdf(4, 0, 0), 0x00, 0x10000000),   // EXT_START_RANGE
            Entry4(0x04, Bdf(4, 0, 7), 0),
            Entry4(0x02, Bdf(0, 9, 0), 0));               // a plain SELECT after it has no extended setting
        Assert.Equal(0x10000000u, Assert.IsType<IvhdExtSelectEntry>(h.Entries[0]).ExtSetting);
        Assert.Equal(0x10000000u, Assert.IsType<IvhdExtRangeStartEntry>(h.Entries[1]).ExtSetting);
        Assert.Equal(
            [
                new IvhdDeviceRange(0x40, 0x40, 0, 0x10000000, null, false, 88),
                new IvhdDeviceRange(0x400, 0x407, 0, 0x10000000, null, false, 104),
                new IvhdDeviceRange(0x48, 0x48, 0, 0, null, false, 108),
            ],
            h.Devices);
        Assert.Equal(0x407, h.LastDeviceId);
    }

    [Fact]
    public void A_range_start_is_forgotten_by_the_next_start()
    {
        // the second START_RANGE replaces the first: one range, from the second
        var h = OneIvhd(0x10, Entry4(0x03, 0x10, 1), Entry4(0x03, 0x20, 2), Entry4(0x04, 0x2f, 0));
        Assert.Equal([new IvhdDeviceRange(0x20, 0x2f, 2, 0, null, false, 80)], h.Devices);
    }

    [Fact]
    public void An_end_without_a_start_starts_at_device_zero_with_setting_zero()
    {
        var h = OneIvhd(0x10, Entry4(0x04, 0x07, 0xff));
        Assert.Equal([new IvhdDeviceRange(0, 7, 0, 0, null, false, 72)], h.Devices);
    }

    [Fact]
    public void Special_entries_ioapic_and_hpet()
    {
        var h = OneIvhd(0x10,
            Entry8(0x48, 0, 0xd7, 0x21, Bdf(0, 0x14, 0), 1),  // IOAPIC, APIC ID 0x21, requestor 00:14.0
            Entry8(0x48, 0, 0x00, 0x00, Bdf(0, 0x14, 0), 2),  // HPET 0
            Entry8(0x48, 0, 0x00, 0x05, Bdf(0, 0x14, 0), 9)); // a variety the kernel does not name
        var io = Assert.IsType<IvhdSpecialEntry>(h.Entries[0]);
        Assert.Equal(IvhdSpecialVariety.IoApic, io.Variety);
        Assert.Equal(0x21, io.Handle);
        Assert.Equal(0xa0, io.SourceId);
        Assert.Equal(0xd7, io.DteSetting);
        Assert.Equal(IvhdSpecialVariety.Hpet, Assert.IsType<IvhdSpecialEntry>(h.Entries[1]).Variety);
        var other = Assert.IsType<IvhdSpecialEntry>(h.Entries[2]);
        Assert.Equal(IvhdSpecialVariety.Unknown, other.Variety);
        Assert.Equal(9, other.RawVariety);
        Assert.Empty(h.Devices);
        Assert.Null(h.LastDeviceId);
    }

    [Fact]
    public void Special_entry_of_another_variety_makes_amd_iommu_fail()
    {
        var ivrs = IvrsParser.Parse(Table().Bytes(Ivhd(0x10, 0, 2, 0x40, 0xfeb80000, 0, 0, 0, 0, 0,
            Entry4(0x01, 0, 0), Entry8(0x48, 0, 0, 0x05, Bdf(0, 0x14, 0), 3))).Build());
        Assert.Equal(new AcpiRejection("add_special_device", 76, "SPECIAL entry variety 3 is neither IOAPIC (1) nor HPET (2)"), ivrs.Rejection);
    }

    [Fact]
    public void Target_ivhd_without_a_device_id_entry_makes_amd_iommu_fail()
    {
        // only a SPECIAL entry: find_last_devid_from_ivhd finds no device ID
        var ivrs = IvrsParser.Parse(Table().Bytes(Ivhd(0x10, 0, 2, 0x40, 0xfeb80000, 0, 0, 0, 0, 0,
            Entry8(0x48, 0, 0, 0x21, Bdf(0, 0x14, 0), 1))).Build());
        Assert.Equal("find_last_devid_acpi", ivrs.Rejection?.KernelFunction);
        Assert.Equal(48, ivrs.Rejection?.Offset);
    }

    [Fact]
    public void A_block_the_kernel_does_not_read_does_not_make_it_fail()
    {
        // the empty 10h block is not of the target type (11h): only the 11h block's entries count
        var ivrs = IvrsParser.Parse(Table()
            .Bytes(Ivhd(0x10, 0, 2, 0x40, 0xfeb80000, 0, 0, 0))
            .Bytes(Ivhd(0x11, 0, 2, 0x40, 0xfeb80000, 0, 0, 0, 0, 0, Entry4(0x01, 0, 0))).Build());
        Assert.Null(ivrs.Rejection);
    }

    [Fact]
    public void Acpi_hid_entries_with_integer_and_string_uids()
    {
        var ivrs = IvrsParser.Parse(Table().Bytes(Ivhd(0x40, 0, 2, 0x40, 0xfeb80000, 0, 0, 0, 0, 0,
            AcpiHid(Bdf(0, 0x14, 5), 0x40, "AMDI0020", "", 1, [0x03]),
            AcpiHid(Bdf(0, 0x13, 0), 0x00, "AMDI0040", "PNP0D40", 2, "ID00"u8.ToArray()),
            AcpiHid(Bdf(0, 0x12, 0), 0x00, "AMDI0030", "", 0, []),
            Entry4(0x02, Bdf(0, 1, 0), 0))).Build());
        var h = Assert.Single(ivrs.Ivhds);
        var a = Assert.IsType<IvhdAcpiHidEntry>(h.Entries[0]);
        Assert.Equal(Bdf(0, 0x14, 5), a.DeviceId);
        Assert.Equal("AMDI0020", a.Hid);
        Assert.Equal("", a.Cid);
        Assert.Equal(1, a.UidFormat);
        Assert.Equal("3", a.Uid);
        Assert.Equal(23, a.Length);
        Assert.True(a.Used);
        var b = Assert.IsType<IvhdAcpiHidEntry>(h.Entries[1]);
        Assert.Equal("PNP0D40", b.Cid);
        Assert.Equal("ID00", b.Uid);
        Assert.Equal(4, b.UidLength);
        Assert.Equal(88 + 23, b.Offset);
        Assert.Equal("", Assert.IsType<IvhdAcpiHidEntry>(h.Entries[2]).Uid);
        Assert.Equal(88 + 23 + 26 + 22, h.Entries[3].Offset);
        Assert.Empty(ivrs.Warnings);
    }

    [Fact]
    public void Acpi_hid_entry_outside_a_type_40_block_is_skipped_with_a_warning()
    {
        var ivrs = IvrsParser.Parse(Table().Bytes(Ivhd(0x11, 0, 2, 0x40, 0xfeb80000, 0, 0, 0, 0, 0,
            AcpiHid(Bdf(0, 0x14, 5), 0, "AMDI0020", "", 0, []))).Build());
        Assert.False(Assert.IsType<IvhdAcpiHidEntry>(Assert.Single(Assert.Single(ivrs.Ivhds).Entries)).Used);
        Assert.Equal(AcpiWarningKind.AcpiHidOutsideType40, Assert.Single(ivrs.Warnings).Kind);
    }

    [Fact]
    public void Acpi_hid_entry_with_an_empty_hid_is_skipped_with_a_warning()
    {
        var ivrs = IvrsParser.Parse(Table().Bytes(Ivhd(0x40, 0, 2, 0x40, 0xfeb80000, 0, 0, 0, 0, 0,
            AcpiHid(Bdf(0, 0x14, 5), 0, "", "", 0, []))).Build());
        Assert.False(Assert.IsType<IvhdAcpiHidEntry>(Assert.Single(Assert.Single(ivrs.Ivhds).Entries)).Used);
        Assert.Equal(AcpiWarningKind.EmptyHid, Assert.Single(ivrs.Warnings).Kind);
    }

    [Fact]
    public void Padding_and_unknown_entry_types_are_stepped_over_by_their_length()
    {
        var h = OneIvhd(0x10,
            Entry4(0x00, 0, 0),                     // 4-byte padding
            Entry8(0x45, 0x1234, 0, 0, 0, 0),       // an 8-byte type the kernel does not use
            Entry4(0x02, Bdf(0, 1, 0), 0));
        Assert.Equal(4, Assert.IsType<IvhdUnknownEntry>(h.Entries[0]).Length);
        Assert.Equal(8, Assert.IsType<IvhdUnknownEntry>(h.Entries[1]).Length);
        Assert.Equal(84, Assert.IsType<IvhdSelectEntry>(h.Entries[2]).Offset);
        Assert.Equal(8, h.LastDeviceId);
    }

    [Fact]
    public void Ivmd_blocks_of_each_type()
    {
        var ivrs = IvrsParser.Parse(Table()
            .Bytes(Ivmd(0x20, 0x07, 0, 0, 0, 0xfd000000, 0x100000))                    // all devices, unity r/w
            .Bytes(Ivmd(0x21, 0x08, Bdf(0, 0x14, 0), 0, 1, 0x7c000000, 0x1000))        // one device, exclusion range
            .Bytes(Ivmd(0x22, 0x03, Bdf(2, 0, 0), Bdf(2, 0x1f, 7), 0, 0x7d000000, 0x2000)).Build()); // range, unity read
        Assert.Equal(3, ivrs.Ivmds.Count);
        var all = ivrs.Ivmds[0];
        Assert.True(all.AllDevices);
        Assert.Equal(IvmdFlags.UnityMap | IvmdFlags.Read | IvmdFlags.Write, all.Memory);
        Assert.Equal(0xfd000000UL, all.StartAddress);
        Assert.Equal(0x100000UL, all.MemoryLength);
        Assert.Equal((0, 0xffff), (all.FirstDeviceId, all.LastDeviceId));
        var one = ivrs.Ivmds[1];
        Assert.Equal(IvmdFlags.ExclusionRange, one.Memory);
        Assert.Equal(1, one.Segment);
        Assert.Equal((0xa0, 0xa0), (one.FirstDeviceId, one.LastDeviceId));
        var range = ivrs.Ivmds[2];
        Assert.Equal(IvmdFlags.UnityMap | IvmdFlags.Read, range.Memory);
        Assert.Equal((0x200, 0x2ff), (range.FirstDeviceId, range.LastDeviceId));
        Assert.Equal([48L, 80, 112], ivrs.Blocks.Select(b => b.Offset));
    }

    [Fact]
    public void Unknown_block_types_are_skipped_by_their_length()
    {
        byte[] other = [0x50, 0, 8, 0, 1, 2, 3, 4];
        var ivrs = IvrsParser.Parse(Table().Bytes(other).Bytes(Ivhd(0x10, 0, 2, 0x40, 0xfeb80000, 0, 0, 0)).Build());
        Assert.IsType<IvrsOtherBlock>(ivrs.Blocks[0]);
        Assert.Equal(56, Assert.Single(ivrs.Ivhds).Offset);
    }

    [Fact]
    public void The_kernel_reads_the_highest_ivhd_type_of_the_first_iommu()
    {
        // a 10h and an 11h block for the same IOMMU (device 00:00.2), then an IVMD: the kernel uses the 11h one
        var ivrs = IvrsParser.Parse(Table()
            .Bytes(Ivhd(0x10, 0, 2, 0x40, 0xfeb80000, 0, 0, 0, 0, 0, Entry4(0x01, 0, 0)))
            .Bytes(Ivhd(0x11, 0, 2, 0x40, 0xfeb80000, 0, 0, 0, 0, 0, Entry4(0x01, 0, 0)))
            .Bytes(Ivmd(0x20, 1, 0, 0, 0, 0xfd000000, 0x1000)).Build());
        Assert.Equal((byte)0x11, ivrs.TargetIvhdType);
        Assert.Equal(0x11, Assert.Single(ivrs.TargetIvhds).Type);
    }

    [Fact]
    public void A_block_of_another_iommu_does_not_change_the_ivhd_type()
    {
        // the 11h block is for device 00:00.3, not the first block's 00:00.2
        var ivrs = IvrsParser.Parse(Table()
            .Bytes(Ivhd(0x10, 0, 2, 0x40, 0xfeb80000, 0, 0, 0))
            .Bytes(Ivhd(0x11, 0, 3, 0x40, 0xfeb90000, 0, 0, 0)).Build());
        Assert.Equal((byte)0x10, ivrs.TargetIvhdType);
    }

    [Fact]
    public void The_search_for_the_ivhd_type_stops_at_a_type_above_40h()
    {
        byte[] other = [0x50, 0, 8, 0, 2, 0, 0, 0];
        var ivrs = IvrsParser.Parse(Table()
            .Bytes(Ivhd(0x10, 0, 2, 0x40, 0xfeb80000, 0, 0, 0)).Bytes(other)
            .Bytes(Ivhd(0x40, 0, 2, 0x40, 0xfeb80000, 0, 0, 0)).Build());
        Assert.Equal((byte)0x10, ivrs.TargetIvhdType);
    }
}
