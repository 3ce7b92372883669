using ProbeSim.Acpi.Dmar;
using ProbeSim.Acpi.Tables;
using static ProbeSim.Acpi.Tests.DmarBytes;

namespace ProbeSim.Acpi.Tests;

/// <summary>Each DMAR remapping structure and device scope type, from byte layouts written after the VT-d specification.</summary>
public class DmarStructureTests
{
    [Fact]
    public void Host_address_width_and_every_flag()
    {
        var dmar = DmarParser.Parse(Table(width: 38, flags: 0b111).Bytes(Drhd(1, 0, 0xfed90000)).Build());
        Assert.Equal(38, dmar.Width);
        Assert.Equal(39, dmar.HostAddressWidth);
        Assert.Equal(DmarFlags.IntrRemap | DmarFlags.X2ApicOptOut | DmarFlags.DmaCtrlPlatformOptIn, dmar.Flags);
        Assert.Equal(DmarFlags.IntrRemap, DmarParser.Parse(Table(flags: 1).Bytes(Drhd(1, 0, 0xfed90000)).Build()).Flags);
        Assert.Equal(DmarFlags.X2ApicOptOut, DmarParser.Parse(Table(flags: 2).Bytes(Drhd(1, 0, 0xfed90000)).Build()).Flags);
        Assert.Equal(DmarFlags.DmaCtrlPlatformOptIn, DmarParser.Parse(Table(flags: 4).Bytes(Drhd(1, 0, 0xfed90000)).Build()).Flags);
        Assert.Empty(dmar.Warnings);
        Assert.Null(dmar.Rejection);
    }

    [Fact]
    public void Drhd_with_include_pci_all_and_no_scope()
    {
        var dmar = DmarParser.Parse(Table().Bytes(Drhd(flags: 1, segment: 0, registerBase: 0xfed91000, size: 0)).Build());
        var d = Assert.Single(dmar.Drhds);
        Assert.Equal(48, d.Offset);
        Assert.Equal(16, d.Length);
        Assert.True(d.IncludePciAll);
        Assert.Equal(0xfed91000UL, d.RegisterBase);
        Assert.Equal(4096UL, d.RegisterSetBytes);
        Assert.Empty(d.Scopes);
    }

    [Fact]
    public void Drhd_without_include_pci_all_lists_its_devices_of_every_scope_type()
    {
        var bytes = Table().Bytes(Drhd(flags: 0, segment: 1, registerBase: 0xfed90000, size: 2,
            Scope(1, 0, 0x00, 0x02, 0x00),                 // endpoint 00:02.0 (an integrated GPU)
            Scope(2, 0, 0x00, 0x1c, 0x04),                 // bridge 00:1c.4 and everything below it
            Scope(1, 0, 0x00, 0x1c, 0x00, 0x00, 0x01),     // endpoint two steps down: 00:1c.0, then 00.1 on its bus
            Scope(3, 8, 0xf0, 0x1f, 0x00),                 // I/O APIC, APIC ID 8, requestor f0:1f.0
            Scope(4, 0, 0x00, 0x1f, 0x07),                 // HPET 0, requestor 00:1f.7
            Scope(5, 1, 0x00, 0x15, 0x00))).Build();       // ACPI namespace device 1 (an ANDD), requestor 00:15.0
        var d = Assert.Single(DmarParser.Parse(bytes).Drhds);
        Assert.False(d.IncludePciAll);
        Assert.Equal(1, d.Segment);
        Assert.Equal(16384UL, d.RegisterSetBytes);
        Assert.Equal(16 + 8 + 8 + 10 + 8 + 8 + 8, d.Length);
        Assert.Equal(
            [DeviceScopeType.PciEndpoint, DeviceScopeType.PciBridge, DeviceScopeType.PciEndpoint, DeviceScopeType.IoApic,
             DeviceScopeType.Hpet, DeviceScopeType.AcpiNamespaceDevice],
            d.Scopes.Select(s => s.Type));
        Assert.Equal([64L, 72, 80, 90, 98, 106], d.Scopes.Select(s => s.Offset));
        Assert.Equal("00:02.0", d.Scopes[0].DirectBdf);
        Assert.Equal("00:1c.4", d.Scopes[1].DirectBdf);
        Assert.Equal([new PciPathStep(0x1c, 0), new PciPathStep(0, 1)], d.Scopes[2].Path);
        Assert.Null(d.Scopes[2].DirectBdf);
        Assert.Equal((byte)8, d.Scopes[3].EnumerationId);
        Assert.Equal((byte)0xf0, d.Scopes[3].StartBus);
        Assert.Equal((byte)1, d.Scopes[5].EnumerationId);
    }

    [Fact]
    public void Include_pci_all_unit_after_specific_units()
    {
        var dmar = DmarParser.Parse(Table()
            .Bytes(Drhd(0, 0, 0xfed90000, 0, Scope(1, 0, 0, 2, 0)))
            .Bytes(Drhd(1, 0, 0xfed91000, 0, Scope(3, 2, 0xf0, 0x1f, 0), Scope(4, 0, 0, 0x1f, 0))).Build());
        Assert.Equal([false, true], dmar.Drhds.Select(d => d.IncludePciAll));
        Assert.Equal([0xfed90000UL, 0xfed91000UL], dmar.Drhds.Select(d => d.RegisterBase));
    }

    [Fact]
    public void Rmrr_segment_base_limit_and_scopes()
    {
        var dmar = DmarParser.Parse(Table().Bytes(Drhd(1, 0, 0xfed90000))
            .Bytes(Rmrr(0, 0x7c000000, 0x7fffffff, Scope(1, 0, 0, 0x14, 0), Scope(1, 0, 0, 0x1a, 0))).Build());
        var r = Assert.Single(dmar.Rmrrs);
        Assert.Equal(64, r.Offset);
        Assert.Equal(0x7c000000UL, r.BaseAddress);
        Assert.Equal(0x7fffffffUL, r.LimitAddress);
        Assert.Equal(["00:14.0", "00:1a.0"], r.Scopes.Select(s => s.DirectBdf));
        Assert.Empty(dmar.Warnings);
    }

    [Theory]
    [InlineData(0x7c000800UL, 0x7fffffffUL)] // base not page-aligned
    [InlineData(0x7c000000UL, 0x7ffffffeUL)] // limit + 1 not page-aligned
    [InlineData(0x7c000fffUL, 0x7c000fffUL)] // limit not above base
    public void Rmrr_failing_the_sanity_check_is_a_warning_and_kept(ulong baseAddress, ulong limit)
    {
        var dmar = DmarParser.Parse(Table().Bytes(Drhd(1, 0, 0xfed90000)).Bytes(Rmrr(0, baseAddress, limit, Scope(1, 0, 0, 0x14, 0))).Build());
        Assert.Single(dmar.Rmrrs);
        var w = Assert.Single(dmar.Warnings);
        Assert.Equal(AcpiWarningKind.BadRmrr, w.Kind);
        Assert.Equal(64, w.Offset);
    }

    [Fact]
    public void Atsr_all_ports_and_listed_root_ports()
    {
        var dmar = DmarParser.Parse(Table().Bytes(Drhd(1, 0, 0xfed90000))
            .Bytes(Atsr(flags: 1, segment: 0)).Bytes(Atsr(flags: 0, segment: 2, Scope(2, 0, 0, 0x01, 0), Scope(2, 0, 0, 0x03, 0))).Build());
        Assert.Equal(2, dmar.Atsrs.Count);
        Assert.True(dmar.Atsrs[0].AllPorts);
        Assert.Empty(dmar.Atsrs[0].Scopes);
        Assert.False(dmar.Atsrs[1].AllPorts);
        Assert.Equal(2, dmar.Atsrs[1].Segment);
        Assert.Equal(["00:01.0", "00:03.0"], dmar.Atsrs[1].Scopes.Select(s => s.DirectBdf));
        Assert.All(dmar.Atsrs[1].Scopes, s => Assert.Equal(DeviceScopeType.PciBridge, s.Type));
    }

    [Fact]
    public void Rhsa_base_and_proximity_domain()
    {
        var dmar = DmarParser.Parse(Table().Bytes(Drhd(1, 0, 0xfed90000)).Bytes(Rhsa(0xfed90000, 3)).Build());
        var r = Assert.Single(dmar.Rhsas);
        Assert.Equal(0xfed90000UL, r.RegisterBase);
        Assert.Equal(3u, r.ProximityDomain);
        Assert.Empty(dmar.Warnings);
    }

    [Fact]
    public void Rhsa_naming_no_unit_is_a_warning()
    {
        var dmar = DmarParser.Parse(Table().Bytes(Drhd(1, 0, 0xfed90000)).Bytes(Rhsa(0xfed80000, 0)).Build());
        Assert.Equal(AcpiWarningKind.RhsaWithoutDrhd, Assert.Single(dmar.Warnings).Kind);
    }

    [Fact]
    public void Andd_device_number_and_name()
    {
        var name = "\\_SB.PCI0.I2C0\0"u8.ToArray();
        var dmar = DmarParser.Parse(Table().Bytes(Drhd(1, 0, 0xfed90000, 0, Scope(5, 1, 0, 0x15, 0))).Bytes(Andd(1, name)).Build());
        var a = Assert.Single(dmar.Andds);
        Assert.Equal(1, a.DeviceNumber);
        Assert.Equal("\\_SB.PCI0.I2C0", a.ObjectName);
        Assert.Equal(8 + name.Length, a.Length);
        Assert.Null(dmar.Rejection);
    }

    [Fact]
    public void Andd_name_without_nul_makes_the_kernel_refuse_the_table()
    {
        var dmar = DmarParser.Parse(Table().Bytes(Drhd(1, 0, 0xfed90000)).Bytes(Andd(1, "\\_SB.DEV0"u8.ToArray())).Build());
        Assert.Equal(new AcpiRejection("dmar_parse_one_andd", 64 + 8, "ANDD object name is not NUL-terminated"), dmar.Rejection);
    }

    [Fact]
    public void Satc_flags_segment_and_scopes()
    {
        var dmar = DmarParser.Parse(Table().Bytes(Drhd(1, 0, 0xfed90000)).Bytes(Satc(1, 0, Scope(1, 0, 0, 0x02, 0))).Build());
        var s = Assert.Single(dmar.Satcs);
        Assert.True(s.AtcRequired);
        Assert.Equal(0, s.Segment);
        Assert.Equal("00:02.0", Assert.Single(s.Scopes).DirectBdf);
    }

    [Fact]
    public void Structures_keep_table_order()
    {
        var dmar = DmarParser.Parse(Table().Bytes(Drhd(0, 0, 0xfed90000, 0, Scope(1, 0, 0, 2, 0))).Bytes(Drhd(1, 0, 0xfed91000))
            .Bytes(Rmrr(0, 0x7c000000, 0x7c7fffff)).Bytes(Atsr(1, 0)).Bytes(Rhsa(0xfed91000, 0))
            .Bytes(Andd(1, "X\0"u8.ToArray())).Bytes(Satc(0, 0)).Build());
        Assert.Equal([(ushort)0, 0, 1, 2, 3, 4, 5], dmar.Structures.Select(s => s.Type));
        Assert.Equal([48L, 72, 88, 112, 120, 140, 150], dmar.Structures.Select(s => s.Offset));
    }

    [Fact]
    public void Unknown_structure_type_is_skipped_and_the_walk_goes_on()
    {
        // type 6 and above are reserved: dmar_walk_remapping_entries steps over them
        byte[] unknown = [.. TableBuilder.Le16(7), .. TableBuilder.Le16(12), 1, 2, 3, 4, 5, 6, 7, 8];
        var dmar = DmarParser.Parse(Table().Bytes(unknown).Bytes(Drhd(1, 0, 0xfed90000)).Build());
        var u = Assert.IsType<DmarUnknownStructure>(dmar.Structures[0]);
        Assert.Equal(7, u.Type);
        Assert.Equal(12, u.Length);
        Assert.Equal(60, Assert.Single(dmar.Drhds).Offset);
        Assert.Empty(dmar.Warnings);
    }

    [Fact]
    public void Unsupported_scope_type_is_a_warning()
    {
        var dmar = DmarParser.Parse(Table().Bytes(Drhd(0, 0, 0xfed90000, 0, Scope(9, 0, 0, 2, 0))).Build());
        var s = Assert.Single(Assert.Single(dmar.Drhds).Scopes);
        Assert.Equal(DeviceScopeType.Unknown, s.Type);
        Assert.Equal(9, s.RawType);
        var w = Assert.Single(dmar.Warnings);
        Assert.Equal(AcpiWarningKind.UnsupportedDeviceScope, w.Kind);
        Assert.Equal(64, w.Offset);
    }

    [Fact]
    public void Duplicate_drhd_is_a_warning()
    {
        var dmar = DmarParser.Parse(Table().Bytes(Drhd(1, 0, 0xfed90000)).Bytes(Drhd(1, 0, 0xfed90000)).Build());
        var w = Assert.Single(dmar.Warnings);
        Assert.Equal(AcpiWarningKind.DuplicateDrhd, w.Kind);
        Assert.Equal(64, w.Offset);
    }

    [Fact]
    public void Table_without_drhd_is_a_warning()
    {
        var dmar = DmarParser.Parse(Table().Bytes(Rmrr(0, 0x7c000000, 0x7c7fffff)).Build());
        Assert.Equal(AcpiWarningKind.NoDrhd, Assert.Single(dmar.Warnings).Kind);
    }

    [Fact]
    public void Drhd_at_address_zero_makes_the_kernel_refuse_the_table_first()
    {
        // detect_intel_iommu's walk (dmar_validate_one_drhd) comes before parse_dmar_table's width check
        var dmar = DmarParser.Parse(Table(width: 5).Bytes(Drhd(1, 0, 0xfed90000)).Bytes(Drhd(0, 0, 0)).Build());
        Assert.Equal(new AcpiRejection("dmar_validate_one_drhd", 64 + 8, "DRHD register base address is zero"), dmar.Rejection);
    }

    [Theory]
    [InlineData(10, true)]  // 11 bits: below PAGE_SHIFT
    [InlineData(11, false)] // 12 bits: the least the kernel takes
    public void Host_address_width_under_12_bits_makes_the_kernel_refuse_the_table(byte width, bool refused)
    {
        var dmar = DmarParser.Parse(Table(width: width).Bytes(Drhd(1, 0, 0xfed90000)).Build());
        Assert.Equal(refused, dmar.Rejection is not null);
        if (refused) Assert.Equal("parse_dmar_table", dmar.Rejection!.KernelFunction);
    }
}
