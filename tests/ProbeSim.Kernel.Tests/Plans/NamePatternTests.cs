using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Kernel.Tests.Plans;

/// <summary>A request name kept as the printf format a driver builds it with (snprintf(name, .., "usb%d_phy", i)).</summary>
public class NamePatternTests
{
    [Theory]
    // %d prints one or more decimal digits, %c one character (C11 7.21.6.1)
    [InlineData("usb%d_phy", "usb0_phy", true)]
    [InlineData("usb%d_phy", "usb12_phy", true)]
    [InlineData("usb%d_phy", "usb_phy", false)]
    [InlineData("usb%d_phy", "usbx_phy", false)]
    [InlineData("usb%d_phy", "usb0_phy0", false)]
    [InlineData("vcc-p%c", "vcc-pa", true)]
    [InlineData("vcc-p%c", "vcc-p", false)]
    [InlineData("clkin%d", "clkin1", true)]
    [InlineData("pmu%d_clk", "pmu1_clk", true)]
    public void A_pattern_matches_the_names_its_format_prints(string pattern, string name, bool matches)
    {
        Assert.Equal(matches, NamePattern.Matches(pattern, name));
    }

    [Theory]
    [InlineData("usb%d_phy", "usb%d_phy")]
    [InlineData("phy", "phy")]
    [InlineData("%s-%s", null)]
    [InlineData("clk%x", null)]
    public void Only_integer_and_character_conversions_make_a_pattern(string format, string? pattern)
    {
        Assert.Equal(pattern, NamePattern.FromFormat(format));
    }
}
