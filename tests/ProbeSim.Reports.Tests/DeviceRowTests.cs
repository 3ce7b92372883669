using ProbeSim.Kernel.Boot;
using ProbeSim.Reports.Text;

namespace ProbeSim.Reports.Tests;

public class DeviceRowTests
{
    [Theory]
    [InlineData(-5, "failed (-5 EIO)")]
    [InlineData(-517, "failed (-517 EPROBE_DEFER)")]
    [InlineData(-19, "failed (-19 ENODEV)")]
    [InlineData(-4242, "failed (-4242)")]
    public void Failed_state_shows_errno(int errno, string expected) =>
        Assert.Equal(expected, DeviceRow.From(SampleBoot.I2c with { Error = errno }).State);

    [Fact]
    public void Failed_without_errno_is_just_failed() =>
        Assert.Equal("failed", DeviceRow.From(SampleBoot.I2c with { Error = null }).State);

    [Fact]
    public void Deferred_without_reason_falls_back_to_note() =>
        Assert.Equal("timeout", DeviceRow.From(SampleBoot.Serial with { DeferReason = null, Note = "timeout" }).Reason);

    [Fact]
    public void Missing_values_are_dashes()
    {
        var row = DeviceRow.From(SampleBoot.Usb);
        Assert.Equal(["usb@8000000", "-", "-", "not-present", "disabled", "-"], row.Cells);
        Assert.Equal(DeviceState.NotPresent, row.DeviceState);
    }
}
