using System.Globalization;

namespace ProbeSim.Reports;

/// <summary>Simulated times (microseconds since boot) as the kernel prints them: seconds with six decimals.</summary>
public static class SimTime
{
    /// <summary>Microseconds in one second.</summary>
    public const long MicrosecondsPerSecond = 1_000_000;

    /// <summary>Seconds with exactly six decimals, invariant culture: <c>0.000001</c>, <c>12.345678</c>, <c>-0.500000</c>.</summary>
    public static string Seconds(long timeUs)
    {
        var negative = timeUs < 0;
        // Two's complement magnitude that also holds for long.MinValue.
        var magnitude = negative ? (ulong)(-(timeUs + 1)) + 1 : (ulong)timeUs;
        return string.Create(CultureInfo.InvariantCulture,
            $"{(negative ? "-" : "")}{magnitude / MicrosecondsPerSecond}.{magnitude % MicrosecondsPerSecond:D6}");
    }
}
