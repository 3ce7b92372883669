using ProbeSim.Kernel.Of;

namespace ProbeSim.Kernel.Tests.Of;

/// <summary>
/// __of_translate_address checks OF_CHECK_COUNTS(pna, pns) for each parent bus it crosses (drivers/of/address.c:
/// #address-cells 1..OF_MAX_ADDR_CELLS = 4, #size-cells above 0); with a bad count it logs "Bad cell count" and the
/// address does not translate, so of_device_make_bus_id names the device by its node names ("soc:dev@100").
/// Found by the fuzzing harness: #address-cells = &lt;0xffffffff&gt; at the root ended boot with an internal error.
/// </summary>
public class OfAddressCellCountTests
{
    private static string NameWithRootCells(string addressCells, string sizeCells = "1", string ranges = "ranges = <0x0 0x10000000 0x100000>;") => OfDeviceName.Make(TestDts.Compile($$"""
        / {
            #address-cells = <{{addressCells}}>;
            #size-cells = <{{sizeCells}}>;
            soc {
                compatible = "simple-bus";
                #address-cells = <1>;
                #size-cells = <1>;
                {{ranges}}
                dev@100 { compatible = "acme,dev"; reg = <0x100 0x10>; };
            };
        };
        """).FindByPath("/soc/dev@100")!);

    [Theory]
    [InlineData("0xffffffff", "ranges;")]
    [InlineData("0x80000000", "ranges;")]
    [InlineData("5", "ranges;")]
    [InlineData("0", "ranges;")]
    [InlineData("0xffffffff", "ranges = <0x0 0x10000000 0x100000>;")]
    [InlineData("5", "ranges = <0x0 0x0 0x10000000 0x0 0x0 0x100000>;")]
    public void BadAddressCellsAbove_NoTranslation_NamedByNodeNames(string cells, string ranges) =>
        Assert.Equal("soc:dev@100", NameWithRootCells(cells, ranges: ranges));

    [Theory]
    [InlineData("0")]
    [InlineData("0xffffffff")]
    public void BadSizeCellsAbove_NoTranslation_NamedByNodeNames(string sizeCells) =>
        Assert.Equal("soc:dev@100", NameWithRootCells("1", sizeCells, "ranges;"));

    [Theory]
    [InlineData("ranges;", "100.dev")]
    [InlineData("ranges = <0x0 0x10000000 0x100000>;", "10000100.dev")]
    public void GoodCellCounts_TheCpuAddress(string ranges, string name) =>
        Assert.Equal(name, NameWithRootCells("1", ranges: ranges));
}
