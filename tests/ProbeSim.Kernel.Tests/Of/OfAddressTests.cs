using ProbeSim.Kernel.Of;

namespace ProbeSim.Kernel.Tests.Of;

/// <summary>
/// drivers/of/address.c (v6.1) __of_translate_address: a parent bus whose #address-cells fails OF_CHECK_ADDR_COUNT
/// (0, or more than OF_MAX_ADDR_CELLS = 4; include/linux/of_address.h / address.c:20-22) ends the translation with
/// "Bad cell count" and OF_BAD_ADDR, so the device is named without a unit address. Found by the fuzzing harness:
/// #address-cells = 0xffffffff ended in an internal error.
/// </summary>
public class OfAddressTests
{
    [Theory]
    [InlineData("0xffffffff")]
    [InlineData("5")]
    [InlineData("0")]
    public void A_parent_bus_with_a_bad_address_cell_count_does_not_translate(string cells)
    {
        var tree = TestDts.Compile($$"""
            / {
                #address-cells = <{{cells}}>;
                #size-cells = <1>;
                soc {
                    compatible = "simple-bus";
                    #address-cells = <1>;
                    #size-cells = <1>;
                    ranges;
                    uart@1000 { compatible = "acme,uart"; reg = <0x1000 0x100>; };
                };
            };
            """);
        var uart = tree.Root.Children.Single().Children.Single();
        Assert.Null(OfAddress.TranslateFirstReg(uart));
    }

    [Fact]
    public void A_good_count_still_translates()
    {
        var tree = TestDts.Compile("""
            / {
                #address-cells = <2>;
                #size-cells = <2>;
                soc {
                    compatible = "simple-bus";
                    #address-cells = <1>;
                    #size-cells = <1>;
                    ranges = <0x0 0x0 0x10000000 0x100000>;
                    uart@1000 { compatible = "acme,uart"; reg = <0x1000 0x100>; };
                };
            };
            """);
        var uart = tree.Root.Children.Single().Children.Single();
        Assert.Equal(0x10001000UL, OfAddress.TranslateFirstReg(uart));
    }
}
