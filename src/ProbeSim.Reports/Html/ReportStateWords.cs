using ProbeSim.Kernel.Boot;

namespace ProbeSim.Reports.Html;

/// <summary>
/// The state a device has in the HTML report, which colours it: the JSON state word (<see cref="DeviceStateWords"/>),
/// except that a node that never became a device because its <c>status</c> says so is <c>disabled</c>.
/// </summary>
public static class ReportStateWords
{
    public const string Disabled = "disabled";

    public static string Word(DeviceOutcome device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.State == DeviceState.NotPresent && device.NoDevice is ProbeSim.Kernel.Of.NoDeviceReason.Disabled
            ? Disabled
            : DeviceStateWords.Word(device.State);
    }
}
