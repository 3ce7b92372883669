using System.Globalization;
using ProbeSim.Kernel.Boot;

namespace ProbeSim.Reports;

/// <summary>How many devices ended in each state.</summary>
public readonly record struct StateCounts(int Bound, int Deferred, int Failed, int NoDriver, int NotPresent)
{
    /// <summary>All devices counted.</summary>
    public int Total => Bound + Deferred + Failed + NoDriver + NotPresent;

    /// <summary>The number of devices in one state.</summary>
    public int this[DeviceState state] => state switch
    {
        DeviceState.Bound => Bound,
        DeviceState.Deferred => Deferred,
        DeviceState.Failed => Failed,
        DeviceState.NoDriver => NoDriver,
        DeviceState.NotPresent => NotPresent,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown device state"),
    };

    /// <summary>These counts with one more device in <paramref name="state"/>.</summary>
    public StateCounts With(DeviceState state) => state switch
    {
        DeviceState.Bound => this with { Bound = Bound + 1 },
        DeviceState.Deferred => this with { Deferred = Deferred + 1 },
        DeviceState.Failed => this with { Failed = Failed + 1 },
        DeviceState.NoDriver => this with { NoDriver = NoDriver + 1 },
        DeviceState.NotPresent => this with { NotPresent = NotPresent + 1 },
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown device state"),
    };

    /// <summary>The sum of two counts.</summary>
    public static StateCounts operator +(StateCounts a, StateCounts b) =>
        new(a.Bound + b.Bound, a.Deferred + b.Deferred, a.Failed + b.Failed, a.NoDriver + b.NoDriver, a.NotPresent + b.NotPresent);

    /// <summary>Counts the states of <paramref name="devices"/>.</summary>
    public static StateCounts Of(IEnumerable<DeviceOutcome> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var counts = default(StateCounts);
        foreach (var d in devices) counts = counts.With(d.State);
        return counts;
    }

    /// <summary>The states in report order: bound, deferred, failed, no-driver, not-present.</summary>
    public static IReadOnlyList<DeviceState> Order { get; } =
        [DeviceState.Bound, DeviceState.Deferred, DeviceState.Failed, DeviceState.NoDriver, DeviceState.NotPresent];

    /// <summary><c>N devices: a bound, b deferred, c failed, d no-driver, e not-present</c> (<c>1 device: ...</c> for one).</summary>
    public string Summary()
    {
        var self = this;
        var parts = Order.Select(s => string.Create(CultureInfo.InvariantCulture, $"{self[s]} {DeviceStateWords.Word(s)}"));
        return string.Create(CultureInfo.InvariantCulture, $"{Total} {(Total == 1 ? "device" : "devices")}: {string.Join(", ", parts)}");
    }
}
