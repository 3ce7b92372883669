using ProbeSim.Kernel.Iommu.Amd;
using static ProbeSim.Kernel.Tests.Iommu.Amd.AmdIvrs;

namespace ProbeSim.Kernel.Tests.Iommu.Amd;

/// <summary>
/// The state the IVRS passes of Linux 6.1's early_amd_iommu_init leave: IOMMUs, last_bdf, rlookup and alias tables,
/// special devices, and the failures. "init.c" is drivers/iommu/amd/init.c of linux-source-6.1.
/// </summary>
public class AmdIommuTablesTests
{
    [Fact]
    public void An_all_entry_covers_every_device_id_and_sets_last_bdf_to_ffff()
    {
        var t = Good(Parse(Ivhd10(D(0, 0, 2), All())));
        var iommu = Assert.Single(t.Iommus);
        var seg = Assert.Single(t.Segments);
        // find_last_devid_from_ivhd (init.c:573-575): an ALL entry makes the last device ID 0xffff
        Assert.Equal(0xffff, seg.LastBdf);
        // init_iommu_from_acpi (init.c:1367-1368): every device ID up to last_bdf gets this IOMMU ...
        // init_iommu_one_late (init.c:1882): ... except the IOMMU's own function
        Assert.Equal([(0x0000, 0x0001, 0), (0x0003, 0xffff, 0)], seg.RlookupRanges().Select(r => ((int)r.First, (int)r.Last, r.Iommu)));
        Assert.Equal(iommu, t.IommuFor(0, D(0x80, 0x1f, 7)));
        Assert.Null(t.IommuFor(0, D(0, 0, 2)));
        // alloc_alias_table (init.c:719-723): without alias entries every device is its own alias
        Assert.Empty(seg.Aliases());
    }

    [Fact]
    public void Select_and_range_entries_set_rlookup_only_for_their_device_ids()
    {
        var t = Good(Parse(Ivhd10(D(0, 0, 2),
            Select(D(0, 1, 0)), RangeStart(D(1, 0, 0)), RangeEnd(D(1, 0x1f, 7)), Select(D(0, 0x14, 0)))));
        var seg = Assert.Single(t.Segments);
        // find_last_devid_from_ivhd (init.c:576-583): the highest SELECT or END_RANGE device ID
        Assert.Equal(D(1, 0x1f, 7), seg.LastBdf);
        // init_iommu_from_acpi (init.c:1379-1380, 1467-1476): a SELECT sets one device, START..END_RANGE the range
        Assert.Equal([(D(0, 1, 0), D(0, 1, 0)), (D(0, 0x14, 0), D(0, 0x14, 0)), (D(1, 0, 0), D(1, 0x1f, 7))],
            seg.RlookupRanges().Select(r => (r.First, r.Last)));
        Assert.Null(t.IommuFor(0, D(0, 2, 0)));
    }

    [Fact]
    public void Alias_select_and_alias_range_entries_fill_the_alias_table()
    {
        var t = Good(Parse(Ivhd10(D(0, 0, 2),
            Select(D(0, 0x14, 0)),
            AliasSelect(D(3, 0, 0), D(2, 0, 0)),
            AliasRangeStart(D(5, 0, 0), D(4, 0, 0)), RangeEnd(D(5, 0, 2)))));
        var seg = Assert.Single(t.Segments);
        // init_iommu_from_acpi (init.c:1412): ALIAS_SELECT points the device at its alias
        // init_iommu_from_acpi (init.c:1469-1470): ALIAS_START_RANGE .. END_RANGE point every device of the range at it
        Assert.Equal([(D(3, 0, 0), D(2, 0, 0)), (D(5, 0, 0), D(4, 0, 0)), (D(5, 0, 1), D(4, 0, 0)), (D(5, 0, 2), D(4, 0, 0))],
            seg.Aliases());
        Assert.Equal(D(2, 0, 0), t.AliasOf(0, D(3, 0, 0)));
        Assert.Equal(D(0, 0x14, 0), t.AliasOf(0, D(0, 0x14, 0)));
        // init_iommu_from_acpi (init.c:1410-1411, 1471-1472): the alias itself gets this IOMMU too
        Assert.NotNull(t.IommuFor(0, D(2, 0, 0)));
        Assert.NotNull(t.IommuFor(0, D(4, 0, 0)));
        // find_last_devid_from_ivhd (init.c:576-583): ALIAS_SELECT counts with its device ID, not its alias
        Assert.Equal(D(5, 0, 2), seg.LastBdf);
    }

    [Fact]
    public void Two_ivhds_give_two_iommus_ivhd0_and_ivhd1_with_the_rlookup_split_between_them()
    {
        var t = Good(Parse(
            Ivhd10(D(0, 0, 2), RangeStart(D(0, 0, 0)), RangeEnd(D(0x3f, 0x1f, 7))),
            Ivhd10(D(0x40, 0, 2), RangeStart(D(0x40, 0, 0)), RangeEnd(D(0x7f, 0x1f, 7)))));
        // init_iommu_one (init.c:1775): indices in table order; iommu_init_pci (init.c:2161-2162): sysfs "ivhd%d"
        Assert.Equal(["ivhd0", "ivhd1"], t.Iommus.Select(i => i.SysfsName));
        Assert.Equal([D(0, 0, 2), D(0x40, 0, 2)], t.Iommus.Select(i => i.DeviceId));
        Assert.Equal(["0000:00:00.2", "0000:40:00.2"], t.Iommus.Select(i => i.PciName));
        var seg = Assert.Single(t.Segments);
        // find_last_devid_acpi (init.c:625-635): one segment, last_bdf the highest of both IVHDs
        Assert.Equal(D(0x7f, 0x1f, 7), seg.LastBdf);
        // set_dev_entry_from_acpi (init.c:1205) per IVHD; init_iommu_one_late (init.c:1882) takes out each IOMMU's function
        Assert.Equal([(0x0000, 0x0001, 0), (0x0003, 0x3fff, 0), (0x4000, 0x4001, 1), (0x4003, 0x7fff, 1)],
            seg.RlookupRanges().Select(r => ((int)r.First, (int)r.Last, r.Iommu)));
        Assert.Equal([D(0, 0, 2), D(0x40, 0, 2)], seg.IommuFunctions.Order());
    }

    [Fact]
    public void A_later_ivhd_overwrites_an_earlier_one_for_the_same_devices()
    {
        var t = Good(Parse(Ivhd10(D(0, 0, 2), All()), Ivhd10(D(0x40, 0, 2), RangeStart(D(0x40, 0, 0)), RangeEnd(D(0x40, 0x1f, 7)))));
        // init_iommu_all (init.c:1928-1948): IVHDs are read in table order, set_dev_entry_from_acpi (init.c:1205) overwrites
        Assert.Equal(0, t.IommuFor(0, D(0x3f, 0, 0))!.Index);
        Assert.Equal(1, t.IommuFor(0, D(0x40, 3, 0))!.Index);
        Assert.Equal(0, t.IommuFor(0, D(0x41, 0, 0))!.Index);
    }

    [Fact]
    public void A_table_with_type_10h_and_11h_blocks_uses_only_the_kernels_target_type()
    {
        var ivrs = Parse(
            IvhdOfType(0x10, D(0, 0, 2), Select(D(0, 1, 0))),
            IvhdOfType(0x11, D(0, 0, 2), RangeStart(D(0, 0, 0)), RangeEnd(D(0, 0x1f, 7))));
        var t = Good(ivrs);
        // get_highest_supported_ivhd_type (init.c:1898-1910): the last type of a block with the first block's device ID
        Assert.Equal((byte)0x11, t.TargetIvhdType);
        // init_iommu_all (init.c:1930): only blocks of that type become IOMMUs
        var iommu = Assert.Single(t.Iommus);
        Assert.Equal(0x11, iommu.IvhdType);
        Assert.Equal(ivrs.Ivhds[1].Offset, iommu.IvhdOffset);
        // find_last_devid_acpi (init.c:627-628): only blocks of that type count for last_bdf
        Assert.Equal(D(0, 0x1f, 7), t.Segments[0].LastBdf);
        Assert.Equal([(0, 1), (3, 0xff)], t.Segments[0].RlookupRanges().Select(r => ((int)r.First, (int)r.Last)));
    }

    [Fact]
    public void An_older_kernel_reading_only_type_10h_finds_no_iommu_in_a_type_11h_only_table()
    {
        var ivrs = Parse(IvhdOfType(0x11, D(0, 0, 2), All()));
        var t = Good(ivrs, rules: new AmdIommuRules { FixedIvhdType = 0x10 });
        Assert.Empty(t.Iommus);
        Assert.Single(Good(ivrs).Iommus);
    }

    [Fact]
    public void Segments_are_kept_apart()
    {
        var t = Good(Parse(Ivhd10(D(0, 0, 2), 0, All()), Ivhd10(D(0, 0, 2), 1, Select(D(0, 3, 0)))));
        // get_pci_segment (init.c:1640-1651): one amd_iommu_pci_seg per segment, in the order first met
        Assert.Equal([0, 1], t.Segments.Select(s => (int)s.Id));
        // find_last_devid_acpi (init.c:627): each segment's last_bdf from its own IVHDs
        Assert.Equal([0xffff, D(0, 3, 0)], t.Segments.Select(s => (int)s.LastBdf));
        Assert.Equal(1, t.IommuFor(1, D(0, 3, 0))!.Index);
        Assert.Null(t.IommuFor(1, D(0, 4, 0)));
        Assert.Null(t.IommuFor(2, D(0, 3, 0)));
        Assert.Equal("0001:00:00.2", t.Iommus[1].PciName);
    }

    [Fact]
    public void Special_entries_fill_the_ioapic_and_hpet_maps_and_set_the_source_ids_rlookup()
    {
        var t = Good(Parse(Ivhd10(D(0, 0, 2), Select(D(0, 1, 0)), Special(0x21, D(0, 0x14, 0), 1), Special(0, D(0, 0x14, 0), 2))));
        // add_special_device (init.c:1232-1241): IOAPIC and HPET maps, with the IVRS source ID
        Assert.Equal(new AmdSpecialDevice(0x21, 0, D(0, 0x14, 0), false), Assert.Single(t.IoApics));
        Assert.Equal(new AmdSpecialDevice(0, 0, D(0, 0x14, 0), false), Assert.Single(t.Hpets));
        Assert.Equal(D(0, 0x14, 0), t.IoApic(0x21)!.DeviceId);
        // init_iommu_from_acpi (init.c:1510): the source ID's rlookup entry
        Assert.NotNull(t.IommuFor(0, D(0, 0x14, 0)));
        // find_last_devid_from_ivhd (init.c:576-583): a SPECIAL entry does not count for last_bdf
        Assert.Equal(D(0, 1, 0), t.Segments[0].LastBdf);
    }

    [Fact]
    public void A_command_line_ivrs_ioapic_override_replaces_the_ivrs_source_id()
    {
        var cmd = AmdIommuCmdline.Parse("ivrs_ioapic=33@00:14.1 ivrs_ioapic=4@0000:00:0b.0");
        var t = Good(Parse(Ivhd10(D(0, 0, 2), All(), Special(33, D(0, 0x14, 0), 1), Special(5, D(0, 0x14, 0), 1))), cmd);
        // add_early_maps (init.c:1285-1292): the command-line entries first; add_special_device (init.c:1220-1230):
        // an IVRS entry for an ID the command line gave is not added, and the command line's requestor ID is used
        Assert.Equal([(33, D(0, 0x14, 1), true), (4, D(0, 0xb, 0), true), (5, D(0, 0x14, 0), false)],
            t.IoApics.Select(e => ((int)e.Id, e.DeviceId, e.FromCmdline)));
        Assert.Equal(D(0, 0x14, 1), t.IoApic(33)!.DeviceId);
    }

    [Fact]
    public void Acpi_hid_entries_of_a_type_40h_block_fill_the_acpihid_map()
    {
        var hid = ProbeSim.Acpi.Tests.IvrsBytes.AcpiHid(D(0, 0x14, 5), 0, "AMDI0020", "", 2, "ID00"u8.ToArray());
        var t = Good(Parse(IvhdOfType(0x40, D(0, 0, 2), Select(D(0, 0x14, 0)), hid)));
        // add_acpi_hid_device (init.c:1263-1279): HID, UID and the requestor ID
        var e = Assert.Single(t.AcpiHids);
        Assert.Equal(new AmdAcpiHidDevice("AMDI0020", "ID00", 0, D(0, 0x14, 5), false), e);
        Assert.Equal(D(0, 0x14, 0), e.RootDeviceId);
        // init_iommu_from_acpi (init.c:1576): its requestor ID gets this IOMMU
        Assert.NotNull(t.IommuFor(0, D(0, 0x14, 5)));
        // get_acpihid_device_id (iommu.c:98-104) and acpi_dev_hid_uid_match (drivers/acpi/utils.c:786-792)
        Assert.Same(e, t.AcpiHid("AMDI0020", "ID00"));
        Assert.Null(t.AcpiHid("AMDI0020", "ID01"));
        Assert.Null(t.AcpiHid("AMDI0030", "ID00"));
    }

    [Fact]
    public void An_ivhd_efr_image_is_taken_only_with_efrsup_and_gasup()
    {
        const ulong efr = AmdIommuFeatures.GaSup | AmdIommuFeatures.Gt | AmdIommuFeatures.Ppr;
        static byte[] Block(ulong e) => ProbeSim.Acpi.Tests.IvrsBytes.Ivhd(0x11, 0, D(0, 0, 2), 0x40, Mmio, 0, 0, 0, e, 7, All());
        static byte[] WithInfo(uint info, ulong e) => ProbeSim.Acpi.Tests.IvrsBytes.Table(info).Bytes(Block(e)).Build();
        // init_iommu_one (init.c:1823-1832) and early_iommu_features_init (init.c:318-321)
        var taken = Good(ProbeSim.Acpi.Ivrs.IvrsParser.Parse(WithInfo(0x00203041, efr))).Iommus[0];
        Assert.Equal(efr, taken.IvhdEfr);
        Assert.Equal(7UL, taken.IvhdEfr2);
        Assert.True(AmdIommuFeatures.IsIommuV2(taken.IvhdEfr!.Value));
        Assert.Null(Good(ProbeSim.Acpi.Ivrs.IvrsParser.Parse(WithInfo(0x00203040, efr))).Iommus[0].IvhdEfr);
        Assert.Null(Good(ProbeSim.Acpi.Ivrs.IvrsParser.Parse(WithInfo(0x00203041, efr & ~AmdIommuFeatures.GaSup))).Iommus[0].IvhdEfr);
        Assert.Null(Good(Parse(Ivhd10(D(0, 0, 2), All()))).Iommus[0].IvhdEfr);
    }
}
