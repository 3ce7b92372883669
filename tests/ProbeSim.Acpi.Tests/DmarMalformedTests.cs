using ProbeSim.Acpi.Dmar;
using ProbeSim.Acpi.Tables;
using static ProbeSim.Acpi.Tests.DmarBytes;
using static ProbeSim.Acpi.Tests.TableBuilder;

namespace ProbeSim.Acpi.Tests;

/// <summary>Broken DMAR tables: one typed error with the byte offset of the problem, or the kernel's own handling.</summary>
public class DmarMalformedTests
{
    private static AcpiTableException Fails(byte[] bytes) => Assert.Throws<AcpiTableException>(() => DmarParser.Parse(bytes, "DMAR"));

    [Fact]
    public void Zero_length_structure_stops_the_walk_with_a_warning()
    {
        // dmar_walk_remapping_entries breaks out on a 0-length structure and returns success: the DRHD before it counts,
        // the RMRR after it is never read
        var bytes = Table().Bytes(Drhd(1, 0, 0xfed90000)).Bytes([.. Le16(1), .. Le16(0)]).Bytes(Rmrr(0, 0x7c000000, 0x7c7fffff)).Build();
        var dmar = DmarParser.Parse(bytes);
        Assert.Single(dmar.Structures);
        var w = Assert.Single(dmar.Warnings);
        Assert.Equal(AcpiWarningKind.ZeroLengthStructure, w.Kind);
        Assert.Equal(64, w.Offset);
        Assert.Null(dmar.Rejection);
    }

    [Fact]
    public void Structure_passing_the_table_end_is_an_error()
    {
        var drhd = Drhd(1, 0, 0xfed90000);
        drhd[2] = 40; // length 40, 16 bytes there
        var e = Fails(Table().Bytes(drhd).Build());
        Assert.Equal(48, e.Offset);
        Assert.Equal("DRHD length 40 runs past the end of the table (16 bytes left)", e.Reason);
    }

    [Fact]
    public void Structure_shorter_than_its_fixed_part_is_an_error()
    {
        var e = Fails(Table().Bytes([.. Le16(1), .. Le16(8), 0, 0, 0, 0]).Build());
        Assert.Equal(48, e.Offset);
        Assert.Equal("RMRR length 8 is shorter than its 24-byte fixed part", e.Reason);
    }

    [Fact]
    public void Fewer_than_four_bytes_after_the_last_structure_is_an_error()
    {
        var e = Fails(Table().Bytes(Drhd(1, 0, 0xfed90000)).Bytes(0, 0).Build());
        Assert.Equal(64, e.Offset);
        Assert.Equal("2 bytes left after the last structure, too few for a 4-byte structure header", e.Reason);
    }

    [Fact]
    public void Device_scope_shorter_than_its_header_is_an_error_at_the_scope()
    {
        byte[] scope = [1, 3, 0, 0, 0, 0, 2, 0];
        var e = Fails(Table().Bytes(Drhd(0, 0, 0xfed90000, 0, Scope(1, 0, 0, 1, 0), scope)).Build());
        Assert.Equal(0x48, e.Offset);
        Assert.Equal("DMAR: error: at byte offset 72 (0x48): device scope length 3 is shorter than its 6-byte header", e.Message);
    }

    [Fact]
    public void Zero_length_device_scope_is_an_error()
    {
        // dmar_alloc_dev_scope would step by 0 for ever
        var e = Fails(Table().Bytes(Drhd(0, 0, 0xfed90000, 0, [1, 0, 0, 0, 0, 0, 2, 0])).Build());
        Assert.Equal(64, e.Offset);
        Assert.Equal("device scope length 0 is shorter than its 6-byte header", e.Reason);
    }

    [Fact]
    public void Device_scope_overrunning_its_structure_is_an_error()
    {
        byte[] scope = [1, 10, 0, 0, 0, 0, 2, 0]; // says 10 bytes, the DRHD holds 8 of it
        var e = Fails(Table().Bytes(Drhd(0, 0, 0xfed90000, 0, scope)).Build());
        Assert.Equal(64, e.Offset);
        Assert.Equal("device scope length 10 runs past the end of its DRHD (8 bytes left)", e.Reason);
    }

    [Fact]
    public void Device_scope_overrunning_an_rmrr_names_the_rmrr()
    {
        byte[] scope = [1, 8, 0, 0, 0, 0, 0x14];
        var e = Fails(Table().Bytes(Drhd(1, 0, 0xfed90000)).Bytes(Rmrr(0, 0x7c000000, 0x7c7fffff, scope)).Build());
        Assert.Equal(64 + 24, e.Offset);
        Assert.Equal("device scope length 8 runs past the end of its RMRR (7 bytes left)", e.Reason);
    }

    [Fact]
    public void One_byte_after_the_last_scope_is_an_error()
    {
        var e = Fails(Table().Bytes(Drhd(0, 0, 0xfed90000, 0, Scope(1, 0, 0, 2, 0), [1])).Build());
        Assert.Equal(72, e.Offset);
        Assert.Equal("1 byte left at the end of the DRHD, too few for a device scope", e.Reason);
    }

    [Fact]
    public void Odd_path_byte_is_a_warning_and_the_whole_steps_are_kept()
    {
        var dmar = DmarParser.Parse(Table().Bytes(Drhd(0, 0, 0xfed90000, 0, [1, 9, 0, 0, 0, 0, 2, 0, 7])).Build());
        Assert.Equal([new PciPathStep(2, 0)], Assert.Single(Assert.Single(dmar.Drhds).Scopes).Path);
        Assert.Equal(AcpiWarningKind.OddDeviceScopePath, Assert.Single(dmar.Warnings).Kind);
    }
}
