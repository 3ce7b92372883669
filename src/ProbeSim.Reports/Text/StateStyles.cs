using ProbeSim.Kernel.Boot;
using Spectre.Console;

namespace ProbeSim.Reports.Text;

/// <summary>Colours of the device states on a terminal: bound green, deferred yellow, failed red, no-driver grey, not-present dim.</summary>
public static class StateStyles
{
    private static readonly Style BoundStyle = new(Color.Green);
    private static readonly Style DeferredStyle = new(Color.Yellow);
    private static readonly Style FailedStyle = new(Color.Red);
    private static readonly Style NoDriverStyle = new(Color.Grey);
    private static readonly Style NotPresentStyle = new(decoration: Decoration.Dim);

    /// <summary>The style a state's word and count are drawn in.</summary>
    public static Style For(DeviceState state) => state switch
    {
        DeviceState.Bound => BoundStyle,
        DeviceState.Deferred => DeferredStyle,
        DeviceState.Failed => FailedStyle,
        DeviceState.NoDriver => NoDriverStyle,
        DeviceState.NotPresent => NotPresentStyle,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown device state"),
    };

    /// <summary>The summary line (<see cref="StateCounts.Summary"/>) with each state's count in its colour.</summary>
    public static Paragraph Summary(StateCounts counts)
    {
        var p = new Paragraph();
        var total = counts.Total;
        p.Append(total.ToString(System.Globalization.CultureInfo.InvariantCulture) + (total == 1 ? " device: " : " devices: "));
        var first = true;
        foreach (var state in StateCounts.Order)
        {
            if (!first) p.Append(", ");
            first = false;
            p.Append(counts[state].ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + DeviceStateWords.Word(state), For(state));
        }
        return p;
    }
}
