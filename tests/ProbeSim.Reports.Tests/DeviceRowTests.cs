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
        Assert.Equal("timeout", DeviceRow.From(SampleBoot.Serial with { DeferReason = null, Note = new TextNote("timeout") }).Reason);

    [Fact]
    public void The_basis_cell_says_guessed_for_an_outcome_of_the_generic_probe() =>
        Assert.Equal("guessed", DeviceRow.From(SampleBoot.Serial).Basis);

    [Fact]
    public void A_rejected_match_reads_no_driver_with_the_rejection_as_reason()
    {
        // drivers/base/dd.c:568-571: -ENODEV/-ENXIO from probe is "rejects match", not a failure
        var row = DeviceRow.From(new DeviceOutcome
        {
            Name = "ff770000.syscon", Bus = "platform", State = DeviceState.NoDriver, Error = -19, RejectedBy = "simple-pm-bus",
            Note = new TextNote("probe with driver simple-pm-bus rejects match -19 (ENODEV)"),
        });
        Assert.Equal(("no-driver", "probe with driver simple-pm-bus rejects match -19 (ENODEV)"), (row.State, row.Reason));
    }

    [Fact]
    public void Missing_values_are_dashes()
    {
        var row = DeviceRow.From(SampleBoot.Usb);
        Assert.Equal(["usb@8000000", "-", "-", "not-present", "disabled", "-", "modelled"], row.Cells);
        Assert.Equal(DeviceState.NotPresent, row.DeviceState);
    }
}
