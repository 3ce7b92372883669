using ProbeSim.Kernel.Boot;

namespace ProbeSim.Reports;

/// <summary>The words reports use for a device's end state (tables and JSON alike).</summary>
public static class DeviceStateWords
{
    /// <summary><c>bound</c>, <c>deferred</c>, <c>failed</c>, <c>no-driver</c> or <c>not-present</c>.</summary>
    public static string Word(DeviceState state) => state switch
    {
        DeviceState.Bound => "bound",
        DeviceState.Deferred => "deferred",
        DeviceState.Failed => "failed",
        DeviceState.NoDriver => "no-driver",
        DeviceState.NotPresent => "not-present",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown device state"),
    };
}
