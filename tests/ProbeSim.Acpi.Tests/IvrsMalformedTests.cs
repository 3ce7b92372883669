using ProbeSim.Acpi.Ivrs;
using ProbeSim.Acpi.Tables;
using static ProbeSim.Acpi.Tests.IvrsBytes;

namespace ProbeSim.Acpi.Tests;

/// <summary>Broken IVRS tables: one typed error with the byte offset where the kernel's walks would go wrong.</summary>
public class IvrsMalformedTests
{
    private static AcpiTableException Fails(byte[] bytes) => Assert.Throws<AcpiTableException>(() => IvrsParser.Parse(bytes, "IVRS"));

    [Fact]
    public void Table_shorter_than_the_ivrs_header_is_an_error()
    {
        var e = Fails(new TableBuilder("IVRS").U32(0).Build());
        Assert.Equal(4, e.Offset);
        Assert.Equal("table length 40 is shorter than the 48-byte IVRS header", e.Reason);
    }

    [Fact]
    public void Zero_length_block_is_an_error()
    {
        var e = Fails(Table().Bytes(0x10, 0, 0, 0).Build());
        Assert.Equal(48, e.Offset);
        Assert.Equal("block type 0x10 has length 0: the kernel's walk over the blocks would never advance", e.Reason);
    }

    [Fact]
    public void Block_running_past_the_table_is_an_error()
    {
        var block = Ivhd(0x10, 0, 2, 0x40, 0xfeb80000, 0, 0, 0);
        block[2] = 64;
        var e = Fails(Table().Bytes(block).Build());
        Assert.Equal(48, e.Offset);
        Assert.Equal("block type 0x10 length 64 runs past the end of the table (24 bytes left)", e.Reason);
    }

    [Fact]
    public void Ivhd_shorter_than_its_header_is_an_error()
    {
        var block = Ivhd(0x11, 0, 2, 0x40, 0xfeb80000, 0, 0, 0)[..24];
        block[2] = 24;
        var e = Fails(Table().Bytes(block).Build());
        Assert.Equal(48, e.Offset);
        Assert.Equal("IVHD block type 0x11 length 24 is shorter than its 40-byte header", e.Reason);
    }

    [Fact]
    public void Ivmd_shorter_than_32_bytes_is_an_error()
    {
        var e = Fails(Table().Bytes(0x21, 0, 16, 0).Zeros(12).Build());
        Assert.Equal("IVMD block type 0x21 length 16 is shorter than its 32 bytes", e.Reason);
    }

    [Fact]
    public void Fewer_than_four_bytes_after_the_last_block_is_an_error()
    {
        var e = Fails(Table().Bytes(Ivhd(0x10, 0, 2, 0x40, 0xfeb80000, 0, 0, 0)).Bytes(0x10, 0).Build());
        Assert.Equal(72, e.Offset);
    }

    [Fact]
    public void Eight_byte_entry_running_past_its_block_is_an_error()
    {
        // the block ends 4 bytes into the ALIAS_SELECT entry
        var block = Ivhd(0x10, 0, 2, 0x40, 0xfeb80000, 0, 0, 0, 0, 0, Entry4(0x02, 8, 0), Entry8(0x42, 0x200, 0, 0, 0x100, 0)[..4]);
        var e = Fails(Table().Bytes(block).Build());
        Assert.Equal(76, e.Offset);
        Assert.Equal("IVRS: error: at byte offset 76 (0x4c): device entry type 0x42 (8 bytes) runs past the end of its IVHD block (4 bytes left)", e.Message);
    }

    [Fact]
    public void Entry_running_into_the_next_block_is_an_error_even_when_the_table_goes_on()
    {
        var block = Ivhd(0x10, 0, 2, 0x40, 0xfeb80000, 0, 0, 0, 0, 0, [0x02, 8, 0]); // a 3-byte SELECT
        var e = Fails(Table().Bytes(block).Bytes(Ivhd(0x10, 0, 2, 0x40, 0xfeb90000, 0, 0, 0)).Build());
        Assert.Equal(72, e.Offset);
        Assert.Equal("device entry type 0x02 (4 bytes) runs past the end of its IVHD block (3 bytes left)", e.Reason);
    }

    [Fact]
    public void Acpi_hid_entry_whose_uid_runs_past_the_block_is_an_error()
    {
        var hid = AcpiHid(2, 0, "AMDI0020", "", 2, "ABCD"u8.ToArray());
        hid[21] = 40; // UID length 40, 4 bytes there
        var e = Fails(Table().Bytes(Ivhd(0x40, 0, 2, 0x40, 0xfeb80000, 0, 0, 0, 0, 0, hid)).Build());
        Assert.Equal(88, e.Offset);
        Assert.Equal("device entry type 0xf0 (62 bytes) runs past the end of its IVHD block (26 bytes left)", e.Reason);
    }

    [Fact]
    public void Acpi_hid_entry_cut_before_its_uid_length_is_an_error()
    {
        var hid = AcpiHid(2, 0, "AMDI0020", "", 0, [])[..12];
        var e = Fails(Table().Bytes(Ivhd(0x40, 0, 2, 0x40, 0xfeb80000, 0, 0, 0, 0, 0, hid)).Build());
        Assert.Equal(88, e.Offset);
        Assert.Equal("ACPI HID entry needs 22 bytes before its UID, its IVHD block has 12 left", e.Reason);
    }

    [Theory]
    [InlineData(0x80)]
    [InlineData(0xbf)]
    [InlineData(0xff)]
    public void Entry_type_without_a_kernel_length_is_an_error(byte type)
    {
        var e = Fails(Table().Bytes(Ivhd(0x10, 0, 2, 0x40, 0xfeb80000, 0, 0, 0, 0, 0, Entry4(type, 0, 0), Entry4(type, 0, 0))).Build());
        Assert.Equal(72, e.Offset);
        Assert.Equal($"device entry type 0x{type:x2} has no length the kernel knows (ivhd_entry_length gives 0)", e.Reason);
    }
}
