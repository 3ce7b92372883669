using ProbeSim.Acpi.Mcfg;
using ProbeSim.Acpi.Tables;

namespace ProbeSim.Acpi.Tests;

/// <summary>MCFG: the ACPI header, 8 reserved bytes, then 16-byte allocations (base, segment, start bus, end bus, 4 reserved).</summary>
public class McfgTests
{
    private static TableBuilder Table() => new TableBuilder("MCFG").Zeros(8);

    private static TableBuilder Allocation(TableBuilder t, ulong baseAddress, ushort segment, byte start, byte end) =>
        t.U64(baseAddress).U16(segment).U8(start).U8(end).Zeros(4);

    [Fact]
    public void Allocations_are_read_in_order()
    {
        var t = Table();
        Allocation(t, 0xb0000000, 0, 0, 0xff);
        Allocation(t, 0x3f000000000, 1, 0x80, 0x8f);
        var mcfg = McfgParser.Parse(t.Build());
        Assert.Equal(
            [new McfgAllocation(44, 0xb0000000, 0, 0, 0xff), new McfgAllocation(60, 0x3f000000000, 1, 0x80, 0x8f)],
            mcfg.Allocations);
        Assert.Null(mcfg.Rejection);
        Assert.Empty(mcfg.Warnings);
    }

    [Fact]
    public void A_partial_allocation_at_the_end_is_ignored()
    {
        var t = Table();
        Allocation(t, 0xb0000000, 0, 0, 0xff);
        t.Zeros(10);
        Assert.Single(McfgParser.Parse(t.Build()).Allocations);
    }

    [Fact]
    public void No_allocation_makes_the_kernel_refuse_the_table()
    {
        var mcfg = McfgParser.Parse(Table().Build());
        Assert.Empty(mcfg.Allocations);
        Assert.Equal("pci_parse_mcfg", mcfg.Rejection?.KernelFunction);
    }

    [Fact]
    public void Table_shorter_than_the_mcfg_header_is_an_error()
    {
        var e = Assert.Throws<AcpiTableException>(() => McfgParser.Parse(new TableBuilder("MCFG").Zeros(4).Build()));
        Assert.Equal("table length 40 is shorter than the 44-byte MCFG header", e.Reason);
    }
}
