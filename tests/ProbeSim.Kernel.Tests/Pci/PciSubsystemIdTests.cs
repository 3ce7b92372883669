using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Pci;
using static ProbeSim.Kernel.Tests.Pci.PciTestSupport;

namespace ProbeSim.Kernel.Tests.Pci;

/// <summary>
/// Subsystem vendor/device ids as pci_setup_device reads them (drivers/pci/probe.c:1926-2003 in 6.1.192): header type 0
/// at 0x2c/0x2e (pci_subsystem_ids), a bridge only from its SSVID capability (0x0d, +4/+6; 0 without one), CardBus at
/// 0x40/0x42; from YAML as subsystem-vendor/subsystem-device; and how pci_device_id entries match them.
/// </summary>
public class PciSubsystemIdTests
{
    [Fact]
    public void Each_header_type_has_its_own_place()
    {
        using var dir = new TempDir();
        var host = Path.Combine(dir.Path, "sys/devices/pci0000:00");
        new PciConfigBuilder(256, 0x8086, 0x100e, 0x020000, 0).U16(0x2c, 0x1af4).U16(0x2e, 0x1100).WriteTo(Path.Combine(host, "0000:00:01.0"));
        // a bridge's 0x2c-0x2f is the prefetchable base upper 32 bits: not subsystem ids
        new PciConfigBuilder(4096, 0x1b36, 0x000c, 0x060400, 1).Buses(0, 1, 1).U16(0x2c, 0xdead).U16(0x2e, 0xbeef)
            .Pcie(0x4).Cap(0x0d).U16(0x40 + 0x3c + 4, 0x1b36).U16(0x40 + 0x3c + 6, 0x0001).WriteTo(Path.Combine(host, "0000:00:02.0"));
        new PciConfigBuilder(4096, 0x104c, 0x8232, 0x060400, 1).Buses(0, 2, 2).U16(0x2c, 0xdead).Pcie(0x5).WriteTo(Path.Combine(host, "0000:00:03.0"));
        new PciConfigBuilder(256, 0x1180, 0x0476, 0x060700, 2).U16(0x40, 0x17aa).U16(0x42, 0x2012).WriteTo(Path.Combine(host, "0000:00:04.0"));
        var t = PciSysfsDump.Load(dir.Path).Single();

        Assert.Equal(((ushort?)0x1af4, (ushort?)0x1100), (Get(t, "00:01.0").SubsystemVendorId, Get(t, "00:01.0").SubsystemDeviceId));
        Assert.Equal(((ushort?)0x1b36, (ushort?)0x0001), (Get(t, "00:02.0").SubsystemVendorId, Get(t, "00:02.0").SubsystemDeviceId));
        Assert.Equal(((ushort?)0, (ushort?)0), (Get(t, "00:03.0").SubsystemVendorId, Get(t, "00:03.0").SubsystemDeviceId));
        Assert.Equal(((ushort?)0x17aa, (ushort?)0x2012), (Get(t, "00:04.0").SubsystemVendorId, Get(t, "00:04.0").SubsystemDeviceId));
        Assert.Equal("pci:v00008086d0000100Esv00001AF4sd00001100bc02sc00i00", Get(t, "00:01.0").Modalias);
        Assert.Equal("pci:v0000104Cd00008232sv00000000sd00000000bc06sc04i00", Get(t, "00:03.0").Modalias);
    }

    [Fact]
    public void A_cardbus_header_cut_before_0x40_has_no_subsystem_ids()
    {
        using var dir = new TempDir();
        var cb = new PciConfigBuilder(256, 0x1180, 0x0476, 0x060700, 2).U16(0x40, 0x17aa);
        Directory.CreateDirectory(Path.Combine(dir.Path, "sys/devices/pci0000:00/0000:00:04.0"));
        File.WriteAllBytes(Path.Combine(dir.Path, "sys/devices/pci0000:00/0000:00:04.0/config"), cb.Bytes[..64]);
        var dump = PciSysfsDump.Load(dir.Path, allowPartial: true);
        var f = Get(dump.Single(), "00:04.0");
        Assert.Null(f.SubsystemVendorId);
        Assert.Null(f.SubsystemDeviceId);
        Assert.Contains(dump.Warnings, w => w.Contains("CardBus subsystem ids (0x40-0x43) lie beyond the bytes read", StringComparison.Ordinal));
        // the modalias prints unknown ids as 0, as a zeroed pci_dev would
        Assert.Equal("pci:v00001180d00000476sv00000000sd00000000bc06sc07i00", f.Modalias);
    }

    [Fact]
    public void A_bridge_whose_capability_list_was_not_read_has_unknown_subsystem_ids()
    {
        using var dir = new TempDir();
        var rp = new PciConfigBuilder(4096, 0x1b36, 0x000c, 0x060400, 1).Buses(0, 1, 1).Pcie(0x4).Cap(0x0d);
        Directory.CreateDirectory(Path.Combine(dir.Path, "sys/devices/pci0000:00/0000:00:02.0"));
        File.WriteAllBytes(Path.Combine(dir.Path, "sys/devices/pci0000:00/0000:00:02.0/config"), rp.Bytes[..64]);
        var f = Get(PciSysfsDump.Load(dir.Path, allowPartial: true).Single(), "00:02.0");
        Assert.Null(f.SubsystemVendorId);
        Assert.Null(f.SubsystemDeviceId);
    }

    [Fact]
    public void Yaml_gives_them_as_optional_keys()
    {
        var t = Yaml("""
            pci:
              devices:
                - { slot: 01.0, id: "8086:10d3", subsystem-vendor: "8086", subsystem-device: 0x0000, class: 0x020000 }
                - { slot: 02.0, id: "8086:10d3", class: 0x020000 }
            """);
        Assert.Equal(((ushort?)0x8086, (ushort?)0), (Get(t, "00:01.0").SubsystemVendorId, Get(t, "00:01.0").SubsystemDeviceId));
        Assert.Null(Get(t, "00:02.0").SubsystemVendorId);
        Assert.Null(Get(t, "00:02.0").SubsystemDeviceId);
        var e = YamlError("pci:\n  devices:\n    - { slot: 01.0, subsystem-vendor: 0x12345 }\n");
        Assert.Contains("subsystem-vendor must be hex with at most 4 digits, not '0x12345'", e.Message);
    }

    [Fact]
    public void An_id_with_subsystem_ids_matches_only_those()
    {
        // pci_match_one_id (drivers/pci/pci.h:232-243): each of the four ids is PCI_ANY_ID or equal, then the class under its mask
        var dell = new PciId(0x8086, null, 0x010400) { Subvendor = 0x1028 };
        Assert.True(dell.Matches(0x8086, 0x2822, 0x1028, 0x1234, 0x010400));
        Assert.False(dell.Matches(0x8086, 0x2822, 0x1043, 0x1234, 0x010400));
        Assert.False(dell.Matches(0x8086, 0x2822, null, null, 0x010400));
        Assert.False(dell.Matches(0x8086, 0x2822, 0x010400));            // the three-argument form: subsystem unknown
        Assert.True(new PciId(0x8086, 0x2822).Matches(0x8086, 0x2822, 0x010400));
        var partial = new PciId(0x8086, 0x0042, 0x030000, 0xff0000);
        Assert.True(partial.Matches(0x8086, 0x0042, 0x038000));
        Assert.False(partial.Matches(0x8086, 0x0042, 0x048000));
    }

    [Theory]
    [InlineData("8086:10d3", "8086:10d3")]
    [InlineData("8086:*", "8086:*")]
    [InlineData("class:060400", "class:060400")]
    [InlineData("class:0604", "class:0604")]
    [InlineData("8086:*:1028:*", "8086:*:1028:*")]
    [InlineData("*:*:1028:0001", "*:*:1028:0001")]
    [InlineData("8086:* class:010400", "8086:* class:010400")]
    [InlineData("class:030000/ff0000", "class:030000/ff0000")]
    [InlineData("class:0x060400", "class:060400")]
    public void Parse_and_print_round_trip(string text, string printed)
    {
        var id = PciId.Parse(text);
        Assert.NotNull(id);
        Assert.Equal(printed, id.ToString());
        Assert.Equal(id, PciId.Parse(id.ToString()));
    }

    [Theory]
    [InlineData("*:10d3")]
    [InlineData("8086")]
    [InlineData("8086:10d3:1028")]
    [InlineData("class:06040")]
    [InlineData("class:060400/ff00")]
    [InlineData("class:060400 class:060400")]
    [InlineData("8086:10d3 8086:10d4")]
    [InlineData("")]
    public void Parse_refuses_malformed_ids(string text) => Assert.Null(PciId.Parse(text));
}
