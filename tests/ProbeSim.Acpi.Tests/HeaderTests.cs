using ProbeSim.Acpi.Dmar;
using ProbeSim.Acpi.Ivrs;
using ProbeSim.Acpi.Tables;

namespace ProbeSim.Acpi.Tests;

/// <summary>The common ACPI table header: its fields, its length against the file, its checksum.</summary>
public class HeaderTests
{
    [Fact]
    public void Every_header_field_is_read()
    {
        var t = new TableBuilder("DMAR", revision: 2, oemId: "INTEL ", oemTableId: "EDK2    ", oemRevision: 0x11223344,
            creatorId: "INTL", creatorRevision: 0x20200925);
        t.U8(38).U8(0).Zeros(10);
        var bytes = t.Build();
        var h = DmarParser.Parse(bytes).Header;
        Assert.Equal("DMAR", h.Signature);
        Assert.Equal(48u, h.Length);
        Assert.Equal(2, h.Revision);
        Assert.Equal(bytes[9], h.Checksum);
        Assert.Equal("INTEL ", h.OemId);
        Assert.Equal("EDK2    ", h.OemTableId);
        Assert.Equal(0x11223344u, h.OemRevision);
        Assert.Equal("INTL", h.CreatorId);
        Assert.Equal(0x20200925u, h.CreatorRevision);
        Assert.True(h.ChecksumValid);
    }

    [Fact]
    public void Checksum_byte_makes_the_table_sum_to_zero()
    {
        // a 48-byte DMAR whose bytes are all known: the checksum is what makes the sum 0 mod 256
        var bytes = DmarBytes.Table().Build();
        Assert.Equal(0, bytes.Aggregate(0, (s, b) => (s + b) & 0xff));
        Assert.True(DmarParser.Parse(bytes).Header.ChecksumValid);
    }

    [Fact]
    public void Truncated_header_is_an_error_at_the_end_of_the_file()
    {
        var bytes = DmarBytes.Table().Build()[..20];
        var e = Assert.Throws<AcpiTableException>(() => DmarParser.Parse(bytes, "tables/DMAR"));
        Assert.Equal("tables/DMAR", e.File);
        Assert.Equal(20, e.Offset);
        Assert.Equal("truncated table: file has 20 bytes, too short for the 36-byte ACPI table header", e.Reason);
        Assert.Equal("tables/DMAR: error: at byte offset 20 (0x14): truncated table: file has 20 bytes, too short for the 36-byte ACPI table header", e.Message);
    }

    [Fact]
    public void Length_larger_than_the_file_is_an_error_at_the_length_field()
    {
        var bytes = DmarBytes.Table().Build(length: 200);
        var e = Assert.Throws<AcpiTableException>(() => DmarParser.Parse(bytes));
        Assert.Equal(4, e.Offset);
        Assert.Equal("table length 200 is larger than the file (48 bytes)", e.Reason);
    }

    [Fact]
    public void Length_shorter_than_the_header_is_an_error()
    {
        var e = Assert.Throws<AcpiTableException>(() => DmarParser.Parse(DmarBytes.Table().Build(length: 30)));
        Assert.Equal(4, e.Offset);
        Assert.Equal("table length 30 is shorter than the 36-byte header", e.Reason);
    }

    [Fact]
    public void Length_between_the_acpi_header_and_the_dmar_header_is_an_error()
    {
        var bytes = new TableBuilder("DMAR").U8(38).Build();
        var e = Assert.Throws<AcpiTableException>(() => DmarParser.Parse(bytes));
        Assert.Equal("table length 37 is shorter than the 48-byte DMAR header", e.Reason);
    }

    [Fact]
    public void Wrong_signature_is_an_error()
    {
        var bytes = new TableBuilder("DMAX").U8(38).U8(0).Zeros(10).Build();
        var e = Assert.Throws<AcpiTableException>(() => DmarParser.Parse(bytes));
        Assert.Equal(0, e.Offset);
        Assert.Equal("signature \"DMAX\" is not \"DMAR\"", e.Reason);
    }

    [Fact]
    public void Bad_checksum_is_a_warning_and_the_dmar_is_still_used()
    {
        // ACPICA warns and installs the table (ACPI_CHECKSUM_ABORT is FALSE)
        var t = DmarBytes.Table().Bytes(DmarBytes.Drhd(1, 0, 0xfed90000));
        var dmar = DmarParser.Parse(t.Build(checksumDelta: 5), "tables/DMAR");
        Assert.False(dmar.Header.ChecksumValid);
        var w = Assert.Single(dmar.Warnings);
        Assert.Equal(AcpiWarningKind.BadChecksum, w.Kind);
        Assert.Equal(9, w.Offset);
        Assert.Null(dmar.Rejection);
        Assert.Single(dmar.Drhds);
    }

    [Fact]
    public void Bad_checksum_makes_amd_iommu_refuse_the_ivrs()
    {
        var ivrs = IvrsParser.Parse(IvrsBytes.Table(0).Build(checksumDelta: 1));
        Assert.Equal(AcpiWarningKind.BadChecksum, Assert.Single(ivrs.Warnings).Kind);
        Assert.Equal(new AcpiRejection("check_ivrs_checksum", 9, "IVRS invalid checksum"), ivrs.Rejection);
    }

    [Fact]
    public void Bytes_after_the_length_are_a_warning_and_not_read()
    {
        var bytes = DmarBytes.Table().Bytes(DmarBytes.Drhd(1, 0, 0xfed90000)).Build().Concat(new byte[] { 0xff, 0xff, 0xff }).ToArray();
        var dmar = DmarParser.Parse(bytes);
        var w = Assert.Single(dmar.Warnings);
        Assert.Equal(AcpiWarningKind.TrailingBytes, w.Kind);
        Assert.Equal(64, w.Offset);
        Assert.Single(dmar.Structures);
    }
}
